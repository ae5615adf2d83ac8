/// A read-only table from 64-bit hashes to values, by open addressing.
///
/// The hot loops already hash each word (FNV-1a) as they read it; this table takes that hash as
/// its key, so a lookup is one mix, a mask and a probe or two, without the seeded re-hashing
/// that `Dictionary` does on every lookup.
struct HashedTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let mask: Int

    /// A table of `entries`; a key seen twice keeps its first value.
    init(_ entries: [(key: UInt64, value: Value)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        for (key, value) in entries {
            var slot = Self.slot(key, mask: capacity - 1)
            while values[slot] != nil && keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
            if values[slot] == nil {
                keys[slot] = key
                values[slot] = value
            }
        }
        self.keys = keys
        self.values = values
        mask = capacity - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: Hashing.finalize(key)) & mask
    }

    /// The value filed under `key`, if any.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        var slot = Self.slot(key, mask: mask)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
