/// Fast non-cryptographic hashes for feature hashing and lookups.
public enum Hashing {
    public static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a over bytes.
    @inlinable
    public static func fnv1a<C: Collection>(_ bytes: C, seed: UInt64 = fnvOffset) -> UInt64 where C.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= fnvPrime
        }
        return hash
    }

    /// Mixes a running hash with one more byte (FNV-1a step).
    @inlinable
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* fnvPrime
    }

    /// A final avalanche so that low bits are well distributed (splitmix64 finalizer).
    @inlinable
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
