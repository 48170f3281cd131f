import Foundation

/// Every operation the engine knows; each case's row (`OpRow`) says everything about it.
///
/// Adding an elementwise op: a case here, its kind (the compiler asks for it in three switches), its row
/// and its rule below, and its cases in references/op_table.py. The expression parser, watch
/// expressions, the PyTorch export and the screen read the row. A function row made elsewhere (a
/// test's) is `.added(row)`, callable where a `FunctionTable` that `adding` it is given to the loader.
public enum Op: Equatable, Sendable {
    case input        // data: no gradient needed
    case param        // a weight: backward accumulates into its grad
    case constant
    case add, sub, mul, div
    case neg
    case pow(Double)  // power by a constant exponent
    case matmul
    case transpose
    case sigmoid, tanh, relu, exp, log, softplus, abs, sin, cos
    case sum, mean
    case softmax
    case crossEntropy
    /// A function row from outside the built-in table (`FunctionTable.adding`): it travels the
    /// same paths as the built-in rows, which is how a test proves a new row needs nothing else.
    case added(OpRow)

    /// Every built-in op (pow with exponent 2 standing for all of them), derived from `Kind`: an op cannot
    /// be left out, since `kind` must name a kind for every op and `Kind.op` an op for every kind.
    public static let all: [Op] = Kind.allCases.map(\.op)

    /// An op without pow's exponent: what the table has one row for.
    public enum Kind: CaseIterable, Sendable {
        case input, param, constant, add, sub, mul, div, neg, pow, matmul, transpose
        case sigmoid, tanh, relu, exp, log, softplus, abs, sin, cos, sum, mean, softmax, crossEntropy

        /// The op of this kind (pow with exponent 2).
        public var op: Op {
            switch self {
            case .input: return .input
            case .param: return .param
            case .constant: return .constant
            case .add: return .add
            case .sub: return .sub
            case .mul: return .mul
            case .div: return .div
            case .neg: return .neg
            case .pow: return .pow(2)
            case .matmul: return .matmul
            case .transpose: return .transpose
            case .sigmoid: return .sigmoid
            case .tanh: return .tanh
            case .relu: return .relu
            case .exp: return .exp
            case .log: return .log
            case .softplus: return .softplus
            case .abs: return .abs
            case .sin: return .sin
            case .cos: return .cos
            case .sum: return .sum
            case .mean: return .mean
            case .softmax: return .softmax
            case .crossEntropy: return .crossEntropy
            }
        }

        /// Its row of the table.
        public var row: OpRow { op.row }
    }

    /// The op's kind; nil for an added row, which is not one of the built-in kinds.
    public var kind: Kind? {
        switch self {
        case .added: return nil
        case .input: return .input
        case .param: return .param
        case .constant: return .constant
        case .add: return .add
        case .sub: return .sub
        case .mul: return .mul
        case .div: return .div
        case .neg: return .neg
        case .pow: return .pow
        case .matmul: return .matmul
        case .transpose: return .transpose
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        case .exp: return .exp
        case .log: return .log
        case .softplus: return .softplus
        case .abs: return .abs
        case .sin: return .sin
        case .cos: return .cos
        case .sum: return .sum
        case .mean: return .mean
        case .softmax: return .softmax
        case .crossEntropy: return .crossEntropy
        }
    }

    /// Its row of the table (pow's row for every exponent).
    public var row: OpRow {
        switch self {
        case .added(let row): return row
        case .input: return .input
        case .param: return .param
        case .constant: return .constant
        case .add: return .add
        case .sub: return .sub
        case .mul: return .mul
        case .div: return .div
        case .neg: return .neg
        case .pow: return .pow
        case .matmul: return .matmul
        case .transpose: return .transpose
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        case .exp: return .exp
        case .log: return .log
        case .softplus: return .softplus
        case .abs: return .abs
        case .sin: return .sin
        case .cos: return .cos
        case .sum: return .sum
        case .mean: return .mean
        case .softmax: return .softmax
        case .crossEntropy: return .crossEntropy
        }
    }
}

// MARK: the elementwise rows

