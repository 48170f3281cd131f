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
    /// The class of the node PyTorch's autograd records for it, as `print(z.grad_fn)` names it
    /// (`MulBackward0`); `AccumulateGrad` for a parameter, nil for data and constants.
    public let gradFn: String?
    /// The grad_fn when the first operand is a Python number (`1 - y` is `RsubBackward1`), if it differs.
    public let gradFnAfterNumber: String?
    /// Whether it is a layer's activation (the neuron view keeps it in the layer's block).
    public let isActivation: Bool
    /// The lecture's short notation for the op (`σ`, `CE`), which a small graph box shows before its name.
    public let shortSymbol: String?
    /// How a `[data]` feature computes the function on one sample's number, in Python's float
    /// arithmetic; nil for ops a feature may not call (operators, and functions of whole tensors).
    public let python: PythonFloat?

    convenience init(symbol: String, name: String? = nil, pytorch: PyTorchSpelling?, arity: Int, letters: [String] = ["a", "b"],
         formula: Formula, locals: [Formula], gradients: [Formula]? = nil, gradFn: String?, gradFnAfterNumber: String? = nil,
         activation: Bool = false, shortSymbol: String? = nil, python: PythonFloat? = nil, kernel: Kernel) {
        self.init(symbol: { _ in symbol }, name: name, pytorch: pytorch, arity: arity, letters: letters,
                  formula: { _ in formula }, locals: { _ in locals }, gradients: gradients, gradFn: gradFn,
                  gradFnAfterNumber: gradFnAfterNumber, activation: activation, shortSymbol: shortSymbol, python: python, kernel: kernel)
    }

    init(symbol: @escaping @Sendable (Double) -> String, name: String? = nil, pytorch: PyTorchSpelling?, arity: Int,
         letters: [String] = ["a", "b"], formula: @escaping @Sendable (Double) -> Formula, locals: @escaping @Sendable (Double) -> [Formula],
         gradients: [Formula]? = nil, gradFn: String?, gradFnAfterNumber: String? = nil,
         activation: Bool = false, shortSymbol: String? = nil, python: PythonFloat? = nil, kernel: Kernel) {
        self.gradFn = gradFn
        self.gradFnAfterNumber = gradFnAfterNumber
        self.isActivation = activation
        self.shortSymbol = shortSymbol
        self.python = python
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

    /// A function of one operand, elementwise: its name in model expressions, the title of its
    /// node (the name when nil), how PyTorch calls it, its local derivative as terms (for the
    /// inspector's chain rule), its grad_fn, and its arithmetic (`rule`). How a new function is
    /// added outside the built-in table: `FunctionTable.standard.adding(row)` makes it callable.
    public convenience init<R: ElementRule>(function name: String, symbol: String? = nil, pytorch: String, local: Formula, gradFn: String,
                                            activation: Bool = false, shortSymbol: String? = nil, python: PythonFloat? = nil, rule: R.Type) {
        self.init(symbol: symbol ?? name, name: name, pytorch: .function(pytorch), arity: 1, formula: .call(name), locals: [local],
                  gradFn: gradFn, activation: activation, shortSymbol: shortSymbol, python: python, kernel: .elementwise(Elementwise(rule)))
    }
}

/// Rows are compared as what they are, one declaration each: two ops are the same when their rows are.
extension OpRow: Equatable {
    public static func == (a: OpRow, b: OpRow) -> Bool { a === b }
}

/// A function on one float64 number as Python's float arithmetic writes it (`math.sin(a)`), for
/// `[data] features`: the value is the row's own rule in float64, which is what Python computes.
public struct PythonFloat: Sendable {
    /// The Python text, the argument as operand 0.
    public var formula: Formula
    /// Where Python raises though the float64 value is finite (sigmoid's `math.exp(-a)` past
    /// e^709, where the float64 1/(1 + inf) is 0): such a feature is refused as Python would.
    public var raises: (@Sendable (Double) -> Bool)?

    public init(_ formula: Formula, raises: (@Sendable (Double) -> Bool)? = nil) {
        self.formula = formula
        self.raises = raises
    }

    /// A call of one Python function: `math.sin(a)`.
    public static func call(_ function: String) -> PythonFloat { PythonFloat([.text("\(function)("), .operand(0), .text(")")]) }
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
/// z, the op's constant p (pow's exponent) and the dtype every step is rounded to. In `Float`
/// (a float32 tape's compiled step) each operation rounds by itself; in `Double` `r` rounds.
public struct Element<Scalar: EngineScalar> {
    public var a: Scalar
    public var b: Scalar
    public var z: Scalar
    public var p: Double
    public var dtype: DType

