import Autograd

/// One batch's loss as a function of the parameters, evaluated in float64 on a private tape: the
/// loss landscape and the gradient check read the model through it.
///
/// It is a class because it owns a tape; make one per use (per frame is cheap for small models)
/// and let it go, nothing is cached anywhere else.
public final class LossSurface {
    /// Parameter names in order of first use (the order of `StepRecord.paramsBefore`).
    public let names: [String]
    public let shapes: [Shape]
    /// The values every evaluation starts from; overrides change one element at a time.
    public let base: [[Double]]
    public let batch: Int
    private let runner: ModelRunner

    /// A float64 copy of `scenario` with the params set to `params` (e.g. `StepRecord.paramsBefore`);
    /// nil when the batch does not exist or the params do not fit the model's.
    public init?(scenario: Scenario, params: [[Double]], batch: Int) {
        var copy = scenario
        // The landscape and the check are about the maths, not float32 rounding: float64 throughout.
        copy.train.dtype = .float64
        let runner = ModelRunner(scenario: copy, program: copy.program)
        guard batch >= 0, batch < runner.batchCount, params.count == runner.parameters.count else { return nil }
        for (p, handle) in runner.parameters.enumerated() {
            guard params[p].count == handle.shape.count else { return nil }
            runner.tape.setValue(handle, params[p])
        }
        self.runner = runner
        self.batch = batch
        base = params
        names = copy.program.parameters
        shapes = runner.parameters.map(\.shape)
    }

    /// One scalar of one param: where a curve or grid varies the model.
    public struct Coordinate: Equatable, Sendable {
        public var parameter: Int
        public var element: Int

        public init(parameter: Int, element: Int = 0) {
            self.parameter = parameter
            self.element = element
        }
    }

    private func isValid(_ c: Coordinate) -> Bool {
        c.parameter >= 0 && c.parameter < base.count && c.element >= 0 && c.element < base[c.parameter].count
    }

    /// The loss with some scalars changed; nan when the forward pass fails or a coordinate is out of range.
    public func loss(with overrides: [(Coordinate, Double)] = []) -> Double {
        guard overrides.allSatisfy({ isValid($0.0) }) else { return .nan }
        apply(overrides)
        defer { restore(overrides) }
        guard let loss = try? runner.run(batch: batch) else { return .nan }
        return loss.item
    }

    /// The loss and every param's gradient from backward (zeros for a param the loss does not use).
    public func lossAndGradients() -> (loss: Double, grads: [[Double]])? {
        guard let loss = try? runner.run(batch: batch) else { return nil }
        let value = loss.item
        // Each backward must start from empty grads, or this surface's earlier calls would add up.
        runner.tape.clearGrad()
        guard (try? runner.tape.backward(loss)) != nil else { return nil }
        let grads = runner.parameters.map { $0.grad ?? [Double](repeating: 0, count: $0.shape.count) }
        return (value, grads)
    }

    private func apply(_ overrides: [(Coordinate, Double)]) {
        for (c, _) in overrides {
            var values = base[c.parameter]
            // Several overrides may hit the same param: apply them all to one copy.
            for (d, v) in overrides where d.parameter == c.parameter { values[d.element] = v }
            runner.tape.setValue(runner.parameters[c.parameter], values)
        }
    }

    private func restore(_ overrides: [(Coordinate, Double)]) {
        for (c, _) in overrides { runner.tape.setValue(runner.parameters[c.parameter], base[c.parameter]) }
    }
}
