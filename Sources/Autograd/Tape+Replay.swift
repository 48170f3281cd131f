/// A planned tape: a program builds the same graph at every step, so once it is built, a step
/// only refreshes the inputs and recomputes each node in order, each by its op's row, over the
/// storage already laid out (offsets, sizes and order are the plan): no node appended, no shape
/// checked, nothing allocated.
extension Tape {
    /// Which graph a replay expects to find on the tape.
    public struct Plan: Sendable, Equatable {
        let generation: Int
        let nodeCount: Int
    }

    /// The graph now on the tape, as a plan to replay; nil when there is no graph.
    public func plan() -> Plan? {
        nodes.count > parameterCount ? Plan(generation: generation, nodeCount: nodes.count) : nil
    }

    /// Whether the tape still holds the graph of `plan` (no other graph was started since).
    public func holds(_ plan: Plan) -> Bool { plan.generation == generation && plan.nodeCount == nodes.count }

    /// New data for an input node of the graph, rounded to the dtype; false when the shape differs
    /// (the graph must then be built anew).
    public func refill(_ input: Tensor, with data: [Double], shape: Shape) -> Bool {
        guard isLive(input), nodes[input.id].op == .input, nodes[input.id].shape == shape, data.count >= shape.count else { return false }
        let offset = nodes[input.id].offset, dtype = self.dtype
        values.withUnsafeMutableBufferPointer { v in
            data.withUnsafeBufferPointer { d in
                for i in 0..<shape.count { v[offset + i] = dtype.round(d[i]) }
            }
        }
        return true
    }

    /// Recomputes every op of the graph in creation order and clears its grads (to −0.0, "none
    /// yet"), as building it anew would, so backward() may run again.
    public func replay() throws(AutogradError) {
        let first = parameterStorage
        grads.withUnsafeMutableBufferPointer { g in
            for i in first..<g.count { g[i] = -0.0 }
        }
        isFreed = false
        for id in parameterCount..<nodes.count {
            switch nodes[id].op.row.kernel {
            case .leaf:
                continue
            case .elementwise(let rule):
                if nodes[id].b >= 0 { fillBinary(id, rule) } else { fillUnary(id, rule) }
            case .custom(let kernel):
                try kernel.forward(self, id)
            }
        }
    }
}