    public init(a: Scalar, b: Scalar, z: Scalar, p: Double, dtype: DType) {
        self.a = a
        self.b = b
        self.z = z
        self.p = p
        self.dtype = dtype
    }

    /// Rounds to the dtype, as PyTorch stores each intermediate result.
    @inline(__always) public func r(_ x: Scalar) -> Scalar { Scalar.rounded(x, dtype) }
    @inline(__always) public func exp(_ x: Scalar) -> Scalar { Scalar.exp(x, dtype) }
    @inline(__always) public func log(_ x: Scalar) -> Scalar { Scalar.log(x, dtype) }
    @inline(__always) public func log1p(_ x: Scalar) -> Scalar { Scalar.log1p(x, dtype) }
    @inline(__always) public func tanh(_ x: Scalar) -> Scalar { Scalar.tanh(x, dtype) }
    @inline(__always) public func sin(_ x: Scalar) -> Scalar { Scalar.sin(x, dtype) }
    @inline(__always) public func cos(_ x: Scalar) -> Scalar { Scalar.cos(x, dtype) }
    @inline(__always) public func oneMinusSquareFused(_ x: Scalar) -> Scalar { Scalar.oneMinusSquareFused(x, dtype) }
    @inline(__always) public func power(_ x: Scalar, _ p: Double) -> Scalar { Scalar.power(x, p, dtype) }
    /// p · x rounded: pow's exponent times a number.
    @inline(__always) public func scaled(_ p: Double, _ x: Scalar) -> Scalar { Scalar.scaled(p, x, dtype) }
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
public protocol ElementRule: SendableMetatype {
    static func value<S: EngineScalar>(_ e: Element<S>) -> S
    /// ∂z/∂operand `slot` for one element, rounded in the dtype.
    static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S
    /// Whether `gradient` is the op's own rule rather than `r(grad · local)`.
    static var ownGradient: Bool { get }
    /// The gradient sent to operand `slot` given the arriving gradient.
    static func gradient<S: EngineScalar>(_ slot: Int, _ grad: S, _ e: Element<S>) -> S
}

extension ElementRule {
    public static var ownGradient: Bool { false }
    @inline(__always) public static func gradient<S: EngineScalar>(_ slot: Int, _ grad: S, _ e: Element<S>) -> S { e.r(grad * local(slot, e)) }
}

/// An elementwise op as the engine runs it: its rule as closures in Double (for building a graph,
/// the recorder path and the inspector), and the compiled step's two loops, specialised for the
/// rule and run in the storage's own type.
final class Elementwise: Sendable {
    let value: @Sendable (Element<Double>) -> Double
    /// ∂z/∂operand `slot` for one element, rounded in the dtype.
    let local: @Sendable (_ slot: Int, Element<Double>) -> Double
    /// The gradient sent to operand `slot` given the arriving gradient; nil: `r(grad · local)`.
    let gradient: (@Sendable (_ slot: Int, _ grad: Double, Element<Double>) -> Double)?
    /// Computes a compiled forward instruction's values, on a float32 tape's storage and on a float64 one's.
    let forwardFloat: @Sendable (UnsafePointer<Tape.Instruction>, _ values: UnsafeMutablePointer<Float>) -> Void
    let forwardDouble: @Sendable (UnsafePointer<Tape.Instruction>, _ values: UnsafeMutablePointer<Double>) -> Void
    /// Adds a compiled send's gradient (every shape equal) into its input's grad, on either storage.
    let sendFloat: @Sendable (UnsafePointer<Tape.Send>, _ values: UnsafeMutablePointer<Float>, _ grads: UnsafeMutablePointer<Float>) -> Void
    let sendDouble: @Sendable (UnsafePointer<Tape.Send>, _ values: UnsafeMutablePointer<Double>, _ grads: UnsafeMutablePointer<Double>) -> Void

    init<R: ElementRule>(_ rule: R.Type) {
        value = { R.value($0) }
        local = { R.local($0, $1) }
        if R.ownGradient {
            gradient = { R.gradient($0, $1, $2) }
        } else {
            gradient = nil
        }
        // One loop per storage type, each a small function of its own (a float32 tape is only
        // float32 and a float64 tape only float64, so each type's loop knows its dtype).
        forwardFloat = { Elementwise.forward(R.self, $0, $1, .float32) }
        forwardDouble = { Elementwise.forward(R.self, $0, $1, .float64) }
        sendFloat = { Elementwise.send(R.self, $0, $1, $2, .float32) }
        sendDouble = { Elementwise.send(R.self, $0, $1, $2, .float64) }
    }

