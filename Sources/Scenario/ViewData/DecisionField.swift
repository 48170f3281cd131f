import Autograd

/// The model's output over the plane of its two inputs, sampled on a grid: what the decision
/// boundary panel colours, with the data points on top. One forward pass of the whole grid as a
/// batch, with the params as they are when a step starts.
public struct DecisionField: Equatable, Sendable {
    /// The step whose params made the field.
    public var step: Int
    /// Grid samples across (x1) and down (x2, the top row at the largest x2).
    public var columns: Int
    public var rows: Int
    public var x1: ClosedRange<Double>
    public var x2: ClosedRange<Double>
    /// y_pred at each grid point, row by row from the top.
    public var values: [Double]
    /// The data: each sample's two inputs and its label.
    public var points: [(x1: Double, x2: Double, label: Double)]

    public init(step: Int, columns: Int, rows: Int, x1: ClosedRange<Double>, x2: ClosedRange<Double>, values: [Double],
                points: [(x1: Double, x2: Double, label: Double)]) {
        self.step = step
        self.columns = columns
        self.rows = rows
        self.x1 = x1
        self.x2 = x2
        self.values = values
        self.points = points
    }

    public static func == (a: DecisionField, b: DecisionField) -> Bool {
        a.step == b.step && a.columns == b.columns && a.rows == b.rows && a.x1 == b.x1 && a.x2 == b.x2
            && a.values == b.values && a.points.count == b.points.count
    }

    /// How the model's two inputs are written: one column of two numbers, two number columns, or
    /// features computed from two number columns (the plane is theirs, as Playground draws it).
    enum Inputs {
        case vector(String)
        case pair(String, String)
        case features(Features)
    }

    static func inputs(of scenario: Scenario) -> Inputs? {
        let program = scenario.program
        let names = Array(program.columns[..<program.inputCount])
        if let features = scenario.features, names == [features.target], features.sources.count == 2,
           features.sources.allSatisfy({ s in scenario.data.contains { $0.name == s && $0.vectorLength == nil } }) {
            return .features(features)
        }
        let columns = names.compactMap { n in scenario.data.first { $0.name == n } }
        guard columns.count == names.count else { return nil }
        if columns.count == 1, columns[0].vectorLength == 2 { return .vector(columns[0].name) }
        if columns.count == 2, columns.allSatisfy({ $0.vectorLength == nil }) { return .pair(columns[0].name, columns[1].name) }
        return nil
    }

    /// Whether the scenario has a plane to draw: two inputs and one output per sample.
    public static func applies(to scenario: Scenario, firstStep: StepRecord) -> Bool {
        guard inputs(of: scenario) != nil, scenario.program.yPredSlot < scenario.program.instructions.count else { return false }
        let yPred = firstStep.nodes.indices.first { firstStep.label($0) == "y_pred" }
        return yPred.map { firstStep.nodes[$0].shape.rows == 1 } ?? false
    }

    /// The samples' inputs and labels (the first target column), in file order.
    static func points(of scenario: Scenario) -> [(x1: Double, x2: Double, label: Double)] {
        guard let inputs = inputs(of: scenario) else { return [] }
        let program = scenario.program
        let target = program.columns.count > program.inputCount ? scenario.data.first { $0.name == program.columns[program.inputCount] } : nil
        let labels = target.map { t in (0..<t.count).map { t.value($0) } } ?? []
        func column(_ name: String) -> [Double] { scenario.data.first { $0.name == name }.map { c in (0..<c.count).map { c.value($0) } } ?? [] }
        let pairs: [(Double, Double)]
        switch inputs {
        case .vector(let name):
            pairs = scenario.data.first { $0.name == name }.map { c in c.width < 2 ? [] : (0..<c.count).map { (c.value($0, 0), c.value($0, 1)) } } ?? []
        case .pair(let a, let b):
            pairs = Array(zip(column(a), column(b)))
        case .features(let features):
            pairs = Array(zip(column(features.sources[0]), column(features.sources[1])))
        }
        return pairs.enumerated().map { i, p in (p.0, p.1, i < labels.count ? labels[i] : .nan) }
    }

    /// The field of `scenario` with `params` (in the program's order) on a `columns` × `rows` grid
    /// spanning the data with a margin; nil when the model has no plane of two inputs.
    /// `rowAspect` is a grid row's height in grid columns' widths on the screen (2 for a terminal
    /// cell, 1 for half a cell): the spans widen so one unit of x1 is as long as one of x2 (a circle
    /// stays round); nil keeps the data's own spans.
    public static func make(scenario: Scenario, params: [[Double]], step: Int, columns: Int, rows: Int,
                            rowAspect: Double? = nil) throws -> DecisionField? {
        guard let plane = try run(scenario: scenario, params: params, columns: columns, rows: rows, rowAspect: rowAspect) else { return nil }
        return DecisionField(step: step, columns: columns, rows: rows, x1: plane.x1, x2: plane.x2, values: plane.yPred, points: plane.points)
    }

