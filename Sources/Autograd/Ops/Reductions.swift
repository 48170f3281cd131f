/// sum and mean of every element, added as PyTorch's cascade sum adds them (`cascadeSum`); mean
/// divides the sum by the count, and its backward sends grad / n to each element.
extension OpRow {
    static let sum = OpRow(
        symbol: "sum", name: "sum", pytorch: .function("torch.sum"), arity: 1, formula: .call("sum"), locals: [["1"]], gradFn: "SumBackward0",
        kernel: .custom(Custom(shape: { _, _ in .scalar }, forward: { $0.reduceForward($1, mean: false) },
                               backward: { $0.reduceBackward($1, mean: false, into: $3) }, local: { _, _, _ in 1 })))

    static let mean = OpRow(
        symbol: "mean", name: "mean", pytorch: .function("torch.mean"), arity: 1, formula: .call("mean"), locals: [["1/n"]],
        gradFn: "MeanBackward0",
        kernel: .custom(Custom(shape: { _, _ in .scalar }, forward: { $0.reduceForward($1, mean: true) },
                               backward: { $0.reduceBackward($1, mean: true, into: $3) },
                               local: { _, _, count in 1 / Double(Swift.max(1, count)) })))
}

extension Tape {
    func reduceForward(_ id: Int, mean: Bool) {
        let node = nodes[id], nx = nodes[node.a]
        let v = values, start = nx.offset
        var acc = r(0 + cascadeSum(count: nx.shape.count) { v[start + $0] })
        if mean { acc = r(acc / Double(nx.shape.count)) }
        values[node.offset] = acc
    }

    func reduceBackward(_ id: Int, mean: Bool, into out: UnsafeMutableBufferPointer<Double>) -> Int {
        let node = nodes[id], count = nodes[node.a].shape.count
        let share = mean ? r(grads[node.offset] / Double(count)) : grads[node.offset]
        for k in 0..<count { out[k] = share }
        return count
    }
}

extension Tape {
    /// Σ values in the order of PyTorch's CPU sum kernel (SumKernel.cpp, `cascade_sum`): fewer
    /// values than a register holds are read as four interleaved running sums (element i into
    /// sum i mod 4, the leftovers into the first) folded left to right; more are read a register
    /// at a time the same way, lane by lane, then the leftover elements and the lanes are added
    /// one after another. Runs of 16 or more are summed in levels, as its `multi_row_sum` does.
    /// (Element i is `x(i)`; the partial sums live on the stack, so a step allocates nothing.)
    func cascadeSum(count n: Int, _ x: (Int) -> Double) -> Double {
        // Its sum kernel runs with 256-bit registers (8 float32, 4 float64 lanes), as measured
        // against PyTorch: 16 lanes do not reproduce its float32 sums of 40 or 100 numbers.
        let width = dtype == .float32 ? 8 : 4
        if n < width {
            // Four interleaved running sums, the leftovers into the first (no cascade below 64).
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 4 <= n {
                s0 = r(s0 + x(i))
                s1 = r(s1 + x(i + 1))
                s2 = r(s2 + x(i + 2))
                s3 = r(s3 + x(i + 3))
                i += 4
            }
            while i < n {
                s0 = r(s0 + x(i))
                i += 1
            }
            return r(r(r(s0 + s1) + s2) + s3)
        }
        let vectors = n / width
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { lanes in
            rowSum(count: vectors, lanes: width, into: lanes) { v, l in x(v * width + l) }
            var total = 0.0
            for k in (vectors * width)..<n { total = r(total + x(k)) }
            for l in 0..<width { total = r(total + lanes[l]) }
            return total
        }
    }

    /// PyTorch's `row_sum`: `count` items of `lanes` lanes as four interleaved sums, into `out`.
    private func rowSum(count: Int, lanes: Int, into out: UnsafeMutableBufferPointer<Double>, _ item: (Int, Int) -> Double) {
        let interleaved = count / 4
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * lanes) { partial in
            multiRowSum(count: interleaved, lanes: lanes, into: partial) { i, row, lane in item(i * 4 + row, lane) }
            for i in (interleaved * 4)..<count {
                for l in 0..<lanes { partial[l] = r(partial[l] + item(i, l)) }
            }
            for row in 1..<4 {
                for l in 0..<lanes { partial[l] = r(partial[l] + partial[row * lanes + l]) }
            }
            for l in 0..<lanes { out[l] = partial[l] }
        }
    }

    /// PyTorch's `multi_row_sum` for four rows: running sums over `count` steps, in up to four
    /// levels; writes the level-0 sums into `out`, row after row, `lanes` numbers each.
    private func multiRowSum(count: Int, lanes: Int, into out: UnsafeMutableBufferPointer<Double>, _ item: (Int, Int, Int) -> Double) {
        let levels = 4, rows = 4, width = rows * lanes
        let levelPower = max(4, ceilLog2(count) / levels)
        let levelStep = 1 << levelPower, levelMask = levelStep - 1
        withUnsafeTemporaryAllocation(of: Double.self, capacity: levels * width) { acc in
            // acc[level * width + row * lanes + lane]
            acc.initialize(repeating: 0)
            func add(_ i: Int) {
                for row in 0..<rows {
                    for l in 0..<lanes { acc[row * lanes + l] = r(acc[row * lanes + l] + item(i, row, l)) }
                }
            }
            var i = 0
            while i + levelStep <= count {
                for _ in 0..<levelStep {
                    add(i)
                    i += 1
                }
                for j in 1..<levels {
                    for k in 0..<width {
                        acc[j * width + k] = r(acc[j * width + k] + acc[(j - 1) * width + k])
                        acc[(j - 1) * width + k] = 0
                    }
                    if i & (levelMask << (j * levelPower)) != 0 { break }
                }
            }
            while i < count {
                add(i)
                i += 1
            }
            for j in 1..<levels {
                for k in 0..<width { acc[k] = r(acc[k] + acc[j * width + k]) }
            }
            for k in 0..<width { out[k] = acc[k] }
        }
    }
}
