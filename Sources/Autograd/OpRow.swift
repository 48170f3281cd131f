/// Everything about one op, in one declaration: how the screen, the expressions and the PyTorch
/// export name it, its formula with operand slots, its local derivatives, and how the engine
/// computes it. The rows live in `OpTable.swift` (elementwise ops) and `Ops/` (the rest).
public final class OpRow: Sendable {
    /// The title of the op's node on the graph (the lecture writes MM, ADD …); for pow, built from the exponent.
    let symbol: @Sendable (Double) -> String
    /// The function's name in model expressions (`sigmoid`), nil for operators and leaves.
    public let name: String?
    /// How PyTorch spells it; nil for leaves.
    public let pytorch: PyTorchSpelling?
    public let arity: Int
    /// Letters that stand for the operands in the short text forms (`A @ B`, `a + b`).
    public let letters: [String]
    /// The value z as terms; for pow, built from the exponent.
    let valueFormula: @Sendable (Double) -> Formula
    /// ∂z/∂operand for each operand, as terms.
    let localFormulas: @Sendable (Double) -> [Formula]
    /// The gradient sent to each operand, with `.upstream` for ∂loss/∂z; nil means
    /// upstream · local, the chain rule's default.
    let gradientFormulas: [Formula]?
    let kernel: Kernel

    convenience init(symbol: String, name: String? = nil, pytorch: PyTorchSpelling?, arity: Int, letters: [String] = ["a", "b"],
         formula: Formula, locals: [Formula], gradients: [Formula]? = nil, kernel: Kernel) {
        self.init(symbol: { _ in symbol }, name: name, pytorch: pytorch, arity: arity, letters: letters,
                  formula: { _ in formula }, locals: { _ in locals }, gradients: gradients, kernel: kernel)
    }

    init(symbol: @escaping @Sendable (Double) -> String, name: String? = nil, pytorch: PyTorchSpelling?, arity: Int,
         letters: [String] = ["a", "b"], formula: @escaping @Sendable (Double) -> Formula, locals: @escaping @Sendable (Double) -> [Formula],
         gradients: [Formula]? = nil, kernel: Kernel) {
        self.symbol = symbol
        self.name = name
        self.pytorch = pytorch
        self.arity = arity
        self.letters = letters
        self.valueFormula = formula
        self.localFormulas = locals
        self.gradientFormulas = gradients
        self.kernel = kernel
    }
}

/// How PyTorch writes an op, for the exported script.
public enum PyTorchSpelling: Equatable, Sendable {
    /// A Python operator between (or before) the operands: `+`, `@`, `-` …
    case `operator`(String)
    /// A function of the operands in order: `torch.sigmoid(x)`.
    case function(String)
    /// Source text with operand slots, for ops that PyTorch lays out differently
    /// (cross_entropy takes the samples as rows: `F.cross_entropy(logits.T, y.long())`).
    /// Operands are written so that a postfix such as `.T` binds to the whole operand.
    case template(Formula)
}

/// The numbers one element's rule sees: the inputs a and b (b is 0 for one operand), the output
/// z, the op's constant p (pow's exponent) and the dtype every step is rounded to.
public struct Element {
    public var a: Double
    public var b: Double
    public var z: Double
    public var p: Double
    public var dtype: DType

    /// Rounds to the dtype, as PyTorch stores each intermediate result.
    @inline(__always) public func r(_ x: Double) -> Double { dtype.round(x) }
}

/// How the engine computes an op.
enum Kernel: Sendable {
    /// Data, params and constants: nothing to compute.
    case leaf
    /// The same rule on every element (broadcasting when there are two operands).
    case elementwise(Elementwise)
    /// Its own forward and backward (matmul, transpose, reductions, softmax, cross-entropy).
    case custom(Custom)
}

/// One elementwise op's arithmetic on one element: its value, its local derivative per operand,
/// and, only where PyTorch rounds in another order than grad · local, its own gradient rule
/// (each pinned by a test). Static functions, so the loops below are compiled once per rule with
/// the arithmetic inlined.
protocol ElementRule: SendableMetatype {
    static func value(_ e: Element) -> Double
    /// ∂z/∂operand `slot` for one element, rounded in the dtype.
    static func local(_ slot: Int, _ e: Element) -> Double
    /// Whether `gradient` is the op's own rule rather than `r(grad · local)`.
    static var ownGradient: Bool { get }
    /// The gradient sent to operand `slot` given the arriving gradient.
    static func gradient(_ slot: Int, _ grad: Double, _ e: Element) -> Double
}

