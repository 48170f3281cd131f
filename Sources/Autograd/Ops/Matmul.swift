/// A @ B: each sum accumulated left to right as one multiply-add after another, rounded each
/// time; backward sends ∂loss/∂z · Bᵀ to A and Aᵀ · ∂loss/∂z to B, with the same kernel.
extension OpRow {
    static let matmul = OpRow(
        symbol: "MM", pytorch: .operator("@"), arity: 2, letters: ["A", "B"], formula: .infix("@"),
        locals: [[.text("· "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ ·")]],
        gradients: [[.upstream, .text(" · "), .operand(1), .text("ᵀ")], [.operand(0), .text("ᵀ · "), .upstream]],
        kernel: .custom(Custom(shape: { Shape.matmul($0, $1) }, forward: { $0.matmulForward($1) },
                               backward: { $0.matmulBackward($1, slot: $2, into: &$3) })))
}

extension Tape {
    func matmulForward(_ id: Int) {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        let dtype = self.dtype
        values.withUnsafeMutableBufferPointer { v in
            guard let base = v.baseAddress else { return }
            Tape.matmulKernel(out: base + node.offset, a: base + na.offset, rows: na.shape.rows, inner: na.shape.cols, aT: false,
                              b: base + nb.offset, cols: nb.shape.cols, bT: false, dtype: dtype)
        }
    }

    /// dA = G·Bᵀ, dB = Aᵀ·G.
    func matmulBackward(_ id: Int, slot: Int, into out: inout [Double]) -> Int {
        let node = nodes[id], na = nodes[node.a], nb = nodes[node.b]
        let shape = node.shape, g = node.offset
        let dtype = self.dtype
        values.withUnsafeBufferPointer { v in
            grads.withUnsafeBufferPointer { gr in
                out.withUnsafeMutableBufferPointer { o in
                    guard let vb = v.baseAddress, let gb = gr.baseAddress, let ob = o.baseAddress else { return }
                    if slot == 0 {
                        Tape.matmulKernel(out: ob, a: gb + g, rows: shape.rows, inner: shape.cols, aT: false,
                                          b: vb + nb.offset, cols: nb.shape.rows, bT: true, dtype: dtype)
                    } else {
                        Tape.matmulKernel(out: ob, a: vb + na.offset, rows: na.shape.cols, inner: na.shape.rows, aT: true,
                                          b: gb + g, cols: shape.cols, bT: false, dtype: dtype)
                    }
                }
            }
        }
        return slot == 0 ? na.shape.count : nb.shape.count
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
}
