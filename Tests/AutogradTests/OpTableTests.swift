import Foundation
import Testing
@testable import Autograd

/// Every elementwise row of the op table against PyTorch's own numbers, bit for bit: the values
/// and the gradients sent back, in float32 and float64. The expected numbers are the data file
/// `references/op_table.py` writes (`Fixtures/op_table.json`); each override of grad · local (div, pow, sigmoid, relu, log,
/// softplus) is pinned here.
struct OpTableTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var op: String
        var float64: Bool
        var a: [Double]
        var b: [Double]? = nil
        var g: [Double]
        var z: [Double]
        var da: [Double]
        var db: [Double]? = nil

        var testDescription: String { op }

        var tableOp: Op? {
            if op.hasPrefix("pow"), let p = Double(op.dropFirst(3)) { return .pow(p) }
            return Op.all.first { $0.symbol == op || $0.name == op }
                ?? ["add": Op.add, "sub": .sub, "mul": .mul, "div": .div, "neg": .neg][op]
        }
    }

    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    /// How many representable numbers of `dtype` lie between x and y.
    static func ulps(_ x: Double, _ y: Double, _ dtype: DType) -> Int {
        if dtype == .float32 { return Int(Float(x).bitPattern.distance(to: Float(y).bitPattern).magnitude) }
        return Int(x.bitPattern.distance(to: y.bitPattern).magnitude)
    }

    /// Bit for bit, except tanh's float64 value: the engine uses the C library's tanh, PyTorch
    /// MKL's, within one unit in the last place of it (float32: TanhSweepTests). Its gradient is
    /// then checked from PyTorch's own z, which pins the backward's order of rounding.
    func expectSame(_ ours: [Double], _ theirs: [Double], _ c: Case, _ dtype: DType, _ what: String) {
        if (c.op == "sin" || c.op == "cos") && dtype == .float32 {
            // PyTorch's float32 sin and cos (MKL's) are 1 ulp off the correctly rounded value for about one input in 20.
            #expect(ours.count == theirs.count && zip(ours, theirs).allSatisfy { Self.ulps($0, $1, dtype) <= 1 }, "\(c.op) \(what) within 1 ulp")
        } else if c.op == "tanh" && what == "value" && dtype == .float64 {
            #expect(ours.count == theirs.count && zip(ours, theirs).allSatisfy { Self.ulps($0, $1, dtype) <= 1 }, "\(what) within 1 ulp")
        } else if c.op == "tanh" && what == "value" {
            #expect(Self.bits(ours) == Self.bits(theirs), "tanh value in float32")
        } else if c.op == "tanh" {
            guard case .elementwise(let rule) = OpRow.tanh.kernel, let gradient = rule.gradient else { Issue.record("tanh has its own rule"); return }
            let fromTheirZ = zip(c.g, c.z).map { g, z in gradient(0, g, Element(a: 0, b: 0, z: z, p: 0, dtype: dtype)) }
            #expect(Self.bits(fromTheirZ) == Self.bits(theirs), "tanh backward from PyTorch's z in \(dtype)")
        } else {
            #expect(Self.bits(ours) == Self.bits(theirs), "\(c.op) \(what) in \(dtype)")
        }
    }

    func run(_ c: Case, _ dtype: DType) throws {
        let op = try #require(c.tableOp)
        let tape = Tape(dtype: dtype)
        let n = c.a.count
        let a = tape.parameter(c.a, shape: .vector(n), name: "a")
        let b = c.b.map { tape.parameter($0, shape: .vector(n), name: "b") }
        let g = tape.input(c.g, shape: .vector(n))
        let z = try tape.apply(op, a, b)
        expectSame(z.value, c.z, c, dtype, "value")
        try (z * g).sum().backward()
        expectSame(a.grad ?? [], c.da, c, dtype, "gradient to a")
        if let b, let db = c.db { expectSame(b.grad ?? [], db, c, dtype, "gradient to b") }
    }

    @Test(arguments: float32Cases) func float32RowsEqualPyTorchBitForBit(_ c: Case) throws { try run(c, .float32) }
    @Test(arguments: float64Cases) func float64RowsEqualPyTorchBitForBit(_ c: Case) throws { try run(c, .float64) }

    /// `Op.all` is derived from the kinds, each op once, and each op's kind gives it back.
    @Test func everyKindIsOneOpOfTheTable() {
        #expect(Op.all.count == Op.Kind.allCases.count)
        #expect(Op.all.map(\.kind) == Op.Kind.allCases.map { Optional($0) })
        #expect(Op.pow(0.5).kind == .pow && Op.pow(0.5).row === Op.pow(2).row)
    }

    /// The neuron view's activations and the graph's short titles come from the rows.
    @Test func rowsSayWhichOpsAreActivationsAndTheirShortSymbols() {
        #expect(Op.all.filter(\.isActivation) == [.sigmoid, .tanh, .relu])
        #expect(Op.sigmoid.shortSymbol == "σ" && Op.crossEntropy.shortSymbol == "CE")
        #expect(Op.all.filter { $0.shortSymbol != nil } == [.sigmoid, .crossEntropy])
    }

    @Test func everyOpHasOneRowWithItsOwnNames() {
        let symbols = Op.all.map(\.symbol), names = Op.all.compactMap(\.name)
        #expect(Set(symbols).count == symbols.count)
        #expect(Set(names).count == names.count)
        #expect(FunctionTable.standard.function(named: "softplus") == .softplus)
        #expect(FunctionTable.standard.function(named: "abs") == .abs)
        #expect(FunctionTable.standard.function(named: "nonsense") == nil)
        for op in Op.all where !op.isLeaf {
            #expect(op.localFormulas.count == op.arity, "\(op) has a local derivative per operand")
            #expect(op.pytorch != nil, "\(op) says how PyTorch spells it")
        }
    }

    /// Each op's grad_fn as `print(z.grad_fn)` shows it in PyTorch (references/grad_fn.py printed them).
    @Test func gradFnNamesArePyTorchs() throws {
        let pytorch: [String: String] = [
            "add": "AddBackward0",
            "sub": "SubBackward0",
            "mul": "MulBackward0",
            "div": "DivBackward0",
            "neg": "NegBackward0",
            "pow": "PowBackward0",
            "matmul": "MmBackward0",
            "transpose": "PermuteBackward0",
            "sigmoid": "SigmoidBackward0",
            "tanh": "TanhBackward0",
            "relu": "ReluBackward0",
            "exp": "ExpBackward0",
            "log": "LogBackward0",
            "softplus": "SoftplusBackward0",
            "abs": "AbsBackward0",
            "sin": "SinBackward0",
            "cos": "CosBackward0",
            "sum": "SumBackward0",
            "mean": "MeanBackward0",
            "softmax": "SoftmaxBackward0",
            "crossEntropy": "NllLossBackward0",
            "sub after a number": "RsubBackward1",
            "div after a number": "MulBackward0",
            "param": "AccumulateGrad",
        ]
        let ops: [String: Op] = ["add": .add, "sub": .sub, "mul": .mul, "div": .div, "neg": .neg, "pow": .pow(2), "matmul": .matmul,
                                 "transpose": .transpose, "crossEntropy": .crossEntropy, "param": .param]
        for op in Op.all where op != .input && op != .constant {
            let key = ops.first { $0.value == op }?.key ?? op.name ?? ""
            #expect(op.gradFn() == pytorch[key], "\(key)")
        }
        #expect(Op.sub.gradFn(afterNumber: true) == pytorch["sub after a number"])
        #expect(Op.div.gradFn(afterNumber: true) == pytorch["div after a number"])
        #expect(Op.mul.gradFn(afterNumber: true) == "MulBackward0")
        #expect(Op.input.gradFn() == nil && Op.constant.gradFn() == nil)
    }

    @Test func formulasAreTermsWithOperandSlots() {
        #expect(Op.mul.valueFormula == [.operand(0), .times, .operand(1)])
        #expect(Op.mul.valueFormula.rendered(operand: { ["x", "w"][$0] }) == "x · w")
        #expect(Op.mul.valueFormula.rendered(operand: { ["1.0", "2.0"][$0] }, times: "×") == "1.0 × 2.0")
        #expect(Op.softplus.localFormulas[0].rendered(operand: { _ in "z1" }) == "sigmoid(z1)")
        #expect(Op.matmul.gradientFormulas[0].rendered(operand: { ["W2", "h"][$0] }, upstream: "∂loss/∂z3") == "∂loss/∂z3 · hᵀ")
        #expect(Op.matmul.gradientFormulas[1].rendered(operand: { ["W2", "h"][$0] }, upstream: "∂loss/∂z3") == "W2ᵀ · ∂loss/∂z3")
        #expect(Op.sigmoid.gradientFormulas[0].rendered(operand: { _ in "a" }, result: "h") == "∂loss/∂z · h·(1-h)")
        // The letter forms the screens read today.
        #expect(Op.matmul.formula == "A @ B" && Op.matmul.localDerivatives == ["· Bᵀ", "Aᵀ ·"])
        #expect(Op.pow(2).formula == "a^2" && Op.pow(2).localDerivatives == ["2·a"] && Op.pow(2).symbol == "^2")
        #expect(Op.div.localDerivatives == ["1/b", "-a/b²"])
    }

    @Test func localDerivativesAsNumbers() {
        #expect(Op.abs.localDerivative(slot: 0, a: -3, b: 0, z: 3, count: 1) == -1)
        #expect(Op.abs.localDerivative(slot: 0, a: 0, b: 0, z: 0, count: 1) == 0)
        #expect(Op.mean.localDerivative(slot: 0, a: 0, b: 0, z: 0, count: 4) == 0.25)
        #expect(Op.matmul.localDerivative(slot: 0, a: 1, b: 2, z: 2, count: 1) == nil)
        let s = 1 / (1 + Foundation.exp(-0.5))
        #expect(Op.softplus.localDerivative(slot: 0, a: 0.5, b: 0, z: 0, count: 1).map { Swift.abs($0 - s) < 1e-15 } == true)
    }

    static let float32Cases = OpTableData.shared.elementwise.filter { !$0.float64 }
    static let float64Cases = OpTableData.shared.elementwise.filter(\.float64)

    /// sin and cos, from their own block of references/op_table.py.
    @Test(arguments: trigonometric32) func float32SinAndCosEqualPyTorchBitForBit(_ c: Case) throws { try run(c, .float32) }
    @Test(arguments: trigonometric64) func float64SinAndCosEqualPyTorchBitForBit(_ c: Case) throws { try run(c, .float64) }

    static let trigonometric32 = OpTableData.shared.trigonometric.filter { !$0.float64 }
    static let trigonometric64 = OpTableData.shared.trigonometric.filter(\.float64)
}

