import Foundation

/// The forward half of the op table: each op's value, computed in the order PyTorch computes it
/// and rounded to the tape's dtype after every arithmetic step.
extension Tape {
    @inline(__always) func r(_ x: Double) -> Double { dtype.round(x) }

    /// exp, log and tanh in the tape's precision (float32 uses the float32 C library functions).
    @inline(__always) func expT(_ x: Double) -> Double { dtype == .float32 ? Double(Foundation.exp(Float(x))) : Foundation.exp(x) }
    @inline(__always) func logT(_ x: Double) -> Double { dtype == .float32 ? Double(Foundation.log(Float(x))) : Foundation.log(x) }
    @inline(__always) func tanhT(_ x: Double) -> Double { dtype == .float32 ? Double(Foundation.tanh(Float(x))) : Foundation.tanh(x) }
    @inline(__always) func sqrtT(_ x: Double) -> Double { r(x.squareRoot()) }

    /// x^p as PyTorch's pow kernel special-cases it: 2 and 3 are products, ±0.5 roots, −1 and −2 reciprocals.
    func power(_ x: Double, _ p: Double) -> Double {
        switch p {
        case 0: return 1
        case 1: return x
        case 2: return r(x * x)
        case 3: return r(r(x * x) * x)
        case 0.5: return sqrtT(x)
        case -0.5: return r(1 / sqrtT(x))
        case -1: return r(1 / x)
        case -2: return r(1 / r(x * x))
        default: return dtype == .float32 ? Double(Foundation.pow(Float(x), Float(p))) : Foundation.pow(x, p)
        }
    }

