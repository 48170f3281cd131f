/// cross_entropy(logits, y): PyTorch's `F.cross_entropy` with the classes down each column —
/// logits K×B (a sample is a column), y the class index 0…K−1 of each of the B samples — and the
/// mean over the batch. Log-softmax as PyTorch computes it: x − max − log Σ e^(x − max).
/// Backward: ∂loss/∂logits = (softmax(logits) − onehot(y)) / B, in PyTorch's order: the one-hot
/// entry is −grad/B, and each element gets it minus e^(log-softmax) times it.
extension OpRow {
    static let crossEntropy = OpRow(
        symbol: "cross_entropy", name: "cross_entropy",
        pytorch: .template([.text("torch.nn.functional.cross_entropy("), .operand(0),
                            .text(".T, torch.as_tensor("), .operand(1), .text(").reshape(-1).long())")]),
        arity: 2, formula: [.text("cross_entropy("), .operand(0), .text(", "), .operand(1), .text(")")],
        locals: [[.text("(softmax("), .operand(0), .text(") - onehot("), .operand(1), .text(")) / B")],
                 [.text("none (class indices)")]],
        gradients: [[.upstream, .times, .text("(softmax("), .operand(0), .text(") - onehot("), .operand(1), .text(")) / B")],
                    [.text("none (class indices)")]],
        gradFn: "NllLossBackward0", shortSymbol: "CE",
        kernel: .custom(Custom(
            shape: { logits, y in
                y.count == logits.cols && (y.rows == 1 || y.cols == 1) ? .scalar : nil
            },
            forward: { (tape: Tape, id: Int) throws(AutogradError) in try tape.crossEntropyForward(id) },
            backward: { $0.crossEntropyBackward($1, slot: $2, into: $3) })))
}

extension Tape {
    /// The class index of sample `b` (already checked by the forward to be a whole number in range).
    private func target(_ node: Node, _ b: Int) -> Int { Int(clamping: values[nodes[node.b].offset + b], to: 0...Int.max) }

    /// Log-softmax of column `col` of the logits into `out[0..<K]`, as PyTorch's kernel for the
    /// last dimension computes it (F.cross_entropy makes logits.T contiguous, so a sample's K
    /// logits are one row to it): the max, the vectorised e^(x − max) summed as its reduction
    /// adds, the vectorised log of the sum, then (x − max) − log.
    private func logSoftmax(_ logits: Node, column col: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let x = logits.offset, rows = logits.shape.rows, cols = logits.shape.cols
        var m = values[x + col]
        for k in 1..<max(1, rows) where m < values[x + k * cols + col] { m = values[x + k * cols + col] }
        for k in 0..<rows { out[k] = dtype.vectorExp(r(values[x + k * cols + col] - m)) }
        let logSum = dtype.vectorLog(dtype.vectorSum(UnsafeBufferPointer(rebasing: out[0..<rows])))
        for k in 0..<rows { out[k] = r(r(values[x + k * cols + col] - m) - logSum) }
    }

    func crossEntropyForward(_ id: Int) throws(AutogradError) {
        let node = nodes[id], logits = nodes[node.a], y = nodes[node.b]
        let classes = logits.shape.rows, batch = logits.shape.cols
        for b in 0..<batch {
            let v = values[y.offset + b]
            guard v == v.rounded(), v >= 0, v < Double(classes) else { throw AutogradError.notAClassIndex(v, classes: classes) }
        }
        // nll_loss's mean: −log p of each sample's class, summed as PyTorch's cascade of partial
        // sums does (sample 0 alone, then runs of 16), divided by the batch size. (Working
        // numbers on the stack: a step allocates nothing.)
        let total = withUnsafeTemporaryAllocation(of: Double.self, capacity: classes + 8) { buffer in
            let logProbabilities = UnsafeMutableBufferPointer(rebasing: buffer[0..<classes])
            let partial = UnsafeMutableBufferPointer(rebasing: buffer[classes..<(classes + 8)])
            partial.initialize(repeating: 0)
            let levelPower = max(4, ceilLog2(batch) / 8)
            let levelMask = (1 << levelPower) - 1
            for b in 0..<batch {
                logSoftmax(logits, column: b, into: logProbabilities)
                partial[0] = r(partial[0] - logProbabilities[target(node, b)])
                for j in 0..<7 {
                    if b & (levelMask << (j * levelPower)) != 0 { break }
                    partial[j + 1] = r(partial[j + 1] + partial[j])
                    partial[j] = 0
                }
            }
            var total = 0.0
            for p in partial { total = r(total + p) }
            return total
        }
        values[node.offset] = r(total / Double(batch))
    }

    func crossEntropyBackward(_ id: Int, slot: Int, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let node = nodes[id], logits = nodes[node.a]
        if slot == 1 {
            for k in 0..<nodes[node.b].shape.count { out[k] = 0 }
            return nodes[node.b].shape.count
        }
        let classes = logits.shape.rows, batch = logits.shape.cols
        let share = -r(grads[node.offset] / Double(batch))
        withUnsafeTemporaryAllocation(of: Double.self, capacity: classes) { logProbabilities in
            for b in 0..<batch {
                logSoftmax(logits, column: b, into: logProbabilities)
                let t = target(node, b)
                for k in 0..<classes {
                    // grad_output − e^(log p) · Σ grad_output, and Σ grad_output is the one entry `share`.
                    let arriving = k == t ? share : 0
                    out[k * batch + b] = dtype.fusedMultiplyAdd(-dtype.vectorExp(logProbabilities[k]), share, arriving)
                }
            }
        }
        return logits.shape.count
    }
}

/// ⌈log₂ n⌉, as PyTorch's CeilLog2 (0 for n ≤ 1).
func ceilLog2(_ n: Int) -> Int {
    n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
}