/// sum and mean add as PyTorch's cascade sum adds (references/op_table.py made the numbers).
struct ReductionTests {
    struct Reduction: Decodable, Sendable, CustomTestStringConvertible {
        var float64: Bool, x: [Double], sum: Double, mean: Double
        var testDescription: String { "\(x.count) numbers in \(float64 ? "float64" : "float32")" }
    }

    @Test(arguments: cases) func sumAndMeanEqualPyTorchBitForBit(_ c: Reduction) throws {
        let tape = Tape(dtype: c.float64 ? .float64 : .float32)
        let x = tape.input(c.x, shape: .vector(c.x.count))
        #expect(try x.sum().item.bitPattern == c.sum.bitPattern)
        #expect(try x.mean().item.bitPattern == c.mean.bitPattern)
    }

    static let cases = OpTableData.shared.reductions
}

/// The numbers `references/op_table.py` had PyTorch compute, as it wrote them (`Fixtures/op_table.json`).
struct OpTableData: Decodable, Sendable {
    var elementwise: [OpTableTests.Case]
    var reductions: [ReductionTests.Reduction]
    var trigonometric: [OpTableTests.Case]

    static let shared: OpTableData = {
        guard let url = Bundle.module.url(forResource: "op_table", withExtension: "json", subdirectory: "Fixtures"),
              let bytes = try? Data(contentsOf: url), let data = try? JSONDecoder().decode(OpTableData.self, from: bytes) else {
            // No cases, and a test that says why (below), rather than a crash while the suite is listed.
            return OpTableData(elementwise: [], reductions: [], trigonometric: [])
        }
        return data
    }()
}

@Test func opTableDataIsThere() {
    #expect(!OpTableData.shared.elementwise.isEmpty && !OpTableData.shared.trigonometric.isEmpty && !OpTableData.shared.reductions.isEmpty,
            "Fixtures/op_table.json is missing or unreadable: run python3 references/op_table.py")
}
