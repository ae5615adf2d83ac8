#if canImport(Glibc)
@_exported import Glibc
#endif
import KiemText

/// The code paths under fuzzing: normalization and entity extraction over raw bytes.
enum FuzzTargets {
    nonisolated(unsafe) static let normalizer = Normalizer()

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = normalizer.normalize(bytes: bytes)
        precondition(UTF8Encoding.isValid(text.folded.withUnsafeBufferPointer { $0 }))
    }
}
