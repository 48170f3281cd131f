import Autograd

/// A one-input model's curve ŷ(x) over the input's range, with the data: what the fit view draws.
/// One forward pass of `count` inputs as a batch, with the params given (the model's own dtype).
public struct FitCurve: Equatable, Sendable {
    /// The input's range: the data's (training and held-out samples) with a margin.
    public var x: ClosedRange<Double>
    /// ŷ at `count` evenly spaced inputs from the range's start to its end, both included.
    public var values: [Double]
    /// The name of the input column and of the target column, for the axes.
    public var input: String
    public var target: String
    /// The training samples (x, y), in file order, and the held-out ones.
    public var points: [Point]
    public var testPoints: [Point]

    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    public init(x: ClosedRange<Double>, values: [Double], input: String, target: String, points: [Point], testPoints: [Point] = []) {
        self.x = x
        self.values = values
        self.input = input
        self.target = target
        self.points = points
        self.testPoints = testPoints
    }

    /// The input and target columns when the model has one number in and one number out per sample.
    static func columns(of scenario: Scenario) -> (input: DataColumn, target: DataColumn)? {
        let program = scenario.program
        guard program.inputCount == 1, program.columns.count > 1, scenario.features == nil,
              let input = scenario.data.first(where: { $0.name == program.columns[0] }),
              let target = scenario.data.first(where: { $0.name == program.columns[1] }),
              (input.vectorLength ?? 1) == 1, (target.vectorLength ?? 1) == 1 else { return nil }
        return (input, target)
    }

    /// Whether the model has one input and one output per sample (linear, quadratic, sine …).
    public static func applies(to scenario: Scenario, firstStep: StepRecord) -> Bool {
        guard columns(of: scenario) != nil, scenario.program.yPredSlot < scenario.program.instructions.count,
              let yPred = firstStep.nodes.indices.first(where: { firstStep.label($0) == "y_pred" }) else { return false }
        return firstStep.nodes[yPred].shape.rows == 1 || firstStep.nodes[yPred].shape.count == 1
    }

    /// The curve of `scenario` with `params` (in the program's order) at `count` inputs across the
    /// data's range; nil when the model is not one number in, one number out.
    public static func make(scenario: Scenario, params: [[Double]], count: Int) throws -> FitCurve? {
        guard let (input, target) = columns(of: scenario), count > 1 else { return nil }
        func pairs(_ data: [DataColumn]) -> [Point] {
            guard let xs = data.first(where: { $0.name == input.name }), let ys = data.first(where: { $0.name == target.name }) else { return [] }
            return (0..<min(xs.count, ys.count)).map { Point(x: xs.value($0), y: ys.value($0)) }
        }
        let points = pairs(scenario.data), testPoints = pairs(scenario.test)
        let finite = (points + testPoints).map(\.x).filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        let margin = max(hi - lo, 1e-9) * 0.05 + (hi == lo ? 1 : 0)
        let range = (lo - margin)...(hi + margin)
        let xs = (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
        let runner = ModelRunner(scenario: scenario, program: scenario.program)
        for (i, p) in runner.parameters.enumerated() where i < params.count { runner.tape.setValue(p, params[i]) }
        let y = try runner.predict([(xs, .matrix(1, count))])
        guard y.value.count == count else { return nil }
        return FitCurve(x: range, values: y.value, input: input.name, target: target.name, points: points, testPoints: testPoints)
    }
}
