/// Every operation the engine knows; each case's row (`OpRow`) says everything about it.
///
/// Adding an elementwise op: a case here, its line in `row`, its row below — and tests. The
/// expression parser, watch expressions, the PyTorch export and the screen read the row.
public enum Op: Equatable, Sendable {
    case input        // data: no gradient needed
    case param        // a weight: backward accumulates into its grad
    case constant
    case add, sub, mul, div
    case neg
    case pow(Double)  // power by a constant exponent
    case matmul
    case transpose
    case sigmoid, tanh, relu, exp, log, softplus, abs
    case sum, mean
    case softmax
    case crossEntropy

    /// Every op (pow with exponent 2 standing for all of them).
    public static let all: [Op] = [.input, .param, .constant, .add, .sub, .mul, .div, .neg, .pow(2), .matmul, .transpose,
                                   .sigmoid, .tanh, .relu, .exp, .log, .softplus, .abs, .sum, .mean, .softmax, .crossEntropy]

    public var row: OpRow {
        switch self {
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
        symbol: "+", pytorch: .operator("+"), arity: 2, formula: .infix("+"), locals: [["1"], ["1"]],
        kernel: .elementwise(Elementwise(value: { $0.r($0.a + $0.b) }, local: { _, _ in 1 })))

    static let sub = OpRow(
        symbol: "−", pytorch: .operator("-"), arity: 2, formula: .infix("−"), locals: [["1"], ["−1"]],
        kernel: .elementwise(Elementwise(value: { $0.r($0.a - $0.b) }, local: { slot, _ in slot == 0 ? 1 : -1 })))

    static let mul = OpRow(
        symbol: "×", pytorch: .operator("*"), arity: 2, formula: [.operand(0), .times, .operand(1)],
        locals: [[.operand(1)], [.operand(0)]],
        kernel: .elementwise(Elementwise(value: { $0.r($0.a * $0.b) }, local: { slot, e in slot == 0 ? e.b : e.a })))

    /// Real division, not a · b⁻¹ (not bit-equal in float32); PyTorch's div_backward computes
    /// grad / b and −grad · ((a / b) / b).
    static let div = OpRow(
        symbol: "÷", pytorch: .operator("/"), arity: 2, formula: .infix("/"),
        locals: [[.text("1/"), .operand(1)], [.text("−"), .operand(0), .text("/"), .operand(1), .text("²")]],
        kernel: .elementwise(Elementwise(
            value: { $0.r($0.a / $0.b) },
            local: { slot, e in slot == 0 ? e.r(1 / e.b) : e.r(-e.a / e.r(e.b * e.b)) },
            gradient: { slot, g, e in slot == 0 ? e.r(g / e.b) : e.r(-g * e.r(e.r(e.a / e.b) / e.b)) })))

    static let neg = OpRow(
        symbol: "neg", pytorch: .operator("-"), arity: 1, formula: [.text("−"), .operand(0)], locals: [["−1"]],
        kernel: .elementwise(Elementwise(value: { -$0.a }, local: { _, _ in -1 })))

    /// A power by a constant; PyTorch's pow_backward sends exact zeros for the exponent 0.
    static let pow = OpRow(
        symbol: { p in "^\(formatExponent(p))" }, pytorch: .operator("**"), arity: 1,
        formula: { p in [.operand(0), .text("^\(formatExponent(p))")] },
        locals: { p in
            if p == 2 { return [[.text("2·"), .operand(0)]] }
            if p == 1 { return [["1"]] }
            return [[.text("\(formatExponent(p))·"), .operand(0), .text("^\(formatExponent(p - 1))")]]
        },
        kernel: .elementwise(Elementwise(
            value: { $0.dtype.power($0.a, $0.p) },
            local: { _, e in e.r(e.p * e.dtype.power(e.a, e.p - 1)) },
            gradient: { _, g, e in e.p == 0 ? 0 : e.r(g * e.r(e.p * e.dtype.power(e.a, e.p - 1))) })))

    /// PyTorch's sigmoid_backward computes (grad · (1 − z)) · z.
    static let sigmoid = OpRow(
        symbol: "sigmoid", name: "sigmoid", pytorch: .function("torch.sigmoid"), arity: 1, formula: .call("sigmoid"),
        locals: [[.result, .text("·(1−"), .result, .text(")")]],
        kernel: .elementwise(Elementwise(
            value: { $0.r(1 / $0.r(1 + $0.dtype.exp(-$0.a))) },
            local: { _, e in e.r(e.z * e.r(1 - e.z)) },
            gradient: { _, g, e in e.r(e.r(g * e.r(1 - e.z)) * e.z) })))

    /// The C library's tanh: PyTorch's own vectorised tanh differs from it in the last bit for
    /// about one input in four (not ported). Its tanh_backward computes grad · (1 − z·z) with the
    /// 1 − z·z fused (one rounding, as the compiler contracts it).
    static let tanh = OpRow(
        symbol: "tanh", name: "tanh", pytorch: .function("torch.tanh"), arity: 1, formula: .call("tanh"),
        locals: [[.text("1−"), .result, .text("²")]],
        kernel: .elementwise(Elementwise(
            value: { $0.dtype.tanh($0.a) }, local: { _, e in e.r(1 - e.r(e.z * e.z)) },
            gradient: { _, g, e in e.r(g * e.dtype.oneMinusSquareFused(e.z)) })))

    /// relu keeps −0 and NaN as they are (PyTorch's clamp is `a < 0 ? 0 : a`); its threshold_backward
    /// sends an exact 0 (never −0) where the output is not positive.
    static let relu = OpRow(
        symbol: "relu", name: "relu", pytorch: .function("torch.relu"), arity: 1, formula: .call("relu"),
        locals: [[.text("1 if "), .operand(0), .text(">0 else 0")]],
        kernel: .elementwise(Elementwise(
            value: { $0.a < 0 ? 0 : $0.a },
            local: { _, e in e.a > 0 ? 1 : 0 },
            gradient: { _, g, e in e.z <= 0 ? 0 : g })))

    static let exp = OpRow(
        symbol: "exp", name: "exp", pytorch: .function("torch.exp"), arity: 1, formula: .call("exp"), locals: [[.result]],
        kernel: .elementwise(Elementwise(value: { $0.dtype.exp($0.a) }, local: { _, e in e.z })))

    /// PyTorch's log_backward divides: grad / a.
    static let log = OpRow(
        symbol: "log", name: "log", pytorch: .function("torch.log"), arity: 1, formula: .call("log"),
        locals: [[.text("1/"), .operand(0)]],
        kernel: .elementwise(Elementwise(
            value: { $0.dtype.log($0.a) }, local: { _, e in e.r(1 / e.a) }, gradient: { _, g, e in e.r(g / e.a) })))

    /// softplus(a) = log(1 + eᵃ), PyTorch's default beta 1 and threshold 20 (above it, a itself);
    /// its softplus_backward computes (grad · eᵃ) / (eᵃ + 1).
    static let softplus = OpRow(
        symbol: "softplus", name: "softplus", pytorch: .function("torch.nn.functional.softplus"), arity: 1,
        formula: .call("softplus"), locals: [.call("sigmoid")],
        kernel: .elementwise(Elementwise(
            value: { $0.a > 20 ? $0.a : $0.dtype.log1p($0.dtype.exp($0.a)) },
            local: { _, e in e.a > 20 ? 1 : e.r(e.r(e.dtype.exp(e.a)) / e.r(e.dtype.exp(e.a) + 1)) },
            gradient: { _, g, e in
                if e.a > 20 { return g }
                let z = e.dtype.exp(e.a)
                return e.r(e.r(g * z) / e.r(z + 1))
            })))

    /// |a|; PyTorch's abs_backward is grad · sgn(a), and sgn(0) = 0.
    static let abs = OpRow(
        symbol: "abs", name: "abs", pytorch: .function("torch.abs"), arity: 1,
        formula: [.text("|"), .operand(0), .text("|")], locals: [[.text("sign("), .operand(0), .text(")")]],
        kernel: .elementwise(Elementwise(value: { Swift.abs($0.a) }, local: { _, e in e.a > 0 ? 1 : e.a < 0 ? -1 : 0 })))

    // MARK: leaves

    static let input = OpRow(symbol: "input", pytorch: nil, arity: 0, formula: [.operand(0)], locals: [], kernel: .leaf)
    static let param = OpRow(symbol: "param", pytorch: nil, arity: 0, formula: [.operand(0)], locals: [], kernel: .leaf)
    static let constant = OpRow(symbol: "const", pytorch: nil, arity: 0, formula: [.operand(0)], locals: [], kernel: .leaf)
}

func formatExponent(_ p: Double) -> String {
    p == p.rounded() && Swift.abs(p) < 1e9 ? String(Int(p)) : String(p)
}
