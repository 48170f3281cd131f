/// One flat buffer of numbers a tape owns (its values, or its grads), addressed by node offsets:
/// `Float`s on a float32 tape, `Double`s on a float64 one, so the compiled step computes float32
/// in float32 (no conversion to round through) and a float32 tape needs half the memory.
///
/// Not an array: the engine's loops read and write it through its pointer, so a step pays no
/// uniqueness check and no reference counting. Only its tape grows or frees it; a pointer into it
/// is good until the next node is appended. Code that is not a hot loop reads and writes it as
/// Double through the subscript.
struct Storage {
    /// Float elements (a float32 tape), else Double.
    let isFloat: Bool
    private(set) var raw: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int, dtype: DType) {
        isFloat = dtype == .float32
        self.capacity = Swift.max(capacity, 16)
        raw = Self.allocate(self.capacity, isFloat)
    }

    private static func allocate(_ capacity: Int, _ isFloat: Bool) -> UnsafeMutableRawPointer {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * 8, alignment: 64)
        if isFloat { raw.bindMemory(to: Float.self, capacity: capacity) } else { raw.bindMemory(to: Double.self, capacity: capacity) }
        return raw
    }

    /// Only the owning tape calls this, once, when it goes.
    func free() { raw.deallocate() }

    /// The elements of a float32 tape.
    @inline(__always) var floats: UnsafeMutablePointer<Float> { raw.assumingMemoryBound(to: Float.self) }
    /// The elements of a float64 tape.
    @inline(__always) var doubles: UnsafeMutablePointer<Double> { raw.assumingMemoryBound(to: Double.self) }

    /// The elements as the loop's own type (`S` is Float exactly when the storage is).
    @inline(__always) func elements<S: EngineScalar>(_: S.Type) -> UnsafeMutablePointer<S> { raw.assumingMemoryBound(to: S.self) }

    /// Element i, widened to Double; a Double stored into a float32 tape is rounded to float32.
    @inline(__always) subscript(i: Int) -> Double {
        get { isFloat ? Double(floats[i]) : doubles[i] }
        nonmutating set {
            if isFloat { floats[i] = Float(newValue) } else { doubles[i] = newValue }
        }
    }

    /// A copy of the elements in `range`, as Double.
    subscript(range: Range<Int>) -> ArraySlice<Double> {
        if isFloat { return ArraySlice(UnsafeBufferPointer(start: floats + range.lowerBound, count: range.count).map(Double.init)) }
        return ArraySlice(UnsafeBufferPointer(start: doubles + range.lowerBound, count: range.count))
    }

    /// Appends `n` copies of `value`.
    mutating func append(_ value: Double, count n: Int) {
        if count + n > capacity {
            capacity = Swift.max(count + n, capacity * 2)
            let grown = Self.allocate(capacity, isFloat)
            grown.copyMemory(from: raw, byteCount: count * (isFloat ? 4 : 8))
            raw.deallocate()
            raw = grown
        }
        if isFloat { (floats + count).initialize(repeating: Float(value), count: n) } else { (doubles + count).initialize(repeating: value, count: n) }
        count += n
    }

    mutating func removeLast(_ n: Int) { count -= n }

    /// Sets elements `range` to `value` (the loop in the storage's own type).
    @inline(__always)
    func fill(_ range: Range<Int>, with value: Double) {
        if isFloat {
            let v = Float(value), f = floats
            for i in range { f[i] = v }
        } else {
            let d = doubles
            for i in range { d[i] = value }
        }
    }

    /// Every element, as Double: one array made in one pass (a slice copied into an array held two
    /// copies of a 10⁶-wide tape at once).
    var array: [Double] {
        if isFloat { return UnsafeBufferPointer(start: floats, count: count).map(Double.init) }
        return Array(UnsafeBufferPointer(start: doubles, count: count))
    }
}
