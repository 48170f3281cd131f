/// A planned tape: a program builds the same graph at every step, so once it is built it is
/// compiled into two flat lists of instructions — forward in creation order, backward in reverse —
/// that hold integer offsets into the storage, the sizes, and the rules read once off each op's
/// row. A step then copies the new inputs in and runs the lists: no node appended, no shape
/// checked, no op table consulted, nothing allocated.
///
/// The row stays the one place an op is defined: an instruction carries the row's own rules
/// (the elementwise value, local derivative and gradient closures, or the custom kernel), so the
/// compiled step computes exactly what building the graph computes, bit for bit. The recorder
/// path (`backward(_:recorder:)` with a real recorder) walks the nodes as before.
extension Tape {
    /// Which graph a replay expects to find on the tape.
    public struct Plan: Sendable, Equatable {
        let generation: Int
        let nodeCount: Int
    }

    /// One forward op of a compiled graph.
    struct Instruction {
        var node: Int
        /// Storage offsets of the output and the operands (b = a for one operand).
        var z: Int, a: Int, b: Int
        var rows: Int, cols: Int, count: Int
        /// Steps through an operand per row and per column: 0 where it broadcasts.
        var aRow: Int, aCol: Int, bRow: Int, bCol: Int
        var two: Bool
        /// Both operands have the output's shape: one flat loop.
        var flat: Bool
        var p: Double
        /// The row's rules, unretained: the graph's nodes hold their ops, and so their rows, while the plan holds.
        var rule: Unmanaged<Elementwise>?
        var custom: Unmanaged<Custom>?
    }

    /// One gradient sent along one edge by a compiled backward.
    struct Send {
        var node: Int
        var slot: Int
        /// Elementwise with every shape equal: computed and added to the input's grad in one loop.
        var fused: Bool
        /// The first gradient into a node of the graph, whose grad holds the −0.0 of "none yet":
        /// stored as it is, as −0.0 + x is x for every x (PyTorch stores the first one too).
        var first: Bool
        var z: Int, a: Int, b: Int, target: Int, count: Int
        var two: Bool
        var p: Double
        /// The row's rules, unretained: the graph's nodes hold their ops, and so their rows, while the plan holds.
        var rule: Unmanaged<Elementwise>?
        var custom: Unmanaged<Custom>?
    }

    /// The compiled form of the graph on the tape. Its lists are buffers the tape owns (frees
    /// when it compiles another graph, or goes), so running them retains nothing.
    struct CompiledGraph {
        var generation = -1
        var nodeCount = 0
        var loss = -1
        var lossOffset = 0
        var forward = UnsafeMutableBufferPointer<Instruction>(start: nil, count: 0)
        var backward = UnsafeMutableBufferPointer<Send>(start: nil, count: 0)
        /// Input nodes' storage (offset, count), in the order `replay(feeding:)` reads them.
        var inputs = UnsafeMutableBufferPointer<(offset: Int, count: Int)>(start: nil, count: 0)
        var feedCount = 0
        /// Parameters the graph uses: their grads exist after a backward.
        var reached = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
        /// Where the graph's own storage begins.
        var graphStorage = 0
        /// Whether `reached` parameters are all marked as having a grad (until `clearGrad`).
        var reachedMarked = false

        static func own<T>(_ items: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: items.count)
            _ = buffer.initialize(from: items)
            return buffer
        }

