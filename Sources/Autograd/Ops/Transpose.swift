/// Aᵀ: the values moved, nothing computed; backward moves the gradient back.
extension OpRow {
    static let transpose = OpRow(
        symbol: "ᵀ", pytorch: .template([.operand(0), .text(".T")]), arity: 1, letters: ["A"], formula: [.operand(0), .text("ᵀ")],
        locals: [["ᵀ"]], gradients: [[.upstream, .text("ᵀ")]], gradFn: "PermuteBackward0",
        kernel: .custom(Custom(shape: { a, _ in a.transposed }, forward: { $0.transposeForward($1) },
                               backward: { $0.transposeBackward($1, into: $3) })))
}

extension Tape {
    func transposeForward(_ id: Int) {
        let node = nodes[id], nx = nodes[node.a]
        for i in 0..<nx.shape.rows {
            for j in 0..<nx.shape.cols { values[node.offset + j * nx.shape.rows + i] = values[nx.offset + i * nx.shape.cols + j] }
        }
    }

    func transposeBackward(_ id: Int, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let node = nodes[id], shape = node.shape
        for row in 0..<shape.rows {
            for col in 0..<shape.cols { out[col * shape.rows + row] = grads[node.offset + row * shape.cols + col] }
        }
        return shape.count
    }
}
