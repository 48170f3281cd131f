import Foundation

/// Every operation the engine knows. Leaves are data, parameters and constants.
public enum Op: Equatable, Sendable {
    case input        // data: no gradient needed
    case param        // a weight: backward accumulates into its grad
    case constant
    case add, sub, mul, div
    case neg
    case pow(Double)  // power by a constant exponent
    case matmul
    case transpose
    case sigmoid, tanh, relu, exp, log
    case sum, mean

    public var isLeaf: Bool {
        switch self {
        case .input, .param, .constant: return true
        default: return false
        }
    }

    /// The name the screen shows on an op node (the lecture writes MM, ADD …).
    public var symbol: String {
        switch self {
        case .input: return "input"
        case .param: return "param"
        case .constant: return "const"
        case .add: return "+"
        case .sub: return "−"
        case .mul: return "×"
        case .div: return "÷"
        case .neg: return "neg"
        case .pow(let p): return "^\(formatExponent(p))"
        case .matmul: return "MM"
        case .transpose: return "ᵀ"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .exp: return "exp"
        case .log: return "log"
        case .sum: return "sum"
        case .mean: return "mean"
        }
    }

    /// The op's formula with inputs named a and b: what the inspector prints for z.
    public var formula: String {
        switch self {
        case .add: return "a + b"
        case .sub: return "a − b"
        case .mul: return "a · b"
        case .div: return "a / b"
        case .neg: return "−a"
        case .pow(let p): return "a^\(formatExponent(p))"
        case .matmul: return "A @ B"
        case .transpose: return "Aᵀ"
        case .sigmoid: return "sigmoid(a)"
        case .tanh: return "tanh(a)"
        case .relu: return "relu(a)"
        case .exp: return "exp(a)"
        case .log: return "log(a)"
        case .sum: return "sum(a)"
        case .mean: return "mean(a)"
        case .input, .param, .constant: return "a"
        }
    }

    /// The local derivative ∂z/∂input for each input, as the lecture writes it; kept beside the
    /// backward rules in `Tape+Backward.swift` so the chain rule reads off one line.
    public var localDerivatives: [String] {
        switch self {
        case .add: return ["1", "1"]
        case .sub: return ["1", "−1"]
        case .mul: return ["b", "a"]
        case .div: return ["1/b", "−a/b²"]
        case .neg: return ["−1"]
        case .pow(let p):
            if p == 2 { return ["2·a"] }
            if p == 1 { return ["1"] }
            return ["\(formatExponent(p))·a^\(formatExponent(p - 1))"]
        case .matmul: return ["· Bᵀ", "Aᵀ ·"]
        case .transpose: return ["ᵀ"]
        case .sigmoid: return ["z·(1−z)"]
        case .tanh: return ["1−z²"]
        case .relu: return ["1 if a>0 else 0"]
        case .exp: return ["z"]
        case .log: return ["1/a"]
        case .sum: return ["1"]
        case .mean: return ["1/n"]
        case .input, .param, .constant: return []
        }
    }

    public var arity: Int {
        switch self {
        case .input, .param, .constant: return 0
        case .add, .sub, .mul, .div, .matmul: return 2
        default: return 1
        }
    }
}

func formatExponent(_ p: Double) -> String {
    p == p.rounded() && abs(p) < 1e9 ? String(Int(p)) : String(p)
}

extension Op {
    /// The local derivative ∂z/∂input for one element, as a number (for the inspector), given the
    /// input values a, b and the output z; nil for ops whose derivative is a matrix (matmul, ᵀ).
    public func localDerivative(slot: Int, a: Double, b: Double, z: Double, count: Int) -> Double? {
        switch self {
        case .add: return 1
        case .sub: return slot == 0 ? 1 : -1
        case .mul: return slot == 0 ? b : a
        case .div: return slot == 0 ? 1 / b : -a / (b * b)
        case .neg: return -1
        case .pow(let p): return p * Foundation.pow(a, p - 1)
        case .sigmoid: return z * (1 - z)
        case .tanh: return 1 - z * z
        case .relu: return a > 0 ? 1 : 0
        case .exp: return z
        case .log: return 1 / a
        case .sum: return 1
        case .mean: return 1 / Double(max(1, count))
        case .matmul, .transpose, .input, .param, .constant: return nil
        }
    }
}