        func free() {
            forward.deallocate()
            backward.deallocate()
            inputs.deallocate()
            reached.deallocate()
        }
    }

    /// Compiles the graph now on the tape, whose loss is `loss` and whose inputs, refilled at each
    /// replay in this order, are `inputs`; nil when there is no graph to compile.
    public func plan(loss: Tensor, inputs: [Tensor]) -> Plan? {
        guard nodes.count > parameterCount, isLive(loss), inputs.allSatisfy({ isLive($0) && nodes[$0.id].op == .input }) else { return nil }
        var c = CompiledGraph(generation: generation, nodeCount: nodes.count, loss: loss.id, lossOffset: nodes[loss.id].offset)
        c.graphStorage = parameterStorage
        let inputs = inputs.map { (offset: nodes[$0.id].offset, count: nodes[$0.id].shape.count) }
        c.inputs = CompiledGraph.own(inputs)
        c.feedCount = inputs.reduce(0) { $0 + $1.count }
        c.reached = CompiledGraph.own(parametersReached(by: loss.id))
        var forward: [Instruction] = [], backward: [Send] = []
        for id in parameterCount..<nodes.count {
            let node = nodes[id]
            switch node.op.row.kernel {
            case .leaf:
                continue
            case .elementwise(let rule):
                let na = nodes[node.a], two = node.b >= 0
                let nb = two ? nodes[node.b] : na
                let shape = node.shape
                func steps(_ s: Shape) -> (Int, Int) { (s.rows == 1 ? 0 : s.cols, s.cols == 1 ? 0 : 1) }
                let (aRow, aCol) = steps(na.shape), (bRow, bCol) = steps(nb.shape)
                forward.append(Instruction(node: id, z: node.offset, a: na.offset, b: nb.offset, rows: shape.rows, cols: shape.cols, count: shape.count,
                                             aRow: aRow, aCol: aCol, bRow: bRow, bCol: bCol, two: two,
                                             flat: na.shape.count == shape.count && nb.shape.count == shape.count,
                                             p: node.op.exponent, rule: .passUnretained(rule), custom: nil))
            case .custom(let kernel):
                forward.append(Instruction(node: id, z: node.offset, a: 0, b: 0, rows: 0, cols: 0, count: 0, aRow: 0, aCol: 0, bRow: 0, bCol: 0,
                                             two: false, flat: false, p: 0, rule: nil, custom: .passUnretained(kernel)))
            }
        }
        // Indexed by node id (a Set<Int> here cost each process a scan of every conformance record).
        var received = [Bool](repeating: false, count: nodes.count)
        for id in stride(from: loss.id, through: parameterCount, by: -1) {
            let node = nodes[id]
            guard node.requiresGrad, !node.op.isLeaf else { continue }
            let kernel = node.op.row.kernel
            for slot in 0..<(node.b >= 0 ? 2 : 1) {
                let input = slot == 0 ? node.a : node.b
                let target = nodes[input]
                guard target.requiresGrad else { continue }
                let na = nodes[node.a], two = node.b >= 0
                let nb = two ? nodes[node.b] : na
                var rule: Unmanaged<Elementwise>?, custom: Unmanaged<Custom>?
                switch kernel {
                case .elementwise(let r): rule = .passUnretained(r)
                case .custom(let c): custom = .passUnretained(c)
                case .leaf: break
                }
                let fused = rule != nil && na.shape == node.shape && nb.shape == node.shape
                let first = input >= parameterCount && !received[input]
                if first { received[input] = true }
                backward.append(Send(node: id, slot: slot, fused: fused, first: first, z: node.offset, a: na.offset, b: nb.offset,
                                       target: target.offset, count: node.shape.count, two: two, p: node.op.exponent,
                                       rule: rule, custom: custom))
            }
        }
        c.forward = CompiledGraph.own(forward)
        c.backward = CompiledGraph.own(backward)
        compiled.free()
        compiled = c
        return Plan(generation: generation, nodeCount: nodes.count)
    }

    /// Whether the tape still holds the graph of `plan` (no other graph was started since).
    public func holds(_ plan: Plan) -> Bool {
        plan.generation == generation && plan.nodeCount == nodes.count && compiled.generation == generation
    }

    /// Whether the tape holds a compiled graph whose loss is `loss`.
    func holdsCompiled(loss: Int) -> Bool {
        compiled.generation == generation && compiled.nodeCount == nodes.count && compiled.loss == loss
    }

    /// Runs the compiled graph of `plan` again on new inputs: `feed` holds every input's values,
    /// one after another in the order the plan was given them. Clears the graph's grads (to −0.0,
    /// "none yet") as building it anew would, so backward() may run again. False when the tape
    /// no longer holds the plan or the feed has another size (the graph must then be built anew).
    public func replay(_ plan: Plan, feeding feed: UnsafeBufferPointer<Double>) throws(AutogradError) -> Bool {
        try replay(plan, feeding: feed, clearingGrads: true)
    }

    /// `clearingGrads` false: the compiled backward follows, which stores each node's first
    /// gradient rather than adding it to the −0.0 of "none yet", so nothing needs clearing.
    private func replay(_ plan: Plan, feeding feed: UnsafeBufferPointer<Double>, clearingGrads: Bool) throws(AutogradError) -> Bool {
        guard holds(plan), feed.count == compiled.feedCount else { return false }
        let v = values
        if v.isFloat {
            Self.copy(feed, into: v.floats, compiled.inputs)
        } else {
            Self.copy(feed, into: v.doubles, compiled.inputs)
        }
        if clearingGrads { grads.fill(compiled.graphStorage..<grads.count, with: -0.0) }
        isFreed = false
        let program = compiled.forward
        guard let first = program.baseAddress else { return true }
        for n in 0..<program.count {
            let instruction = first + n
            if let rule = instruction.pointee.rule {
                rule._withUnsafeGuaranteedRef {
                    if v.isFloat { $0.forwardFloat(instruction, v.floats) } else { $0.forwardDouble(instruction, v.doubles) }
                }
            } else if let custom = instruction.pointee.custom {
                // Borrowed, not retained: the nodes hold their rows while the plan holds.
                let node = instruction.pointee.node
                try custom._withUnsafeGuaranteedRef { kernel in
                    Result { () throws(AutogradError) in try kernel.forward(self, node) }
                }.get()
            }
        }
        return true
    }

    /// Copies each input's values out of `feed` (rounded to the storage's type: Float's rounding is float32's).
    @inline(__always)
    private static func copy<S: EngineScalar>(_ feed: UnsafeBufferPointer<Double>, into v: UnsafeMutablePointer<S>,
                                              _ inputs: UnsafeMutableBufferPointer<(offset: Int, count: Int)>) {
        var k = 0
        for input in inputs {
            let target = v + input.offset
            for i in 0..<input.count { target[i] = S(feed[k &+ i]) }
            k &+= input.count
        }
    }

    /// One training step's engine work on the compiled graph of `plan`: replay on `feed`, read
    /// the loss, backward. nil when the tape no longer holds the plan (build the graph anew).
    public func trainingStep(_ plan: Plan, feeding feed: UnsafeBufferPointer<Double>) throws(AutogradError) -> Double? {
        guard try replay(plan, feeding: feed, clearingGrads: false) else { return nil }
        let loss = values[compiled.lossOffset]
        runBackward()
        return loss
    }

    /// backward() over the compiled graph (no recorder): the same gradients, in the same order,
    /// as walking the nodes.
    func runBackward() {
        grads[compiled.lossOffset] = 1
        var none = NoRecorder()
        let float = values.isFloat
        let program = compiled.backward
        guard let first = program.baseAddress else { return }
        for n in 0..<program.count {
            let send = first + n
            if send.pointee.fused, let rule = send.pointee.rule {
                rule._withUnsafeGuaranteedRef {
                    if float { $0.sendFloat(send, values.floats, grads.floats) } else { $0.sendDouble(send, values.doubles, grads.doubles) }
                }
            } else if let custom = send.pointee.custom {
                custom._withUnsafeGuaranteedRef {
                    self.send(from: send.pointee.node, .custom($0), slot: send.pointee.slot, first: send.pointee.first, recorder: &none)
                }
            } else if let rule = send.pointee.rule {
                rule._withUnsafeGuaranteedRef {
                    self.send(from: send.pointee.node, .elementwise($0), slot: send.pointee.slot, first: send.pointee.first, recorder: &none)
                }
            }
        }
        if !compiled.reachedMarked {
            for p in compiled.reached where !hasGrad[p] { markGradPresent(p) }
            compiled.reachedMarked = true
        }
        isFreed = true
    }
}
