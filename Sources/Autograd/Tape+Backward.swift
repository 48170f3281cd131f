/// The backward half of the engine: each op sends each input the arriving gradient times its row's
/// local derivative, or its row's own rule where PyTorch rounds in another order.
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
        if recorder is NoRecorder, holdsCompiled(loss: loss.id) {
            runBackward()
            return
        }
        grads[top.offset] = 1
        for i in stride(from: loss.id, through: 0, by: -1) {
            let node = nodes[i]
            guard node.requiresGrad, !node.op.isLeaf else { continue }
            recorder.reached(node: i)
            let kernel = node.op.row.kernel
            for slot in 0..<(node.b >= 0 ? 2 : 1) where nodes[slot == 0 ? node.a : node.b].requiresGrad {
                send(from: i, kernel, slot: slot, recorder: &recorder)
            }
        }
        // A parameter's grad exists (is no longer None) once some node of the graph used it.
        for p in parametersReached(by: loss.id) { markGradPresent(p) }
        isFreed = true
    }

    /// The parameters some node up to `last` uses: their grads exist after a backward.
    func parametersReached(by last: Int) -> [Int] {
        var reached: [Int] = []
        for i in parameterCount..<max(parameterCount, last + 1) {
            let n = nodes[i]
            for input in [n.a, n.b] where input >= 0 && input < parameterCount && nodes[input].requiresGrad && !reached.contains(input) {
                reached.append(input)
            }
        }
        return reached
    }

    /// Sends ∂loss/∂node `i` · ∂node/∂input to its input `slot` and adds it to that input's grad;
    /// `first`: the input's first gradient, stored as it is (its grad may hold an older one).
    func send<R: BackwardRecorder>(from i: Int, _ kernel: Kernel, slot: Int, first: Bool = false, recorder: inout R) {
        if R.self == NoRecorder.self, case .custom(let custom) = kernel, let inPlace = custom.backwardInPlace {
            inPlace(self, i, slot, first)
            return
        }
        let node = nodes[i]
        let input = slot == 0 ? node.a : node.b
        let target = nodes[input]
        let full = gradientScratch.reserve(Double.self, count: max(node.shape.count, target.shape.count))
        let count = localProduct(of: i, kernel, slot: slot, into: full)
        let dtype = self.dtype
        func send(_ buffer: UnsafeBufferPointer<Double>) {
            let contribution = UnsafeBufferPointer(rebasing: buffer[0..<target.shape.count])
            recorder.sent(from: i, to: input, contribution: contribution)
            if grads.isFloat {
                Self.accumulate(contribution, into: grads.floats + target.offset, first: first, dtype)
            } else {
                Self.accumulate(contribution, into: grads.doubles + target.offset, first: first, dtype)
            }
        }
        if count == target.shape.count {
            send(UnsafeBufferPointer(full))
        } else {
            let reduced = reducedScratch.reserve(Double.self, count: target.shape.count)
            sumToShape(full, from: node.shape, to: target.shape, into: reduced)
            send(UnsafeBufferPointer(reduced))
        }
    }

    /// grad ← grad + contribution (or ← contribution for the first), in the storage's own type:
    /// the contribution is already rounded to the dtype, so Float(c) is exact and Float's sum is
    /// float32's.
    @inline(__always)
    private static func accumulate<S: EngineScalar>(_ contribution: UnsafeBufferPointer<Double>, into g: UnsafeMutablePointer<S>,
                                                    first: Bool, _ dtype: DType) {
        if first {
            for k in 0..<contribution.count { g[k] = S(contribution[k]) }
        } else {
            for k in 0..<contribution.count { g[k] = S.rounded(g[k] + S(contribution[k]), dtype) }
        }
    }

    /// Writes the gradient node `i` sends to its input `slot` (0 = a, 1 = b) into `out`: upstream ×
    /// local derivative per element, or the op's own rule; returns how many values it wrote (the
    /// node's size, or the input's size for ops that change the shape).
    private func localProduct(of i: Int, _ kernel: Kernel, slot: Int, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let node = nodes[i]
        switch kernel {
        case .leaf:
            return 0
        case .custom(let kernel):
            return kernel.backward(self, i, slot, out)
        case .elementwise(let rule):
            let na = nodes[node.a], two = node.b >= 0
            let nb = two ? nodes[node.b] : na
            let shape = node.shape, z = node.offset
            let sameShapes = na.shape == shape && nb.shape == shape
            var e = Element<Double>(a: 0, b: 0, z: 0, p: node.op.exponent, dtype: dtype)
            let dtype = self.dtype
            let v = values, gr = grads
            @inline(__always) func load(_ k: Int) {
                if sameShapes {
                    e.a = v[na.offset + k]
                    if two { e.b = v[nb.offset + k] }
                } else {
                    let row = k / shape.cols, col = k % shape.cols
                    e.a = v[na.offset + broadcastIndex(na.shape, row, col)]
                    if two { e.b = v[nb.offset + broadcastIndex(nb.shape, row, col)] }
                }
                e.z = v[z + k]
            }
            if let gradient = rule.gradient {
                for k in 0..<shape.count {
                    load(k)
                    out[k] = gradient(slot, gr[z + k], e)
                }
            } else {
                let local = rule.local
                for k in 0..<shape.count {
                    load(k)
                    out[k] = dtype.round(gr[z + k] * local(slot, e))
                }
            }
            return shape.count
        }
    }

    /// Sums a broadcast gradient back to the input's shape (PyTorch's sum_to_size).
    private func sumToShape(_ full: UnsafeMutableBufferPointer<Double>, from shape: Shape, to target: Shape,
                            into out: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<target.count { out[k] = -0.0 }
        for row in 0..<shape.rows {
            for col in 0..<shape.cols {
                let k = broadcastIndex(target, row, col)
                out[k] = r(out[k] + full[row * shape.cols + col])
            }
        }
    }
}