extension OpRow {
    static let add = OpRow(
        symbol: "+", pytorch: .operator("+"), arity: 2, formula: .infix("+"), locals: [["1"], ["1"]], gradFn: "AddBackward0",
        kernel: .elementwise(Elementwise(AddRule.self)))
    /// PyTorch's AddBackward passes the gradient through as it is: the same number as grad · 1
    /// rounded, with one rounding fewer on a training step's critical path.
    enum AddRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.r(e.a + e.b) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { 1 }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { g }
    }

    static let sub = OpRow(
        symbol: "-", pytorch: .operator("-"), arity: 2, formula: .infix("-"), locals: [["1"], ["-1"]], gradFn: "SubBackward0", gradFnAfterNumber: "RsubBackward1",
        kernel: .elementwise(Elementwise(SubRule.self)))
    /// PyTorch's SubBackward sends grad and −grad (a negation, exact, not a product to round).
    enum SubRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.r(e.a - e.b) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { slot == 0 ? 1 : -1 }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { slot == 0 ? g : -g }
    }

    static let mul = OpRow(
        symbol: "×", pytorch: .operator("*"), arity: 2, formula: [.operand(0), .times, .operand(1)],
        locals: [[.operand(1)], [.operand(0)]], gradFn: "MulBackward0",
        kernel: .elementwise(Elementwise(MulRule.self)))
    enum MulRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.r(e.a * e.b) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { slot == 0 ? e.b : e.a }
    }

    /// Real division, not a · b⁻¹ (not bit-equal in float32); PyTorch's div_backward computes
    /// grad / b and −grad · ((a / b) / b).
    static let div = OpRow(
        symbol: "÷", pytorch: .operator("/"), arity: 2, formula: .infix("/"),
        locals: [[.text("1/"), .operand(1)], [.text("-"), .operand(0), .text("/"), .operand(1), .text("²")]], gradFn: "DivBackward0", gradFnAfterNumber: "MulBackward0",
        kernel: .elementwise(Elementwise(DivRule.self)))
    enum DivRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.r(e.a / e.b) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { slot == 0 ? e.r(1 / e.b) : e.r(-e.a / e.r(e.b * e.b)) }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { slot == 0 ? e.r(g / e.b) : e.r(-g * e.r(e.r(e.a / e.b) / e.b)) }
    }

    static let neg = OpRow(
        symbol: "neg", pytorch: .operator("-"), arity: 1, formula: [.text("-"), .operand(0)], locals: [["-1"]], gradFn: "NegBackward0",
        kernel: .elementwise(Elementwise(NegRule.self)))
    /// PyTorch's NegBackward negates the gradient.
    enum NegRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { -e.a }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { -1 }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { -g }
    }

    /// A power by a constant; PyTorch's pow_backward sends exact zeros for the exponent 0.
    static let pow = OpRow(
        symbol: { p in "^\(formatExponent(p))" }, pytorch: .operator("**"), arity: 1,
        formula: { p in [.operand(0), .text("^\(formatExponent(p))")] },
        locals: { p in
            if p == 2 { return [[.text("2·"), .operand(0)]] }
            if p == 1 { return [["1"]] }
            return [[.text("\(formatExponent(p))·"), .operand(0), .text("^\(formatExponent(p - 1))")]]
        }, gradFn: "PowBackward0",
        kernel: .elementwise(Elementwise(PowRule.self)))
    enum PowRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.power(e.a, e.p) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.scaled(e.p, e.power(e.a, e.p - 1)) }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { e.p == 0 ? 0 : e.r(g * e.scaled(e.p, e.power(e.a, e.p - 1))) }
    }

    /// PyTorch's sigmoid_backward computes (grad · (1 − z)) · z.
    static let sigmoid = OpRow(
        symbol: "sigmoid", name: "sigmoid", pytorch: .function("torch.sigmoid"), arity: 1, formula: .call("sigmoid"),
        locals: [[.result, .text("·(1-"), .result, .text(")")]], gradFn: "SigmoidBackward0", activation: true, shortSymbol: "σ",
        // Python's math.exp raises past e^709 where the float64 exp gives inf (and 1/(1 + inf) is 0): refused alike.
        python: PythonFloat([.text("(1 / (1 + math.exp(-("), .operand(0), .text("))))")], raises: { !Foundation.exp(-$0).isFinite }),
        kernel: .elementwise(Elementwise(SigmoidRule.self)))
    enum SigmoidRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.r(1 / e.r(1 + e.exp(-e.a))) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.r(e.z * e.r(1 - e.z)) }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { e.r(e.r(g * e.r(1 - e.z)) * e.z) }
    }

    /// The C library's tanh: PyTorch's own vectorised tanh differs from it in the last bit for
    /// about one input in four (not ported). Its tanh_backward computes grad · (1 − z·z) with the
    /// 1 − z·z fused (one rounding, as the compiler contracts it).
    static let tanh = OpRow(
        symbol: "tanh", name: "tanh", pytorch: .function("torch.tanh"), arity: 1, formula: .call("tanh"),
        locals: [[.text("1-"), .result, .text("²")]], gradFn: "TanhBackward0", activation: true, python: .call("math.tanh"),
        kernel: .elementwise(Elementwise(TanhRule.self)))
    enum TanhRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.tanh(e.a) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.r(1 - e.r(e.z * e.z)) }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { e.r(g * e.oneMinusSquareFused(e.z)) }
    }

    /// relu keeps −0 and NaN as they are (PyTorch's clamp is `a < 0 ? 0 : a`); its threshold_backward
    /// sends an exact 0 (never −0) where the output is not positive.
    static let relu = OpRow(
        symbol: "relu", name: "relu", pytorch: .function("torch.relu"), arity: 1, formula: .call("relu"),
        locals: [[.text("1 if "), .operand(0), .text(">0 else 0")]], gradFn: "ReluBackward0", activation: true,
        python: PythonFloat([.text("(0.0 if ("), .operand(0), .text(") < 0 else ("), .operand(0), .text("))")]),
        kernel: .elementwise(Elementwise(ReluRule.self)))
    enum ReluRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.a < 0 ? 0 : e.a }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.a > 0 ? 1 : 0 }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { e.z <= 0 ? 0 : g }
    }

    static let exp = OpRow(
        symbol: "exp", name: "exp", pytorch: .function("torch.exp"), arity: 1, formula: .call("exp"), locals: [[.result]], gradFn: "ExpBackward0", python: .call("math.exp"),
        kernel: .elementwise(Elementwise(ExpRule.self)))
    enum ExpRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.exp(e.a) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.z }
    }

    /// PyTorch's log_backward divides: grad / a.
    static let log = OpRow(
        symbol: "log", name: "log", pytorch: .function("torch.log"), arity: 1, formula: .call("log"),
        locals: [[.text("1/"), .operand(0)]], gradFn: "LogBackward0", python: .call("math.log"),
        kernel: .elementwise(Elementwise(LogRule.self)))
    enum LogRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.log(e.a) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.r(1 / e.a) }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S { e.r(g / e.a) }
    }

    /// softplus(a) = log(1 + eᵃ), PyTorch's default beta 1 and threshold 20 (above it, a itself);
    /// its softplus_backward computes (grad · eᵃ) / (eᵃ + 1).
    static let softplus = OpRow(
        symbol: "softplus", name: "softplus", pytorch: .function("torch.nn.functional.softplus"), arity: 1,
        formula: .call("softplus"), locals: [.call("sigmoid")], gradFn: "SoftplusBackward0",
        kernel: .elementwise(Elementwise(SoftplusRule.self)))
    enum SoftplusRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.a > 20 ? e.a : e.log1p(e.exp(e.a)) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.a > 20 ? 1 : e.r(e.r(e.exp(e.a)) / e.r(e.exp(e.a) + 1)) }
        static let ownGradient = true
        static func gradient<S: EngineScalar>(_ slot: Int, _ g: S, _ e: Element<S>) -> S {
            if e.a > 20 { return g }
            let z = e.exp(e.a)
            return e.r(e.r(g * z) / e.r(z + 1))
        }
    }

    /// |a|; PyTorch's abs_backward is grad · sgn(a), and sgn(0) = 0.
    static let abs = OpRow(
        symbol: "abs", name: "abs", pytorch: .function("torch.abs"), arity: 1,
        formula: [.text("|"), .operand(0), .text("|")], locals: [[.text("sign("), .operand(0), .text(")")]], gradFn: "AbsBackward0", python: .call("abs"),
        kernel: .elementwise(Elementwise(AbsRule.self)))
    enum AbsRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { Swift.abs(e.a) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.a > 0 ? 1 : e.a < 0 ? -1 : 0 }
    }

    /// sin and cos (TensorFlow Playground's sin(x1) feature), correctly rounded: PyTorch's CPU
    /// kernels are within 1 ulp of that in float32 (`EngineScalar.sin`). Its backward is
    /// grad · cos(a) and grad · −sin(a).
    static let sin = OpRow(
        symbol: "sin", name: "sin", pytorch: .function("torch.sin"), arity: 1, formula: .call("sin"),
        locals: [[.text("cos("), .operand(0), .text(")")]], gradFn: "SinBackward0", python: .call("math.sin"),
        kernel: .elementwise(Elementwise(SinRule.self)))
    enum SinRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.sin(e.a) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { e.cos(e.a) }
    }

    static let cos = OpRow(
        symbol: "cos", name: "cos", pytorch: .function("torch.cos"), arity: 1, formula: .call("cos"),
        locals: [[.text("-sin("), .operand(0), .text(")")]], gradFn: "CosBackward0", python: .call("math.cos"),
        kernel: .elementwise(Elementwise(CosRule.self)))
    enum CosRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.cos(e.a) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S { -e.sin(e.a) }
    }

    // MARK: leaves

    static let input = OpRow(symbol: "input", pytorch: nil, arity: 0, formula: [.operand(0)], locals: [], gradFn: nil, kernel: .leaf)
    static let param = OpRow(symbol: "param", pytorch: nil, arity: 0, formula: [.operand(0)], locals: [], gradFn: "AccumulateGrad", kernel: .leaf)
    static let constant = OpRow(symbol: "const", pytorch: nil, arity: 0, formula: [.operand(0)], locals: [], gradFn: nil, kernel: .leaf)
}

func formatExponent(_ p: Double) -> String {
    Swift.abs(p) < 1e9 ? Int(exactly: p).map(String.init) ?? String(p) : String(p)
}
