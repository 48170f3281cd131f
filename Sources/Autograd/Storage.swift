/// One flat buffer of numbers a tape owns (its values, or its grads), addressed by node offsets.
///
/// Not an array: the engine's loops read and write it through its pointer, so a step pays no
/// uniqueness check and no reference counting. Only its tape grows or frees it; a pointer into it
/// is good until the next node is appended.
struct Storage {
    private(set) var base: UnsafeMutablePointer<Double>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// Only the owning tape calls this, once, when it goes.
    func free() { base.deallocate() }

    @inline(__always) subscript(i: Int) -> Double {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// A copy of the elements in `range`.
    subscript(range: Range<Int>) -> ArraySlice<Double> {
        ArraySlice(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// Appends `n` copies of `value`.
    mutating func append(_ value: Double, count n: Int) {
        if count + n > capacity {
            capacity = Swift.max(count + n, capacity * 2)
            let grown = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
            grown.initialize(from: base, count: count)
            base.deallocate()
            base = grown
        }
        (base + count).initialize(repeating: value, count: n)
        count += n
    }

    mutating func removeLast(_ n: Int) { count -= n }

    @inline(__always) var buffer: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(buffer))
    }

    @inline(__always)
    func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(buffer)
    }

    var array: [Double] { Array(buffer) }
}