    @inline(__always) func binaryValue(_ op: Op, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: return r(a + b)
        case .sub: return r(a - b)
        case .mul: return r(a * b)
        case .div: return r(a / b)   // real division: a · b⁻¹ is not bit-equal in float32
        default: return .nan
        }
    }

    @inline(__always) func unaryValue(_ op: Op, _ a: Double) -> Double {
        switch op {
        case .neg: return -a
        case .pow(let p): return power(a, p)
        case .sigmoid: return r(1 / r(1 + expT(-a)))
        case .tanh: return tanhT(a)
        case .relu: return a.isNaN ? a : (a > 0 ? a : 0)
        case .exp: return expT(a)
        case .log: return logT(a)
        default: return .nan
        }
    }

    /// Index of element (row, col) of a node of `shape` read through broadcasting to a larger shape.
    @inline(__always) func broadcastIndex(_ shape: Shape, _ row: Int, _ col: Int) -> Int {
        (shape.rows == 1 ? 0 : row) * shape.cols + (shape.cols == 1 ? 0 : col)
    }

    func binary(_ op: Op, _ x: Tensor, _ y: Tensor) throws -> Tensor {
        try check(x)
        try check(y)
        beginOp()
        let nx = nodes[x.id], ny = nodes[y.id]
        guard let shape = Shape.broadcast(nx.shape, ny.shape) else {
            throw AutogradError.shapeMismatch(op: op.formula, nx.shape, ny.shape)
        }
        let id = append(op, x.id, y.id, shape, requiresGrad: nx.requiresGrad || ny.requiresGrad)
        let oz = nodes[id].offset
        if nx.shape == shape && ny.shape == shape {
            for i in 0..<shape.count { values[oz + i] = binaryValue(op, values[nx.offset + i], values[ny.offset + i]) }
        } else {
            for row in 0..<shape.rows {
                for col in 0..<shape.cols {
                    values[oz + row * shape.cols + col] = binaryValue(
                        op, values[nx.offset + broadcastIndex(nx.shape, row, col)],
                        values[ny.offset + broadcastIndex(ny.shape, row, col)])
                }
            }
        }
        return tensor(id)
    }

    func unary(_ op: Op, _ x: Tensor) throws -> Tensor {
        try check(x)
        beginOp()
        let nx = nodes[x.id]
        let id = append(op, x.id, -1, nx.shape, requiresGrad: nx.requiresGrad)
        let oz = nodes[id].offset
        for i in 0..<nx.shape.count { values[oz + i] = unaryValue(op, values[nx.offset + i]) }
        return tensor(id)
    }

    // MARK: the public ops

    public func add(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.add, a, b) }
    public func sub(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.sub, a, b) }
    public func mul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.mul, a, b) }
    public func div(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(.div, a, b) }
    public func neg(_ a: Tensor) throws -> Tensor { try unary(.neg, a) }
    public func pow(_ a: Tensor, _ exponent: Double) throws -> Tensor { try unary(.pow(exponent), a) }
    public func sigmoid(_ a: Tensor) throws -> Tensor { try unary(.sigmoid, a) }
    public func tanh(_ a: Tensor) throws -> Tensor { try unary(.tanh, a) }
    public func relu(_ a: Tensor) throws -> Tensor { try unary(.relu, a) }
    public func exp(_ a: Tensor) throws -> Tensor { try unary(.exp, a) }
    public func log(_ a: Tensor) throws -> Tensor { try unary(.log, a) }

    /// A @ B, each sum accumulated left to right as one float32 multiply-add after another.
    public func matmul(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        try check(x)
        try check(y)
        beginOp()
        let nx = nodes[x.id], ny = nodes[y.id]
        guard let shape = Shape.matmul(nx.shape, ny.shape) else {
            throw AutogradError.shapeMismatch(op: "A @ B", nx.shape, ny.shape)
        }
        let id = append(.matmul, x.id, y.id, shape, requiresGrad: nx.requiresGrad || ny.requiresGrad)
        let oz = nodes[id].offset
        let dtype = self.dtype
        values.withUnsafeMutableBufferPointer { v in
            guard let base = v.baseAddress else { return }
            Tape.matmulKernel(out: base + oz, a: base + nx.offset, rows: nx.shape.rows, inner: nx.shape.cols, aT: false,
                              b: base + ny.offset, cols: ny.shape.cols, bT: false, dtype: dtype)
        }
        return tensor(id)
    }

    /// out[i,j] = Σ_k A[i,k]·B[k,j], with optional transposed reads; shared by forward and
    /// backward so the three products of a matmul accumulate the same way.
    static func matmulKernel(out: UnsafeMutablePointer<Double>, a: UnsafePointer<Double>, rows: Int, inner: Int, aT: Bool,
                             b: UnsafePointer<Double>, cols: Int, bT: Bool, dtype: DType) {
        for i in 0..<rows {
            for j in 0..<cols {
                var acc = 0.0
                for k in 0..<inner {
                    let av = a[aT ? k * rows + i : i * inner + k]
                    let bv = b[bT ? j * inner + k : k * cols + j]
                    acc = dtype.round(acc + dtype.round(av * bv))
                }
                out[i * cols + j] = acc
            }
        }
    }

    public func transpose(_ x: Tensor) throws -> Tensor {
        try check(x)
        beginOp()
        let nx = nodes[x.id]
        let id = append(.transpose, x.id, -1, nx.shape.transposed, requiresGrad: nx.requiresGrad)
        let oz = nodes[id].offset
        for i in 0..<nx.shape.rows {
            for j in 0..<nx.shape.cols { values[oz + j * nx.shape.rows + i] = values[nx.offset + i * nx.shape.cols + j] }
        }
        return tensor(id)
    }

    /// Sum of every element, accumulated in order in the tape's precision.
    public func sum(_ x: Tensor) throws -> Tensor { try reduce(.sum, x) }
    /// The mean of every element: the sum divided by the count, as PyTorch computes it.
    public func mean(_ x: Tensor) throws -> Tensor { try reduce(.mean, x) }

    func reduce(_ op: Op, _ x: Tensor) throws -> Tensor {
        try check(x)
        beginOp()
        let nx = nodes[x.id]
        let id = append(op, x.id, -1, .scalar, requiresGrad: nx.requiresGrad)
        var acc = 0.0
        for i in 0..<nx.shape.count { acc = r(acc + values[nx.offset + i]) }
        if op == .mean { acc = r(acc / Double(nx.shape.count)) }
        values[nodes[id].offset] = acc
        return tensor(id)
    }
}

extension Tape {
    /// Applies any op to its inputs: how a compiled program drives the tape.
    public func apply(_ op: Op, _ a: Tensor, _ b: Tensor? = nil) throws -> Tensor {
        switch op {
        case .add, .sub, .mul, .div:
            return try binary(op, a, b ?? a)
        case .matmul:
            return try matmul(a, b ?? a)
        case .transpose:
            return try transpose(a)
        case .sum, .mean:
            return try reduce(op, a)
        case .neg, .pow, .sigmoid, .tanh, .relu, .exp, .log:
            return try unary(op, a)
        case .input, .param, .constant:
            return a
        }
    }
}
