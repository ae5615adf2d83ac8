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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // A cache prefetch hint for the model's weight rows (C, as Swift has no spelling for it).
        .target(name: "CKiemPrefetch"),
        .target(name: "KiemText", dependencies: ["CKiemPrefetch"], swiftSettings: strict),
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
        .target(
            name: "KiemStore",
            dependencies: [
                "KiemDetect",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KiemServer",
            dependencies: [
                "KiemText", "KiemDetect", "KiemStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Web/Templates"), .copy("Web/Static")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kiem",
            dependencies: ["KiemText", "KiemDetect", "KiemDefaults", "KiemStore", "KiemServer",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
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
        .target(name: "KiemTestSupport", dependencies: ["KiemStore"], path: "Tests/KiemTestSupport", swiftSettings: strict),
        .testTarget(
            name: "KiemStoreTests",
            dependencies: ["KiemStore", "KiemDetect", "KiemTestSupport", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KiemServerTests",
            dependencies: ["KiemServer", "KiemStore", "KiemDetect", "KiemDefaults", "KiemTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "kiemTests", dependencies: ["kiem", "KiemStore", "KiemTestSupport", .product(name: "SQLKit", package: "sql-kit")], swiftSettings: strict),
    ]
)