    // The two loops read only the fields they use, and step with wrapping arithmetic: a planned
    // instruction's offsets were checked against the storage when it was planned. A step of the
    // lecture is three ops on one number each, so this bookkeeping is most of its cost.
    @inline(__always)
    private static func forward<R: ElementRule, S: EngineScalar>(_ rule: R.Type, _ i: UnsafePointer<Tape.Instruction>,
                                                                 _ v: UnsafeMutablePointer<S>, _ dtype: DType) {
        var e = Element<S>(a: 0, b: 0, z: 0, p: i.pointee.p, dtype: dtype)
        let z = v + i.pointee.z, a = v + i.pointee.a, b = v + i.pointee.b
        if i.pointee.flat {
            let count = i.pointee.count
            var k = 0
            if i.pointee.two {
                while k < count {
                    e.a = a[k]
                    e.b = b[k]
                    z[k] = R.value(e)
                    k &+= 1
                }
            } else {
                while k < count {
                    e.a = a[k]
                    z[k] = R.value(e)
                    k &+= 1
                }
            }
            return
        }
        let rows = i.pointee.rows, cols = i.pointee.cols, two = i.pointee.two
        let aRow = i.pointee.aRow, aCol = i.pointee.aCol, bRow = i.pointee.bRow, bCol = i.pointee.bCol
        for row in 0..<rows {
            for col in 0..<cols {
                e.a = a[row &* aRow &+ col &* aCol]
                if two { e.b = b[row &* bRow &+ col &* bCol] }
                z[row &* cols &+ col] = R.value(e)
            }
        }
    }

    /// Each element the same product or rule, and the same sum, as sending it through a buffer
    /// (the first gradient into a graph node is the sum: −0.0 + x is x).
    @inline(__always)
    private static func send<R: ElementRule, S: EngineScalar>(_ rule: R.Type, _ s: UnsafePointer<Tape.Send>, _ v: UnsafePointer<S>,
                                                              _ g: UnsafeMutablePointer<S>, _ dtype: DType) {
        var e = Element<S>(a: 0, b: 0, z: 0, p: s.pointee.p, dtype: dtype)
        let slot = s.pointee.slot, count = s.pointee.count, two = s.pointee.two
        let a = v + s.pointee.a, b = v + s.pointee.b, z = v + s.pointee.z, gz = g + s.pointee.z, target = g + s.pointee.target
        var k = 0
        if s.pointee.first {
            while k < count {
                e.a = a[k]
                if two { e.b = b[k] }
                e.z = z[k]
                target[k] = R.gradient(slot, gz[k], e)
                k &+= 1
            }
            return
        }
        while k < count {
            e.a = a[k]
            if two { e.b = b[k] }
            e.z = z[k]
            target[k] = S.rounded(target[k] + R.gradient(slot, gz[k], e), dtype)
            k &+= 1
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
    let backward: @Sendable (Tape, _ id: Int, _ slot: Int, _ out: UnsafeMutableBufferPointer<Double>) -> Int
    /// Adds ∂loss/∂operand `slot` of node `id` straight into the operand's grad (stores it when
    /// `first`), when no recorder watches: for ops whose gradient is big (a matrix product's).
    let backwardInPlace: (@Sendable (Tape, _ id: Int, _ slot: Int, _ first: Bool) -> Void)?
    /// A local derivative as one number when every size is 1 (sum's 1, mean's 1/n), for the inspector.
    let local: (@Sendable (_ slot: Int, Element<Double>, _ count: Int) -> Double)?

    init(shape: @escaping @Sendable (Shape, Shape) -> Shape?,
         forward: @escaping @Sendable (Tape, _ id: Int) throws(AutogradError) -> Void,
         backward: @escaping @Sendable (Tape, _ id: Int, _ slot: Int, _ out: UnsafeMutableBufferPointer<Double>) -> Int,
         backwardInPlace: (@Sendable (Tape, _ id: Int, _ slot: Int, _ first: Bool) -> Void)? = nil,
         local: (@Sendable (_ slot: Int, Element<Double>, _ count: Int) -> Double)? = nil) {
        self.shape = shape
        self.forward = forward
        self.backward = backward
        self.backwardInPlace = backwardInPlace
        self.local = local
    }
}
