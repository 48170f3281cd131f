import Autograd

/// A parsed model expression: what a teacher writes in `forward` and `loss`.
public indirect enum Expression: Equatable, Sendable {
    case number(Double, at: Int)
    case name(String, at: Int)
    case binary(BinaryOperator, Expression, Expression, at: Int)
    case negate(Expression, at: Int)
    case power(Expression, Double, at: Int)
    /// A function of the op table called by its name (`sigmoid(z)`, `cross_entropy(y_pred, y)`).
    case call(Op, [Expression], at: Int)
    case transpose(Expression, at: Int)

    /// Column (0-based, in characters) of the expression's source text.
    public var position: Int {
        switch self {
        case .number(_, let p), .name(_, let p), .binary(_, _, _, let p), .negate(_, let p),
             .power(_, _, let p), .call(_, _, let p), .transpose(_, let p):
            return p
        }
    }

    /// Whether a call somewhere in the expression satisfies `test`.
    public func calls(_ test: (Op) -> Bool) -> Bool {
        switch self {
        case .number, .name: return false
        case .binary(_, let l, let r, _): return l.calls(test) || r.calls(test)
        case .negate(let x, _), .power(let x, _, _), .transpose(let x, _): return x.calls(test)
        case .call(let op, let arguments, _): return test(op) || arguments.contains { $0.calls(test) }
        }
    }

    /// Names in order of first appearance, left to right.
    public var names: [String] {
        var result: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .number: break
            case .name(let n, _): if !result.contains(n) { result.append(n) }
            case .binary(_, let l, let r, _): walk(l); walk(r)
            case .negate(let x, _), .power(let x, _, _), .transpose(let x, _): walk(x)
            case .call(_, let arguments, _): arguments.forEach(walk)
            }
        }
        walk(self)
        return result
    }
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", matmul = "@"
}

/// A syntax error at a column of the expression text.
public struct ExpressionError: Error, Equatable, Sendable {
    public var message: String
    public var column: Int
}

/// One `name = expression` line of `forward`.
public struct Assignment: Equatable, Sendable {
    public var name: String
    public var expression: Expression
    /// Column where the expression starts, within the assignment text.
    public var expressionColumn: Int
}