extension ElementRule {
    static var ownGradient: Bool { false }
    @inline(__always) static func gradient(_ slot: Int, _ grad: Double, _ e: Element) -> Double { e.r(grad * local(slot, e)) }
}

/// An elementwise op as the engine runs it: its rule as closures (for building a graph and the
/// inspector), and the compiled step's two loops, specialised for the rule.
final class Elementwise: Sendable {
    let value: @Sendable (Element) -> Double
    /// ∂z/∂operand `slot` for one element, rounded in the dtype.
    let local: @Sendable (_ slot: Int, Element) -> Double
    /// The gradient sent to operand `slot` given the arriving gradient; nil: `r(grad · local)`.
    let gradient: (@Sendable (_ slot: Int, _ grad: Double, Element) -> Double)?
    /// Computes a compiled forward instruction's values.
    let forward: @Sendable (UnsafePointer<Tape.Instruction>, UnsafeMutablePointer<Double>, DType) -> Void
    /// Adds a compiled send's gradient (every shape equal) into its input's grad.
    let send: @Sendable (UnsafePointer<Tape.Send>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, DType) -> Void

    init<R: ElementRule>(_ rule: R.Type) {
        value = { R.value($0) }
        local = { R.local($0, $1) }
        if R.ownGradient {
            gradient = { R.gradient($0, $1, $2) }
        } else {
            gradient = nil
        }
        forward = { Elementwise.forward(R.self, $0, $1, $2) }
        send = { Elementwise.send(R.self, $0, $1, $2, $3) }
    }

    @inline(__always)
    private static func forward<R: ElementRule>(_ rule: R.Type, _ i: UnsafePointer<Tape.Instruction>, _ v: UnsafeMutablePointer<Double>,
                                                _ dtype: DType) {
        let i = i.pointee
        var e = Element(a: 0, b: 0, z: 0, p: i.p, dtype: dtype)
        if i.flat {
            for k in 0..<(i.rows * i.cols) {
                e.a = v[i.a + k]
                if i.two { e.b = v[i.b + k] }
                v[i.z + k] = R.value(e)
            }
        } else {
            for row in 0..<i.rows {
                for col in 0..<i.cols {
                    e.a = v[i.a + row * i.aRow + col * i.aCol]
                    if i.two { e.b = v[i.b + row * i.bRow + col * i.bCol] }
                    v[i.z + row * i.cols + col] = R.value(e)
                }
            }
        }
    }

    /// Each element the same product or rule, and the same sum, as sending it through a buffer.
    @inline(__always)
    private static func send<R: ElementRule>(_ rule: R.Type, _ s: UnsafePointer<Tape.Send>, _ v: UnsafePointer<Double>,
                                             _ g: UnsafeMutablePointer<Double>, _ dtype: DType) {
        let s = s.pointee
        var e = Element(a: 0, b: 0, z: 0, p: s.p, dtype: dtype)
        for k in 0..<s.count {
            e.a = v[s.a + k]
            if s.two { e.b = v[s.b + k] }
            e.z = v[s.z + k]
            g[s.target + k] = dtype.round(g[s.target + k] + R.gradient(s.slot, g[s.z + k], e))
        }
    }
}

/// An op with its own loops: the output shape, the forward that fills the new node's values,
/// and the backward that writes the gradient for one operand.
final class Custom: Sendable {
    /// The output shape for operand shapes (the second is the first for one operand); nil when they do not fit.
    let shape: @Sendable (Shape, Shape) -> Shape?
    /// Fills the values of node `id`, whose inputs are already on the tape.
    let forward: @Sendable (Tape, _ id: Int) throws(AutogradError) -> Void
    /// Writes ∂loss/∂operand `slot` of node `id` into `out`; returns how many values it wrote.
    let backward: @Sendable (Tape, _ id: Int, _ slot: Int, _ out: inout [Double]) -> Int
    /// A local derivative as one number when every size is 1 (sum's 1, mean's 1/n), for the inspector.
    let local: (@Sendable (_ slot: Int, Element, _ count: Int) -> Double)?

    init(shape: @escaping @Sendable (Shape, Shape) -> Shape?,
         forward: @escaping @Sendable (Tape, _ id: Int) throws(AutogradError) -> Void,
         backward: @escaping @Sendable (Tape, _ id: Int, _ slot: Int, _ out: inout [Double]) -> Int,
         local: (@Sendable (_ slot: Int, Element, _ count: Int) -> Double)? = nil) {
        self.shape = shape
        self.forward = forward
        self.backward = backward
        self.local = local
    }
}
