import Autograd
import Scenario
import TextCanvas

/// One term of a sentence the screen writes about a step: a name, a derivative, a number, a
/// shape, an operator. Sentences are built once, as terms, and rendered per target (Unicode or
/// ASCII, the inspector, the quiz), so every place writes the same chain rule.
public enum Term: Equatable, Sendable {
    /// Words and punctuation, written as they are (" = ", " + ", "kept: ").
    case text(String)
    /// A node's name: `w`, `y_pred`, `z3`.
    case name(String)
    /// ∂of/∂by: `∂loss/∂w`, `∂y_pred/∂x`.
    case partial(of: String, by: String)
    /// A number as the screen prints it (`-2.0`, `1.02`).
    case number(Double)
    /// A number after an operator: a negative one in parentheses, as one writes 0.01 × (−2.0).
    case factor(Double)
    /// A tensor's shape: `1×8`.
    case shape(Shape)
    /// A tensor in short: `1×3 [0.1 0.2 0.3]`.
    case tensor([Double], Shape)
    /// The product of two symbols: ` · `.
    case dot
    /// The product of two numbers: ` × `.
    case times
    /// What the quiz asks for: `?`.
    case unknown
}

/// Terms in order: one line of arithmetic, rendered as text for a target.
public struct Sentence: Equatable, Sendable, ExpressibleByArrayLiteral {
    public var terms: [Term]

    public init(_ terms: [Term]) { self.terms = terms }
    public init(arrayLiteral terms: Term...) { self.terms = terms }

    public static func + (a: Sentence, b: Sentence) -> Sentence { Sentence(a.terms + b.terms) }
    public static func += (a: inout Sentence, b: Sentence) { a.terms += b.terms }

    /// The sentence as text: Unicode, or plain ASCII (`dloss/dw`, `*`, `1x4`, `hT`) folded term by term;
    /// numbers in float32's shortest digits, or in at most `digits` significant ones (a narrow inspector).
    public func text(ascii: Bool = false, digits: Int? = nil) -> String {
        let d = ascii ? "d" : "∂"
        func number(_ v: Double) -> String {
            digits.map { NumberFormat.compact(v, maxWidth: $0 + 8, significantDigits: $0) } ?? NumberFormat.short(v)
        }
        var out = ""
        for term in terms {
            switch term {
            case .text(let s): out += ascii ? Self.fold(s) : s
            case .name(let n): out += ascii ? Self.fold(n) : n
            case .partial(let of, let by): out += "\(d)\(ascii ? Self.fold(of) : of)/\(d)\(ascii ? Self.fold(by) : by)"
            case .number(let v): out += number(v)
            case .factor(let v): out += v < 0 || (v == 0 && v.sign == .minus) ? "(\(number(v)))" : number(v)
            case .shape(let s): out += "\(s.rows)\(ascii ? "x" : "×")\(s.cols)"
            case .tensor(let values, let shape): out += ascii ? Self.fold(TensorText.describe(values, shape)) : TensorText.describe(values, shape)
            case .dot: out += ascii ? " * " : " · "
            case .times: out += ascii ? " * " : " × "   // a product, as Python writes it; x is a shape's
            case .unknown: out += "?"
            }
        }
        return out
    }

    /// Words and names with the screen's few non-ASCII characters (names such as `ŷ`, `−` in a formula).
    static func fold(_ s: String) -> String {
        s.allSatisfy(\.isASCII) ? s : AsciiFold.cells(s)
    }
}
