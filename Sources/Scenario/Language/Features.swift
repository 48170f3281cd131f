import Autograd
import Foundation

/// `[data] features = ["x1", "x2", "x1*x2", "x1^2", "sin(x1)"]`: expressions over data columns
/// that build each sample's input vector `x`, as TensorFlow Playground's feature checkboxes do.
///
/// They are computed in float64, each operation as Python's float arithmetic and `math` module
/// compute it (`^` is the C library's pow, as Python's `**`; a function is its op row's rule in
/// float64, spelled as the row's `python` says), and rounded to the dtype when they
/// become the input tensor, like any data: the PyTorch export computes them in Python the same
/// way, so both build the same tensor bit for bit.
public struct Features: Sendable {
    /// One entry of the list.
    public struct Feature: Sendable {
        public var text: String
        public var expression: Expression
        var position: SourcePosition
    }

    public var list: [Feature]
    /// The data columns the features read, in order of first use.
    public let sources: [String]
    /// The data column they build.
    public var target: String

    init(list: [Feature], target: String) {
        self.list = list
        self.target = target
        var sources: [String] = []
        for feature in list { for name in feature.expression.names where !sources.contains(name) { sources.append(name) } }
        self.sources = sources
    }

    /// Where `name` is first written in the features (for a message about that column).
    func position(ofFirstUse name: String) -> SourcePosition {
        for feature in list {
            if let column = Self.column(of: name, in: feature.expression) {
                return SourcePosition(line: feature.position.line, column: feature.position.column + column)
            }
        }
        return list.first?.position ?? SourcePosition(line: 1, column: 1)
    }

    /// The column of `name`'s first use in `e`.
    static func column(of name: String, in e: Expression) -> Int? {
        switch e {
        case .number: return nil
        case .name(let n, let at): return n == name ? at : nil
        case .binary(_, let l, let r, _): return column(of: name, in: l) ?? column(of: name, in: r)
        case .negate(let x, _), .power(let x, _, _), .transpose(let x, _): return column(of: name, in: x)
        case .call(_, let arguments, _): return arguments.lazy.compactMap { column(of: name, in: $0) }.first
        }
    }

    /// How Python's float arithmetic writes a call of a feature (`math.sin(x1)`), the argument
    /// written: the op's row says it (`OpRow.python`), nil for an op a feature may not call.
    public static func pythonCall(_ op: Op, argument: String) -> String? {
        op.python?.formula.rendered(operand: { _ in argument })
    }

    /// Whether a feature calls a function of Python's `math` module.
    public var usesMath: Bool { list.contains { $0.expression.calls { Self.pythonCall($0, argument: "")?.contains("math.") == true } } }

    /// Why an expression cannot be a feature, at a column of its text; nil when it can.
    /// `functions`: the table the features were parsed with (its functions a feature may call are listed).
    static func refusal(_ e: Expression, functions: FunctionTable) -> (message: String, column: Int)? {
        switch e {
        case .number, .name: return nil
        case .binary(let op, let l, let r, let at):
            if op == .matmul { return ("@ multiplies matrices; a feature is one number per sample (write x1*x2 for a product)", at) }
            return refusal(l, functions: functions) ?? refusal(r, functions: functions)
        case .negate(let x, _), .power(let x, _, _): return refusal(x, functions: functions)
        case .transpose(_, let at): return (".T transposes a matrix; a feature is one number per sample", at)
        case .call(let op, let arguments, let at):
            guard op.python != nil else {
                let allowed = functions.functions.filter { $0.python != nil }.compactMap(\.name).joined(separator: ", ")
                return ("\(op.name ?? op.symbol) works on whole tensors; a feature is one number per sample and may call \(allowed)", at)
            }
            return arguments.lazy.compactMap { refusal($0, functions: functions) }.first
        }
    }

    /// The feature's value for one sample, its source columns' values looked up by name. An
    /// operation on a number that is not finite gives nan: Python would have raised on the way
    /// (`1 / 0`, `math.exp(1000)`), so such a feature is refused even where the end is finite.
    static func value(_ e: Expression, _ lookup: (String) -> Double) -> Double {
        func operand(_ x: Expression) -> Double? {
            let v = value(x, lookup)
            return v.isFinite ? v : nil
        }
        switch e {
        case .number(let v, _): return v
        case .name(let n, _): return lookup(n)
        case .binary(let op, let l, let r, _):
            guard let a = operand(l), let b = operand(r) else { return .nan }
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            case .matmul: return .nan
            }
        case .negate(let x, _): return operand(x).map { -$0 } ?? .nan
        case .power(let x, let p, _): return operand(x).map { Foundation.pow($0, p) } ?? .nan
        case .transpose: return .nan
        case .call(let op, let arguments, _):
            guard let a = arguments.first.flatMap(operand) else { return .nan }
            return op.pythonValue(a) ?? .nan
        }
    }

    /// Every feature of one sample, its sources' values given in `sources` order.
    public func vector(_ sourceValues: [Double]) -> [Double] {
        list.map { feature in
            Self.value(feature.expression) { name in sources.firstIndex(of: name).map { sourceValues[$0] } ?? .nan }
        }
    }
}
