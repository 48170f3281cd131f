import Autograd

/// The live gradient check: backward's gradient beside the central finite-difference estimate,
/// both in float64, so a class can see that backprop computes the true derivative.
public enum GradientCheck {
    /// One param checked element by element.
    public struct Result: Equatable, Sendable {
        public var parameter: Int
        public var name: String
        public var shape: Shape
        /// The batch's loss at the given params (float64).
        public var loss: Double
        /// ∂loss/∂param from backward on a float64 copy of the model.
        public var backward: [Double]
        /// (loss(w + h) − loss(w − h)) / 2h per element checked (`entries`), h = 1e-6 · max(1, |w|).
        public var finiteDifference: [Double]
        /// The elements checked, in order: all of a small tensor, some of a big one (`entriesChecked`).
        public var entries: [Int]
        /// Whether every element was checked.
        public var isWhole: Bool { entries.count == backward.count }
        /// max |fd − bw| over the elements checked.
        public var maxAbsoluteDifference: Double
        /// max |fd − bw| / max(|fd|, |bw|, floor) over the elements (0 when both are exactly 0);
        /// the floor (`noiseFloor`) keeps a gradient of about 0 from reading as a 100% mismatch.
        public var relativeDifference: Double

        /// Whether the two agree to `tolerance` relative (1e-6: "backprop computed the true derivative").
        public func agrees(within tolerance: Double = GradientCheck.tolerance) -> Bool { relativeDifference <= tolerance }
    }

    /// Past this relative difference between backward and the finite difference (both float64), the check fails.
    public static let tolerance = 1e-6

    /// The smallest scale a difference is measured against: a finite difference carries a rounding
    /// error of about 1e-16·|loss| / 1e-6, so a true gradient of 0 comes out near 1e-10·|loss|, not 0.
    public static func noiseFloor(loss: Double) -> Double { 1e-3 * max(1, loss.isFinite ? abs(loss) : 1) }

    /// The most elements one check steps, two forward passes each: a check of all 1024 of digits'
    /// W1 froze the screen for 5 s at its AccumulateGrad, in front of a class.
    public static let mostEntries = 48

    /// The elements a check of a tensor with these gradients steps: all when they are few, else the
    /// half with the largest |gradient| (where a wrong rule shows most) and the rest spread evenly
    /// over the tensor, in order.
    public static func entriesChecked(_ grads: [Double]) -> [Int] {
        guard grads.count > mostEntries else { return Array(grads.indices) }
        let size = grads.map { $0.isNaN ? Double.infinity : abs($0) }
        let largest = grads.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }.prefix(mostEntries / 2)
        var chosen = Array(repeating: false, count: grads.count)
        for i in largest { chosen[i] = true }
        let spread = mostEntries - largest.count
        for k in 0..<spread { chosen[k * grads.count / spread] = true }
        return grads.indices.filter { chosen[$0] }
    }

    /// The step for an element: relative to the value, so a large weight is not moved by a rounding error.
    public static func step(for value: Double) -> Double { 1e-6 * max(1, abs(value)) }

    /// Checks param `parameter` of `scenario` at `params` (values before the update, e.g.
    /// `StepRecord.paramsBefore`) on batch `batch` (`StepRecord.batch`); nil when an index is out of range.
    public static func check(scenario: Scenario, params: [[Double]], batch: Int, parameter: Int) -> Result? {
        guard let surface = LossSurface(scenario: scenario, params: params, batch: batch) else { return nil }
        return check(surface, parameter: parameter)
    }

    /// The check on a surface already built (one backward, two forward passes per element).
    public static func check(_ surface: LossSurface, parameter p: Int) -> Result? {
        guard p >= 0, p < surface.base.count, let (loss, grads) = surface.lossAndGradients() else { return nil }
        let values = surface.base[p]
        let backward = grads[p]
        let entries = entriesChecked(backward)
        var fd: [Double] = []
        fd.reserveCapacity(entries.count)
        for i in entries {
            let w = values[i], h = step(for: w)
            // Divide by the distance actually stepped: w + h and w − h are rounded, 2h is not.
            let plus = w + h, minus = w - h
            let c = LossSurface.Coordinate(parameter: p, element: i)
            fd.append((surface.loss(with: [(c, plus)]) - surface.loss(with: [(c, minus)])) / (plus - minus))
        }
        let (absolute, relative) = difference(fd, entries.map { backward[$0] }, floor: noiseFloor(loss: loss))
        return Result(parameter: p, name: surface.names[p], shape: surface.shapes[p], loss: loss, backward: backward,
                      finiteDifference: fd, entries: entries, maxAbsoluteDifference: absolute, relativeDifference: relative)
    }

    /// max |a − b| and max |a − b| / max(|a|, |b|, floor) over the elements (0 when both are exactly 0).
    public static func difference(_ a: [Double], _ b: [Double], floor: Double = 0) -> (absolute: Double, relative: Double) {
        var absolute = 0.0, scale = floor
        for (f, b) in zip(a, b) {
            let d = abs(f - b)
            // A nan on either side must not hide behind max(), which ignores it.
            absolute = d.isNaN ? .nan : (absolute.isNaN ? absolute : max(absolute, d))
            scale = max(scale, abs(f), abs(b))
        }
        let relative = absolute.isNaN ? .nan : (absolute == 0 ? 0 : absolute / max(scale, .leastNormalMagnitude))
        return (absolute, relative)
    }
}
