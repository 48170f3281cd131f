/// softmax(z) over each column (dim 0 of a K×B tensor: a sample is a column): the column's
/// maximum subtracted, eˣ summed in order, each eˣ divided by the sum — PyTorch's kernel.
extension OpRow {
    static let softmax = OpRow(
        symbol: "softmax", name: "softmax", pytorch: .template([.text("torch.softmax("), .operand(0), .text(", dim=0)")]),
        arity: 1, formula: .call("softmax"),
        locals: [[.result, .text("ᵢ·(δᵢⱼ - "), .result, .text("ⱼ)")]],
        gradients: [[.result, .text(" ⊙ ("), .upstream, .text(" - Σ "), .upstream, .text(" ⊙ "), .result, .text(")")]],
        gradFn: "SoftmaxBackward0",
        kernel: .custom(Custom(shape: { a, _ in a }, forward: { $0.softmaxForward($1) },
                               backward: { $0.softmaxBackward($1, into: $3) },
                               local: { _, e, _ in e.r(e.z * e.r(1 - e.z)) })))
}

extension Tape {
    func softmaxForward(_ id: Int) {
        let node = nodes[id], x = nodes[node.a].offset, z = node.offset
        let rows = node.shape.rows, cols = node.shape.cols
        // PyTorch's kernel takes the columns a register at a time (its vectorised exp) and the
        // columns left over one by one (the C library's exp); one column alone is left over.
        let vectorised = cols < 2 ? 0 : cols - cols % dtype.vectorWidth
        for col in 0..<cols {
            let vector = col < vectorised
            func exp(_ x: Double) -> Double { vector ? dtype.vectorExp(x) : Double.exp(x, dtype) }
            var m = values[x + col]
            for k in 1..<max(1, rows) where m < values[x + k * cols + col] { m = values[x + k * cols + col] }
            var sum = 0.0
            for k in 0..<rows {
                let e = exp(r(values[x + k * cols + col] - m))
                values[z + k * cols + col] = e
                sum = r(sum + e)
            }
            for k in 0..<rows { values[z + k * cols + col] = r(values[z + k * cols + col] / sum) }
        }
    }

    /// ∂loss/∂x = z ⊙ (g − Σₖ gₖ·zₖ) per column, the sum accumulated with fused multiply-adds as
    /// PyTorch's compiled kernel does.
    func softmaxBackward(_ id: Int, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let node = nodes[id], z = node.offset
        let rows = node.shape.rows, cols = node.shape.cols
        for col in 0..<cols {
            var sum = 0.0
            for k in 0..<rows { sum = dtype.fusedMultiplyAdd(grads[z + k * cols + col], values[z + k * cols + col], sum) }
            for k in 0..<rows {
                let i = k * cols + col
                out[i] = r(values[z + i] * r(grads[z + i] - sum))
            }
        }
        return node.shape.count
    }
}
