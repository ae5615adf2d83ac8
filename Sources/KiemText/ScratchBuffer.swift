/// A growable buffer of plain values over raw memory, for hot paths that append one element
/// at a time and reuse the buffer for every message.
///
/// `Array.append` checks uniqueness and capacity on every call; this buffer only checks
/// capacity. It is a value holding a pointer: its owner calls ``deallocate()`` exactly once.
@usableFromInline
struct ScratchBuffer<Element: BitwiseCopyable> {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    @inline(__always) @usableFromInline
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    @usableFromInline
    mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always) @usableFromInline
    mutating func append(_ element: Element) {
        if count == capacity { grow(count + 1) }
        base[count] = element
        count += 1
    }

    @inline(__always) @usableFromInline
    mutating func append(_ elements: [Element]) {
        reserve(elements.count)
        elements.withUnsafeBufferPointer { (base + count).update(from: $0.baseAddress!, count: $0.count) }
        count += elements.count
    }

    @inline(__always) @usableFromInline
    mutating func append(from other: UnsafeMutablePointer<Element>, count extra: Int) {
        reserve(extra)
        (base + count).update(from: other, count: extra)
        count += extra
    }

    @inline(__always) @usableFromInline
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

extension ScratchBuffer where Element == UInt8 {
    /// Appends the UTF-8 encoding of a scalar value.
    @inline(__always) @usableFromInline
    mutating func appendScalar(_ value: UInt32) {
        reserve(4)
        if value < 0x80 {
            base[count] = UInt8(value)
            count += 1
        } else if value < 0x800 {
            base[count] = UInt8(0xC0 | value >> 6)
            base[count + 1] = UInt8(0x80 | value & 0x3F)
            count += 2
        } else if value < 0x10000 {
            base[count] = UInt8(0xE0 | value >> 12)
            base[count + 1] = UInt8(0x80 | value >> 6 & 0x3F)
            base[count + 2] = UInt8(0x80 | value & 0x3F)
            count += 3
        } else {
            base[count] = UInt8(0xF0 | value >> 18 & 0x07)
            base[count + 1] = UInt8(0x80 | value >> 12 & 0x3F)
            base[count + 2] = UInt8(0x80 | value >> 6 & 0x3F)
            base[count + 3] = UInt8(0x80 | value & 0x3F)
            count += 4
        }
    }
}
