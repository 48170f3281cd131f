import Testing
@testable import Autograd

/// Every op's gradient against central finite differences, in float64.
struct GradientCheckTests {
    typealias Build = (Tape, Tensor, Tensor) throws -> Tensor

    /// Builds loss = sum(f(a, b) * weights) so every output element matters differently.
    func check(_ name: String, aShape: Shape, bShape: Shape, a aValues: [Double], b bValues: [Double],
               tolerance: Double = 1e-6, _ f: @escaping Build) throws {
        func lossAndGrads(_ av: [Double], _ bv: [Double]) throws -> (Double, [Double], [Double]) {
            let tape = Tape(dtype: .float64)
            let a = tape.parameter(av, shape: aShape, name: "a")
            let b = tape.parameter(bv, shape: bShape, name: "b")
            let z = try f(tape, a, b)
            let weights = tape.input((0..<z.shape.count).map { 0.3 + 0.7 * Double($0) }, shape: z.shape)
            let loss = try (z * weights).sum()
            let value = loss.item
            try loss.backward()
            return (value, a.grad ?? [], b.grad ?? [])
        }
        let (_, ga, gb) = try lossAndGrads(aValues, bValues)
        let h = 1e-6
        for (which, values, analytic) in [(0, aValues, ga), (1, bValues, gb)] where !analytic.isEmpty {
            for i in values.indices {
                var plus = values, minus = values
                plus[i] += h
                minus[i] -= h
                let fp = try which == 0 ? lossAndGrads(plus, bValues).0 : lossAndGrads(aValues, plus).0
                let fm = try which == 0 ? lossAndGrads(minus, bValues).0 : lossAndGrads(aValues, minus).0
                let numeric = (fp - fm) / (2 * h)
                let scale = max(1, abs(numeric), abs(analytic[i]))
                #expect(abs(numeric - analytic[i]) / scale < tolerance, "\(name): input \(which) element \(i): backward \(analytic[i]) vs numeric \(numeric)")
            }
        }
    }

    let m23 = Shape.matrix(2, 3), v2 = Shape.vector(2), v3 = Shape.vector(3)
    let six = [0.5, -1.2, 0.8, 1.5, -0.3, 0.9]
    let sixB = [1.1, 0.4, -0.7, 0.2, 1.3, -0.6]

    @Test func addSubMulDivBroadcastingGradientsMatchFiniteDifferences() throws {
        try check("add", aShape: m23, bShape: v2, a: six, b: [0.3, -0.4]) { try $1 + $2 }
        try check("sub", aShape: m23, bShape: .scalar, a: six, b: [0.7]) { try $1 - $2 }
        try check("mul", aShape: m23, bShape: m23, a: six, b: sixB) { try $1 * $2 }
        try check("mul broadcast", aShape: .scalar, bShape: m23, a: [1.7], b: sixB) { try $1 * $2 }
        try check("div", aShape: m23, bShape: v2, a: six, b: [1.5, -2.0]) { try $1 / $2 }
        try check("div by matrix", aShape: .scalar, bShape: m23, a: [0.9], b: sixB) { try $1 / $2 }
    }

    @Test func unaryGradientsMatchFiniteDifferences() throws {
        try check("neg", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try -a }
        try check("pow 2", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.pow(2) }
        try check("pow 3", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.pow(3) }
        try check("pow -1", aShape: m23, bShape: .scalar, a: sixB, b: [0]) { _, a, _ in try a.pow(-1) }
        try check("pow 0.5", aShape: v3, bShape: .scalar, a: [0.5, 1.5, 2.5], b: [0]) { _, a, _ in try a.pow(0.5) }
        try check("pow 1.7", aShape: v3, bShape: .scalar, a: [0.5, 1.5, 2.5], b: [0]) { _, a, _ in try a.pow(1.7) }
        try check("sigmoid", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.sigmoid() }
        try check("tanh", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.tanh() }
        try check("relu", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.relu() }
        try check("exp", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.exp() }
        try check("log", aShape: v3, bShape: .scalar, a: [0.5, 1.5, 2.5], b: [0]) { _, a, _ in try a.log() }
    }

    @Test func matmulTransposeAndReductionGradientsMatchFiniteDifferences() throws {
        try check("matmul", aShape: m23, bShape: .matrix(3, 2), a: six, b: sixB) { try $1.matmul($2) }
        try check("matmul vector", aShape: m23, bShape: v3, a: six, b: [0.2, -0.5, 0.9]) { try $1.matmul($2) }
        try check("transpose", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.T }
        try check("sum", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.sum() }
        try check("mean", aShape: m23, bShape: .scalar, a: six, b: [0]) { _, a, _ in try a.mean() }
        try check("mlp", aShape: m23, bShape: v2, a: six, b: [0.1, -0.2]) { tape, w, b in
            let x = tape.input([0.5, -1.0, 2.0, 0.3, 0.7, -0.4], shape: .matrix(3, 2))
            return try (w.matmul(x) + b).sigmoid()
        }
    }
}
