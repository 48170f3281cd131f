import CMatmulKernel

/// A @ B: each sum accumulated left to right as one multiply-add after another, rounded each
/// time; backward sends ∂loss/∂z · Bᵀ to A and Aᵀ · ∂loss/∂z to B, with the same kernel.
extension OpRow {
    static let matmul = OpRow(
        symbol: "MM", pytorch: .operator("@"), arity: 2, letters: ["A", "B"], formula: .infix("@"),
        locals: [[.text("· "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ ·")]],
        gradients: [[.upstream, .text(" · "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ · "), .upstream]], gradFn: "MmBackward0",
        kernel: .custom(Custom(shape: { Shape.matmul($0, $1) }, forward: { $0.matmulForward($1) },
                               backward: { $0.matmulBackward($1, slot: $2, into: $3) },
                               backwardInPlace: { $0.matmulBackwardInPlace($1, slot: $2, first: $3) })))
}

extension Tape {
    func matmulForward(_ id: Int) {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        if values.isFloat {
            let v = values.floats
            MatmulKernel.product(out: v + node.offset, a: v + na.offset, rows: na.shape.rows, inner: na.shape.cols, aT: false,
                                 b: v + nb.offset, cols: nb.shape.cols, bT: false, scratch: &matmulScratch)
        } else {
            let v = values.doubles
            MatmulKernel.product(out: v + node.offset, a: v + na.offset, rows: na.shape.rows, inner: na.shape.cols, aT: false,
                                 b: v + nb.offset, cols: nb.shape.cols, bT: false, scratch: &matmulScratch)
        }
    }

    /// dA = G·Bᵀ, dB = Aᵀ·G, written into `out` as Double (the send adds it into the grad): the
    /// walked backward's form, whose recorder reads each gradient sent.
    func matmulBackward(_ id: Int, slot: Int, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        let count = slot == 0 ? na.shape.count : nb.shape.count
        if values.isFloat {
            let result = matmulResult.reserve(Float.self, count: count)
            guard let r = result.baseAddress else { return count }
            gradientProduct(id, slot: slot, values: values.floats, grads: grads.floats, into: r)
            for k in 0..<count { out[k] = Double(r[k]) }
        } else if let o = out.baseAddress {
            gradientProduct(id, slot: slot, values: values.doubles, grads: grads.doubles, into: o)
        }
        return count
    }

    /// dA or dB straight into the operand's grad in the storage's own type, stored when `first`,
    /// else added (one rounding a sum, as the walked send adds it): no widening to Double and
    /// back, which costs as much as the product itself for a wide layer.
    func matmulBackwardInPlace(_ id: Int, slot: Int, first: Bool) {
        if values.isFloat { matmulBackwardInPlace(Float.self, id, slot: slot, first: first) } else { matmulBackwardInPlace(Double.self, id, slot: slot, first: first) }
    }

    private func matmulBackwardInPlace<S: EngineScalar>(_: S.Type, _ id: Int, slot: Int, first: Bool) {
        let node = nodes[id], target = nodes[slot == 0 ? node.a : node.b]
        let v = values.elements(S.self), g = grads.elements(S.self), grad = g + target.offset
        if first {
            gradientProduct(id, slot: slot, values: v, grads: g, into: grad)
            return
        }
        guard let r = matmulResult.reserve(S.self, count: target.shape.count).baseAddress else { return }
        gradientProduct(id, slot: slot, values: v, grads: g, into: r)
        for k in 0..<target.shape.count { grad[k] = grad[k] + r[k] }
    }

    private func gradientProduct<S: EngineScalar>(_ id: Int, slot: Int, values v: UnsafeMutablePointer<S>, grads g: UnsafeMutablePointer<S>,
                                                  into out: UnsafeMutablePointer<S>) {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b], shape = node.shape
        if slot == 0 {
            MatmulKernel.product(out: out, a: g + node.offset, rows: shape.rows, inner: shape.cols, aT: false,
                                 b: v + nb.offset, cols: nb.shape.rows, bT: true, scratch: &matmulScratch)
        } else {
            MatmulKernel.product(out: out, a: v + na.offset, rows: na.shape.cols, inner: na.shape.rows, aT: true,
                                 b: g + node.offset, cols: shape.cols, bT: false, scratch: &matmulScratch)
        }
    }
}