    /// The model run once on the grid as a batch (a column per grid point, row by row from the
    /// top): its runner holds every node's values for the grid (the unit pictures read the layers).
    static func run(scenario: Scenario, params: [[Double]], columns: Int, rows: Int, rowAspect: Double? = nil) throws
        -> (runner: ModelRunner, yPred: [Double], x1: ClosedRange<Double>, x2: ClosedRange<Double>, points: [(x1: Double, x2: Double, label: Double)])? {
        guard let inputs = inputs(of: scenario), columns > 0, rows > 0 else { return nil }
        let points = points(of: scenario)
        func span(_ values: [Double]) -> ClosedRange<Double> {
            let finite = values.filter(\.isFinite)
            guard let lo = finite.min(), let hi = finite.max() else { return -1...1 }
            let margin = max(hi - lo, 1e-9) * 0.08
            return (lo - margin)...(hi + margin)
        }
        var x1 = span(points.map(\.x1)), x2 = span(points.map(\.x2))
        if let rowAspect, rowAspect > 0 {
            (x1, x2) = square(x1, x2, columns: columns, rows: rows, rowAspect: rowAspect)
        }
        let n = columns * rows
        var a = [Double](repeating: 0, count: n), b = [Double](repeating: 0, count: n)
        for r in 0..<rows {
            let v = x2.upperBound - (Double(r) + 0.5) / Double(rows) * (x2.upperBound - x2.lowerBound)
            for c in 0..<columns {
                a[r * columns + c] = x1.lowerBound + (Double(c) + 0.5) / Double(columns) * (x1.upperBound - x1.lowerBound)
                b[r * columns + c] = v
            }
        }
        let runner = ModelRunner(scenario: scenario, program: scenario.program)
        for (i, p) in runner.parameters.enumerated() where i < params.count { runner.tape.setValue(p, params[i]) }
        let batch: [(values: [Double], shape: Shape)]
        switch inputs {
        case .vector: batch = [(a + b, .matrix(2, n))]
        case .pair: batch = [(a, .matrix(1, n)), (b, .matrix(1, n))]
        case .features(let features):
            // Each grid point's features, as the data's were built; samples are columns.
            let k = features.list.count
            var x = [Double](repeating: 0, count: k * n)
            for j in 0..<n {
                for (f, v) in features.vector([a[j], b[j]]).enumerated() { x[f * n + j] = v }
            }
            batch = [(x, .matrix(k, n))]
        }
        let y = try runner.predict(batch)
        let values = y.value
        guard values.count == n else { return nil }
        return (runner, values, x1, x2, points)
    }

    /// The spans widened about their middles so a grid column spans as much x1 as `1 / rowAspect`
    /// of a grid row spans x2: equal units on both axes on a screen whose rows are `rowAspect`
    /// columns tall.
    static func square(_ x1: ClosedRange<Double>, _ x2: ClosedRange<Double>, columns: Int, rows: Int,
                       rowAspect: Double) -> (ClosedRange<Double>, ClosedRange<Double>) {
        let w1 = x1.upperBound - x1.lowerBound, w2 = x2.upperBound - x2.lowerBound
        let across = Double(max(1, columns)), down = Double(max(1, rows)) * rowAspect
        let unit = max(w1 / across, w2 / down)
        guard unit.isFinite, unit > 0 else { return (x1, x2) }
        func widened(_ r: ClosedRange<Double>, to width: Double) -> ClosedRange<Double> {
            let middle = (r.lowerBound + r.upperBound) / 2
            return (middle - width / 2)...(middle + width / 2)
        }
        return (widened(x1, to: unit * across), widened(x2, to: unit * down))
    }

    /// The grid cell (column, row) a point falls in, if it is inside the plane.
    public func cell(of x1Value: Double, _ x2Value: Double) -> (column: Int, row: Int)? {
        guard x1.contains(x1Value), x2.contains(x2Value) else { return nil }
        let c = Int(clamping: (x1Value - x1.lowerBound) / (x1.upperBound - x1.lowerBound) * Double(columns), to: 0...max(0, columns))
        let r = Int(clamping: (x2.upperBound - x2Value) / (x2.upperBound - x2.lowerBound) * Double(rows), to: 0...max(0, rows))
        return (min(c, columns - 1), min(r, rows - 1))
    }

    /// A value's level among `levels` equal slices of 0…1: 0 surely class 0, the middle one
    /// undecided (ŷ ≈ 0.5), the last surely class 1; nan counts as undecided.
    public static func level(_ v: Double, levels: Int) -> Int {
        guard v.isFinite, levels > 1 else { return max(0, levels / 2) }
        return Int(clamping: v * Double(levels), to: 0...(levels - 1))
    }
}
