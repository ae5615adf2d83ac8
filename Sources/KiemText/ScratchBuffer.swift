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
        count += UTF8Encoding.write(value, to: base + count)
    }
}
