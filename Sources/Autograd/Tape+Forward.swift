/// The forward half of the engine: applies an op's row to its inputs, computing each value in the
/// order PyTorch computes it and rounding to the tape's dtype after every arithmetic step.
extension Tape {
    @inline(__always) func r(_ x: Double) -> Double { dtype.round(x) }

    /// Index of element (row, col) of a node of `shape` read through broadcasting to a larger shape.
    @inline(__always) func broadcastIndex(_ shape: Shape, _ row: Int, _ col: Int) -> Int {
        (shape.rows == 1 ? 0 : row) * shape.cols + (shape.cols == 1 ? 0 : col)
    }

    /// Applies any op to its inputs: how a compiled program drives the tape.
    public func apply(_ op: Op, _ a: Tensor, _ b: Tensor? = nil) throws -> Tensor {
        let row = op.row
        switch row.kernel {
        case .leaf:
            return a
        case .elementwise(let rule):
            if let b, row.arity == 2 { return try binary(op, rule, a, b) }
            return try unary(op, rule, a)
        case .custom(let kernel):
            return try custom(op, kernel, arity: row.arity, a, row.arity == 2 ? b ?? a : a)
        }
    }

    func binary(_ op: Op, _ rule: Elementwise, _ x: Tensor, _ y: Tensor) throws -> Tensor {
        try check(x)
        try check(y)
        beginOp()
        let nx = nodes[x.id], ny = nodes[y.id]
        let shape = try resultShape(op, nx.shape, ny.shape)
        let id = append(op, x.id, y.id, shape, requiresGrad: nx.requiresGrad || ny.requiresGrad)
        fillBinary(id, rule)
        return tensor(id)
    }

    /// Computes the values of node `id`, an elementwise op of two operands already on the tape.
    func fillBinary(_ id: Int, _ rule: Elementwise) {
        let node = nodes[id], nx = nodes[node.a], ny = nodes[node.b], shape = node.shape
        let oz = node.offset
        let value = rule.value
        var e = Element<Double>(a: 0, b: 0, z: 0, p: node.op.exponent, dtype: dtype)
        let v = values
        if nx.shape == shape && ny.shape == shape {
            for i in 0..<shape.count {
                e.a = v[nx.offset + i]
                e.b = v[ny.offset + i]
                v[oz + i] = value(e)
            }
        } else {
            for row in 0..<shape.rows {
                for col in 0..<shape.cols {
                    e.a = v[nx.offset + broadcastIndex(nx.shape, row, col)]
                    e.b = v[ny.offset + broadcastIndex(ny.shape, row, col)]
                    v[oz + row * shape.cols + col] = value(e)
                }
            }
        }
    }

    /// The shape of `op` on operands of shapes `a` and `b`, or why there is none: they do not fit,
    /// or the result would hold more than `Shape.mostNumbers` (checked before anything is allocated).
    func resultShape(_ op: Op, _ a: Shape, _ b: Shape?, mismatchWith other: Shape? = nil) throws -> Shape {
        guard let shape = op.shape(a, b) else { throw AutogradError.shapeMismatch(op: op.formula, a, other ?? b ?? a) }
        guard shape.isWithinBound else { throw AutogradError.tooLarge(op: op.formula, shape) }
        return shape
    }

    func unary(_ op: Op, _ rule: Elementwise, _ x: Tensor) throws -> Tensor {
        try check(x)
        beginOp()
        let nx = nodes[x.id]
        let id = append(op, x.id, -1, nx.shape, requiresGrad: nx.requiresGrad)
        fillUnary(id, rule)
        return tensor(id)
    }

    /// Computes the values of node `id`, an elementwise op of one operand already on the tape.
    func fillUnary(_ id: Int, _ rule: Elementwise) {
        let node = nodes[id], nx = nodes[node.a]
        let oz = node.offset
        let value = rule.value
        var e = Element<Double>(a: 0, b: 0, z: 0, p: node.op.exponent, dtype: dtype)
        let v = values
        for i in 0..<nx.shape.count {
            e.a = v[nx.offset + i]
            v[oz + i] = value(e)
        }
    }

    func custom(_ op: Op, _ kernel: Custom, arity: Int, _ x: Tensor, _ y: Tensor) throws -> Tensor {
        try check(x)
        try check(y)
        beginOp()
        let nx = nodes[x.id], ny = nodes[y.id]
        let shape = try resultShape(op, nx.shape, arity == 2 ? ny.shape : nil, mismatchWith: ny.shape)
        let two = arity == 2
        let id = append(op, x.id, two ? y.id : -1, shape, requiresGrad: nx.requiresGrad || (two && ny.requiresGrad))
        do {
            try kernel.forward(self, id)
        } catch {
            removeLast()
            throw error
        }
        return tensor(id)
    }

    // MARK: the public ops

    public func add(_ a: Tensor, _ b: Tensor) throws -> Tensor { try apply(.add, a, b) }
    public func sub(_ a: Tensor, _ b: Tensor) throws -> Tensor { try apply(.sub, a, b) }
    public func mul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try apply(.mul, a, b) }
    public func div(_ a: Tensor, _ b: Tensor) throws -> Tensor { try apply(.div, a, b) }
    public func neg(_ a: Tensor) throws -> Tensor { try apply(.neg, a) }
    public func pow(_ a: Tensor, _ exponent: Double) throws -> Tensor { try apply(.pow(exponent), a) }
    public func sigmoid(_ a: Tensor) throws -> Tensor { try apply(.sigmoid, a) }
    public func tanh(_ a: Tensor) throws -> Tensor { try apply(.tanh, a) }
    public func relu(_ a: Tensor) throws -> Tensor { try apply(.relu, a) }
    public func exp(_ a: Tensor) throws -> Tensor { try apply(.exp, a) }
    public func log(_ a: Tensor) throws -> Tensor { try apply(.log, a) }
    public func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try apply(.matmul, a, b) }
    public func transpose(_ a: Tensor) throws -> Tensor { try apply(.transpose, a) }
    /// Sum of every element, accumulated in order in the tape's precision.
    public func sum(_ a: Tensor) throws -> Tensor { try apply(.sum, a) }
    /// The mean of every element: the sum divided by the count, as PyTorch computes it.
    public func mean(_ a: Tensor) throws -> Tensor { try apply(.mean, a) }
}
