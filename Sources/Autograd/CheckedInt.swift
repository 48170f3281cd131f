/// Whole numbers from floating-point ones without a trap: Swift's `Int(_: Double)` kills the
/// process on nan, ±inf or anything past Int's range (a `--speed 1e100` once did, with the
/// terminal left raw), and numbers here come from files, flags and training that diverges.
extension Int {
    /// `value` rounded toward zero (as `Int(_:)` rounds) and held to `bounds`; nan gives the lower bound.
    @inlinable
    public init(clamping value: Double, to bounds: ClosedRange<Int>) {
        if value.isNaN {
            self = bounds.lowerBound
        } else if value <= Double(bounds.lowerBound) {
            self = bounds.lowerBound
        } else if value >= Double(bounds.upperBound) {
            self = bounds.upperBound
        } else {
            // Strictly inside bounds that are Ints, so representable.
            self = Int(exactly: value.rounded(.towardZero)) ?? bounds.lowerBound
        }
    }

    /// The trapping conversion, shadowed so that using it is a compile error (warnings are errors
    /// in every target): each conversion says what it does with nan, infinity and huge values.
    @available(*, deprecated, message: "Int(_: Double) traps on nan, inf and huge values: use Int(clamping:to:) or Int(exactly:)")
    @inlinable
    public init(_ value: Double) { self.init(clamping: value, to: Int.min...Int.max) }

    @available(*, deprecated, message: "Int(_: Float) traps on nan, inf and huge values: use Int(clamping: Double(x), to:) or Int(exactly:)")
    @inlinable
    public init(_ value: Float) { self.init(clamping: Double(value), to: Int.min...Int.max) }
}
