// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    // The hot paths keep scratch buffers in classes; dynamic exclusivity checks on them cost
    // more than the work itself. Debug builds (and the tests) keep the checks.
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Kiem",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "KiemText", targets: ["KiemText"]),
        .library(name: "KiemDetect", targets: ["KiemDetect"]),
        .executable(name: "kiem", targets: ["kiem"]),
        .executable(name: "kiem-fuzz", targets: ["KiemFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "KiemText", swiftSettings: strict),
        .target(
            name: "KiemDetect",
            dependencies: ["KiemText", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "KiemDefaults",
            dependencies: ["KiemDetect"],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kiem",
            dependencies: ["KiemText", "KiemDetect", "KiemDefaults", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "KiemFuzz",
            dependencies: ["KiemText", "KiemDetect"],
            path: "Fuzz",
            exclude: ["corpus"],
            swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])]
        ),
        .testTarget(name: "KiemTextTests", dependencies: ["KiemText"], swiftSettings: strict),
        .testTarget(name: "KiemDetectTests", dependencies: ["KiemDetect", "KiemText", "KiemDefaults"], swiftSettings: strict),
        .testTarget(name: "kiemTests", dependencies: ["kiem"], swiftSettings: strict),
    ]
)
