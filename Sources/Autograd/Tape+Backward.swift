/// The backward half of the op table: for each op, the gradient it sends to each input is the
/// upstream gradient times the local derivative listed in `Op.localDerivatives`, in PyTorch's order.
extension Tape {
    /// `loss.backward()`: fills the grads of everything the loss depends on, then frees the graph.
    public func backward(_ loss: Tensor) throws {
        var none = NoRecorder()
        try backward(loss, recorder: &none)
    }

    /// backward() that tells `recorder` each node it reaches and each gradient it sends.
    public func backward<R: BackwardRecorder>(_ loss: Tensor, recorder: inout R) throws {
        if isFreed { throw AutogradError.graphFreed }
        try check(loss)
        let top = nodes[loss.id]
        guard top.shape.isScalar else { throw AutogradError.lossNotScalar(top.shape) }
        grads[top.offset] = 1
        for i in stride(from: loss.id, through: 0, by: -1) {
            let node = nodes[i]
            guard node.requiresGrad, !node.op.isLeaf else { continue }
            recorder.reached(node: i)
            for slot in 0..<node.op.arity {
                let input = slot == 0 ? node.a : node.b
                let target = nodes[input]
                guard target.requiresGrad else { continue }
                let needed = max(node.shape.count, target.shape.count)
                if scratch.count < needed {
                    scratch = [Double](repeating: 0, count: needed * 2)
                    reduced = scratch
                }
                let count = localProduct(of: i, slot: slot, into: &scratch)
                if count != target.shape.count { sumToShape(scratch, from: node.shape, to: target.shape, into: &reduced) }
                let sent = count == target.shape.count ? scratch : reduced
                sent.withUnsafeBufferPointer { buffer in
                    let contribution = UnsafeBufferPointer(rebasing: buffer[0..<target.shape.count])
                    recorder.sent(from: i, to: input, contribution: contribution)
                    for k in 0..<target.shape.count { grads[target.offset + k] = r(grads[target.offset + k] + contribution[k]) }
                }
            }
        }
        for p in 0..<parameterCount where nodes[p].requiresGrad && reachedParameter(p, from: loss.id) {
            markGradPresent(p)
        }
        isFreed = true
    }

    private func reachedParameter(_ p: Int, from loss: Int) -> Bool {
        for i in parameterCount...loss where nodes[i].a == p || nodes[i].b == p { return true }
        return false
    }

    /// Writes upstream × local derivative for input `slot` (0 = a, 1 = b) of node `i` into `out`;
    /// returns how many values it wrote (the node's size, or the input's size for matmul/reductions).
    private func localProduct(of i: Int, slot: Int, into out: inout [Double]) -> Int {
        let node = nodes[i]
        let z = node.offset, g = node.offset
        let na = nodes[node.a], nb = node.b >= 0 ? nodes[node.b] : na
        let shape = node.shape
        @inline(__always) func a(_ k: Int) -> Double { values[na.offset + broadcastIndex(na.shape, k / shape.cols, k % shape.cols)] }
        @inline(__always) func b(_ k: Int) -> Double { values[nb.offset + broadcastIndex(nb.shape, k / shape.cols, k % shape.cols)] }
        switch node.op {
        case .add:                      // local [1, 1]
            for k in 0..<shape.count { out[k] = grads[g + k] }
        case .sub:                      // local [1, -1]
            for k in 0..<shape.count { out[k] = slot == 0 ? grads[g + k] : -grads[g + k] }
        case .mul:                      // local [b, a]
            for k in 0..<shape.count { out[k] = r(grads[g + k] * (slot == 0 ? b(k) : a(k))) }
        case .div:                      // local [1/b, -a/b²] as grad/b and -grad·((a/b)/b)
            for k in 0..<shape.count {
                out[k] = slot == 0 ? r(grads[g + k] / b(k)) : r(-grads[g + k] * r(r(a(k) / b(k)) / b(k)))
            }
        case .neg:                      // local [-1]
            for k in 0..<shape.count { out[k] = -grads[g + k] }
        case .pow(let p):               // local [p·a^(p-1)]
            for k in 0..<shape.count { out[k] = p == 0 ? 0 : r(grads[g + k] * r(p * power(a(k), p - 1))) }
        case .sigmoid:                  // local [z(1-z)] as (grad·(1-z))·z
            for k in 0..<shape.count { out[k] = r(r(grads[g + k] * r(1 - values[z + k])) * values[z + k]) }
        case .tanh:                     // local [1-z²]
            for k in 0..<shape.count { out[k] = r(grads[g + k] * r(1 - r(values[z + k] * values[z + k]))) }
        case .relu:                     // local [1 if a > 0 else 0]
            for k in 0..<shape.count { out[k] = values[z + k] <= 0 ? 0 : grads[g + k] }
        case .exp:                      // local [z]
            for k in 0..<shape.count { out[k] = r(grads[g + k] * values[z + k]) }
        case .log:                      // local [1/a]
            for k in 0..<shape.count { out[k] = r(grads[g + k] / a(k)) }
        case .sum:                      // local [1]
            for k in 0..<na.shape.count { out[k] = grads[g] }
            return na.shape.count
        case .mean:                     // local [1/n]
            let share = r(grads[g] / Double(na.shape.count))
            for k in 0..<na.shape.count { out[k] = share }
            return na.shape.count
        case .transpose:                // local [ᵀ]
            for row in 0..<shape.rows {
                for col in 0..<shape.cols { out[col * shape.rows + row] = grads[g + row * shape.cols + col] }
            }
            return na.shape.count
        case .matmul:                   // dA = G·Bᵀ, dB = Aᵀ·G
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
        case .input, .param, .constant:
            return 0
        }
        return shape.count
    }

    /// Sums a broadcast gradient back to the input's shape (PyTorch's sum_to_size).
    private func sumToShape(_ full: [Double], from shape: Shape, to target: Shape, into out: inout [Double]) {
        for k in 0..<target.count { out[k] = -0.0 }
        for row in 0..<shape.rows {
            for col in 0..<shape.cols {
                let k = broadcastIndex(target, row, col)
                out[k] = r(out[k] + full[row * shape.cols + col])
            }
        }
    }
}
