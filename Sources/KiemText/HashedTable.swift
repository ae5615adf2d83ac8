/// A read-only table from 64-bit hashes to values, by open addressing.
///
/// The hot loops already hash each word (FNV-1a) as they read it; this table takes that hash as
/// its key, so a lookup is one mix, a mask and a probe or two, without the seeded re-hashing
/// that `Dictionary` does on every lookup. Most words looked up are in no table (teencode, bank
/// names, first words of phrases): a 4,096-bit filter on the key's low bits says so with one
/// load, before any mixing or probing.
@usableFromInline
struct HashedTable<Value: Sendable>: Sendable {
    @usableFromInline let keys: [UInt64]
    @usableFromInline let values: [Value?]
    @usableFromInline let mask: Int
    @usableFromInline let filter: [UInt64]

    /// A table of `entries`; a key seen twice keeps its first value.
    init(_ entries: [(key: UInt64, value: Value)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        var filter = [UInt64](repeating: 0, count: 64)
        for (key, value) in entries {
            let bit = Self.filterBit(key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            var slot = Self.slot(key, mask: capacity - 1)
            while values[slot] != nil && keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
            if values[slot] == nil {
                keys[slot] = key
                values[slot] = value
            }
        }
        self.keys = keys
        self.values = values
        self.filter = filter
        mask = capacity - 1
    }

    @inlinable @inline(__always)
    static func filterBit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: key) & 4095
    }

    @inlinable @inline(__always)
    static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: Hashing.finalize(key)) & mask
    }

    /// The value filed under `key`, if any.
    @inlinable @inline(__always)
    subscript(key: UInt64) -> Value? {
        let bit = Self.filterBit(key)
        guard filter.withUnsafeBufferPointer({ $0[bit >> 6] }) & (1 << UInt64(bit & 63)) != 0 else { return nil }
        var slot = Self.slot(key, mask: mask)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
