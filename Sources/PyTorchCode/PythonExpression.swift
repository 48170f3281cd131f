import Autograd
import Scenario

/// A model expression written as PyTorch source from its parsed form: `x**2` for `x^2`, `@` and
/// `.T` as they are, each function as the op table spells it in PyTorch (`torch.sigmoid(…)`), and
/// parentheses exactly where Python needs them to keep our order of operations.
struct PythonExpression {
    /// Python names for the model's names (renamed where they would clash with the script's own).
    var names: [String: String]
    /// Whether a name holds a tensor (params, data in tensor mode, assignments computed from them).
    var isTensor: (String) -> Bool
    /// The `dtype=` argument for constants that must become tensors, e.g. `torch.float64`; nil for the default.
    var dtype: String?
    /// Spells a call its own way (the features' plain-Python `math.sin(x1)`), given the op and its
    /// written arguments; nil leaves it to the op table's PyTorch spelling.
    var spellCall: (@Sendable (Op, [String]) -> String?)? = nil
    /// Names the function a call at a column calls instead of the op table's (`activation` for a
    /// hidden layer's activation that a fork changes); nil keeps the op's own.
    var callName: ((Op, Int) -> String?)? = nil

    // Python's binding strengths, loosest first.
    private enum Level: Int, Comparable {
        case sum = 1, product, unary, power, postfix, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    func text(_ e: Expression) -> String { write(e, wrapNumbers: true).text }

    /// Whether the expression's value is a tensor (rather than a Python number).
    func holdsTensor(_ e: Expression) -> Bool {
        switch e {
        case .number: return false
        case .name(let n, _): return isTensor(n)
        case .binary(_, let l, let r, _): return holdsTensor(l) || holdsTensor(r)
        case .call: return true
        case .negate(let x, _), .power(let x, _, _), .transpose(let x, _): return holdsTensor(x)
        }
    }

    /// `wrapNumbers`: a number here meets no tensor, so Python would compute it in double (or fail
    /// on `torch.exp(1)`); it becomes a tensor of the scenario's dtype, as our tape makes it.
    private func write(_ e: Expression, wrapNumbers: Bool) -> (text: String, level: Level) {
        switch e {
        case .number(let v, _):
            if wrapNumbers {
                let args = [NumberFormat.python(v).replacingNonFinite] + (dtype.map { ["dtype=\($0)"] } ?? [])
                return ("torch.tensor(\(args.joined(separator: ", ")))", .atom)
            }
            return (Self.literal(v), v < 0 || v.sign == .minus ? .unary : .atom)
        case .name(let n, _):
            return (names[n] ?? n, .atom)
        case .binary(let op, let l, let r, _):
            let wrap = !(holdsTensor(l) || holdsTensor(r))
            let level: Level = (op == .add || op == .subtract) ? .sum : .product
            let left = operand(write(l, wrapNumbers: wrap), atLeast: level)
            let right = operand(write(r, wrapNumbers: wrap), atLeast: Level(rawValue: level.rawValue + 1) ?? .atom)
            let tight = (op == .multiply || op == .divide) && l.isLeaf && r.isLeaf && !wrap
            return (tight ? "\(left)\(op.rawValue)\(right)" : "\(left) \(op.rawValue) \(right)", level)
        case .negate(let x, _):
            return ("-" + operand(write(x, wrapNumbers: !holdsTensor(x)), atLeast: .unary), .unary)
        case .power(let x, let p, _):
            // Python's `**` takes a primary on the left; `x**-1` is fine on the right.
            return (operand(write(x, wrapNumbers: !holdsTensor(x)), atLeast: .postfix) + "**" + Self.literal(p), .power)
        case .transpose(let x, _):
            return (operand(write(x, wrapNumbers: !holdsTensor(x)), atLeast: .postfix) + ".T", .postfix)
        case .call(let op, let arguments, let at):
            let written = arguments.map { write($0, wrapNumbers: !holdsTensor($0)) }
            if let text = spellCall?(op, written.map(\.text)) { return (text, .atom) }
            if let name = callName?(op, at) { return ("\(name)(\(written.map(\.text).joined(separator: ", ")))", .atom) }
            switch op.pytorch {
            case .template(let formula):
                // A postfix such as `.T` after an operand must bind to all of it.
                let text = formula.rendered(operand: { $0 < written.count ? operand(written[$0], atLeast: .postfix) : "" })
                return (text, .atom)
            case .function(let name)?:
                return ("\(name)(\(written.map(\.text).joined(separator: ", ")))", .atom)
            case .operator, nil:
                return ("\(op.symbol)(\(written.map(\.text).joined(separator: ", ")))", .atom)
            }
        }
    }

    private func operand(_ written: (text: String, level: Level), atLeast level: Level) -> String {
        written.level >= level ? written.text : "(\(written.text))"
    }

    /// A number as Python source: `2` for a whole number (as a teacher writes `^2`), else its repr.
    static func literal(_ v: Double) -> String {
        if abs(v) < 1e15, !(v == 0 && v.sign == .minus), let whole = Int(exactly: v) { return String(whole) }
        return NumberFormat.python(v).replacingNonFinite
    }
}

extension Expression {
    var isLeaf: Bool {
        switch self {
        case .number, .name: return true
        default: return false
        }
    }
}

extension String {
    /// `nan` and `inf` are not Python literals; `float('nan')` is.
    var replacingNonFinite: String {
        switch self {
        case "nan", "inf", "-inf": return "float('\(self)')"
        default: return self
        }
    }
}
