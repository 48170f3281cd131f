/// sum and mean of every element, accumulated in order in the tape's precision; mean divides the
/// sum by the count, and its backward sends grad / n to each element, as PyTorch computes them.
extension OpRow {
    static let sum = OpRow(
        symbol: "sum", name: "sum", pytorch: .function("torch.sum"), arity: 1, formula: .call("sum"), locals: [["1"]],
        kernel: .custom(Custom(shape: { _, _ in .scalar }, forward: { $0.reduceForward($1, mean: false) },
                               backward: { $0.reduceBackward($1, mean: false, into: &$3) }, local: { _, _, _ in 1 })))

    static let mean = OpRow(
        symbol: "mean", name: "mean", pytorch: .function("torch.mean"), arity: 1, formula: .call("mean"), locals: [["1/n"]],
        kernel: .custom(Custom(shape: { _, _ in .scalar }, forward: { $0.reduceForward($1, mean: true) },
                               backward: { $0.reduceBackward($1, mean: true, into: &$3) },
                               local: { _, _, count in 1 / Double(Swift.max(1, count)) })))
}

extension Tape {
    func reduceForward(_ id: Int, mean: Bool) {
        let node = nodes[id], nx = nodes[node.a]
        var acc = 0.0
        for i in 0..<nx.shape.count { acc = r(acc + values[nx.offset + i]) }
        if mean { acc = r(acc / Double(nx.shape.count)) }
        values[node.offset] = acc
    }

    func reduceBackward(_ id: Int, mean: Bool, into out: inout [Double]) -> Int {
        let node = nodes[id], count = nodes[node.a].shape.count
        let share = mean ? r(grads[node.offset] / Double(count)) : grads[node.offset]
        for k in 0..<count { out[k] = share }
        return count
    }
}
