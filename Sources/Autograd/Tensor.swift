/// A handle to one node of a tape: what user code holds, like a PyTorch tensor.
///
/// Arithmetic on handles appends nodes to their tape (`try x * w`); `value`, `grad` and `shape`
/// read without building anything.
public struct Tensor {
    public let id: Int
    let generation: Int
    /// Unowned and unchecked: a handle never outlives its tape (the tape owns the graph), and the
    /// reference counting of a checked reference cost more than the arithmetic of a scalar op.
    public unowned(unsafe) let tape: Tape

    /// The generation of parameters, which outlive every graph.
    static let permanent = -1

    init(id: Int, generation: Int, tape: Tape) {
        self.id = id
        self.generation = generation
        self.tape = tape
    }

    public var shape: Shape { tape.shape(of: self) }
    public var value: [Double] { tape.value(self) }
    /// nil until a backward reaches this parameter (PyTorch's `None`).
    public var grad: [Double]? { tape.grad(self) }
    /// The single number of a scalar, as `.item()`.
    public var item: Double { tape.isLive(self) ? tape.values[tape.nodes[id].offset] : .nan }

    public func backward() throws { try tape.backward(self) }

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.tape.add(a, b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.tape.sub(a, b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.tape.mul(a, b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.tape.div(a, b) }
    public static prefix func - (a: Tensor) throws -> Tensor { try a.tape.neg(a) }

    public static func + (a: Tensor, b: Double) throws -> Tensor { try a.tape.add(a, a.tape.constant(b)) }
    public static func - (a: Tensor, b: Double) throws -> Tensor { try a.tape.sub(a, a.tape.constant(b)) }
    public static func * (a: Tensor, b: Double) throws -> Tensor { try a.tape.mul(a, a.tape.constant(b)) }
    public static func * (a: Double, b: Tensor) throws -> Tensor { try b.tape.mul(b.tape.constant(a), b) }

    public func pow(_ exponent: Double) throws -> Tensor { try tape.pow(self, exponent) }
    public func matmul(_ other: Tensor) throws -> Tensor { try tape.matmul(self, other) }
    public var T: Tensor { get throws { try tape.transpose(self) } }
    public func sigmoid() throws -> Tensor { try tape.sigmoid(self) }
    public func tanh() throws -> Tensor { try tape.tanh(self) }
    public func relu() throws -> Tensor { try tape.relu(self) }
    public func exp() throws -> Tensor { try tape.exp(self) }
    public func log() throws -> Tensor { try tape.log(self) }
    public func sum() throws -> Tensor { try tape.sum(self) }
    /// Any op of the table on this tensor (and `other`, for ops of two operands): `x.apply(.softplus)`.
    public func apply(_ op: Op, _ other: Tensor? = nil) throws -> Tensor { try tape.apply(op, self, other) }
    public func mean() throws -> Tensor { try tape.mean(self) }
}
