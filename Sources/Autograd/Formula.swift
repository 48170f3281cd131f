/// One piece of an op's formula: fixed text, or a slot that the reader fills in (with a name, a
/// number, a shape …) when it writes the formula out.
///
/// `mul`'s value is `[.operand(0), .times, .operand(1)]`: "x · w" with names, "1.0 × 2.0" with
/// numbers. Operands are slots, never letters to replace in a finished string.
public enum FormulaTerm: Equatable, Sendable {
    /// Text written as it is: `" + "`, `"sigmoid("`, `")"`, `"ᵀ"`.
    case text(String)
    /// The op's input number `i` (0 is the first operand, 1 the second).
    case operand(Int)
    /// The op's output z (sigmoid's local derivative is z·(1−z)).
    case result
    /// The gradient arriving at the op from downstream, ∂loss/∂z (in `Op.gradientFormulas`).
    case upstream
    /// A product of two factors: "·" between names, "×" between numbers, as the lecture writes
    /// `y_pred = x · w = 1.0 × 1.0`.
    case times
}

/// A formula as terms (see `FormulaTerm`): an op's value, a local derivative, or the gradient it
/// sends to an operand. Renderers walk `terms`; `rendered` is the plain-text one.
public struct Formula: Equatable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    public var terms: [FormulaTerm]

    public init(_ terms: [FormulaTerm]) { self.terms = terms }
    public init(arrayLiteral terms: FormulaTerm...) { self.terms = terms }

    /// `name(a)`: the formula of a one-operand function.
    public static func call(_ name: String) -> Formula { [.text("\(name)("), .operand(0), .text(")")] }
    /// `a op b` with the operator between spaces.
    public static func infix(_ op: String) -> Formula { [.operand(0), .text(" \(op) "), .operand(1)] }

    /// The formula as text, each slot filled by the caller.
    public func rendered(operand: (Int) -> String, result: String = "z", upstream: String = "∂loss/∂z",
                         times: String = "·") -> String {
        var out = ""
        for term in terms {
            switch term {
            case .text(let s): out += s
            case .operand(let i): out += operand(i)
            case .result: out += result
            case .upstream: out += upstream
            case .times: out += " \(times) "
            }
        }
        return out
    }

    /// The formula with operands written as letters (a, b, or A, B for matrix ops) and the output as z.
    public func rendered(letters: [String]) -> String {
        rendered(operand: { $0 < letters.count ? letters[$0] : "?" })
    }

    /// Which operands the formula mentions, in order of first appearance.
    public var operands: [Int] {
        var seen: [Int] = []
        for case .operand(let i) in terms where !seen.contains(i) { seen.append(i) }
        return seen
    }

    public var description: String { rendered(letters: ["a", "b"]) }
}

extension FormulaTerm: ExpressibleByStringLiteral {
    /// `"1"` in a formula literal is `.text("1")`.
    public init(stringLiteral value: String) { self = .text(value) }
}
