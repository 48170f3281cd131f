import Autograd

/// Runs a scenario's compiled model on a tape: builds the graph for one batch, reads the loss.
///
/// The tape holds the parameters (created once, in order of first use) and each step's graph.
public final class ModelRunner {
    public let scenario: Scenario
    public let program: Program
    public let tape: Tape
    /// The tape's parameter handles, in order of first use.
    public let parameters: [Tensor]
    /// Per program column, the scenario's data column (nil when the scenario has none of that name).
    private let columns: [DataColumn?]
    private var slots: [Tensor] = []
    private var labelIDs: [Int32]
    /// The training graph as built by the last full run, replayed while the tape still holds it.
    private var plan: Tape.Plan?
    private var planLoss: Tensor?
    /// The program's data instructions: (instruction, column).
    private let dataSlots: [(slot: Int, column: Int)]
    /// The samples in the batch the plan was built on: a batch of as many has its shapes.
    private var planSamples = 0
    /// A batch's inputs in the order of `dataSlots`, what a replay copies in (reused: nothing per step).
    private var feed: [Double] = []

    /// Where an instruction failed: the checker maps it to a file position.
    public struct Failure: Error {
        public var instruction: Int
        public var error: AutogradError
    }

    public init(scenario: Scenario, program: Program) {
        self.scenario = scenario
        self.program = program
        tape = Tape(dtype: scenario.train.dtype, capacity: program.instructions.count + 8)
        var handles: [Tensor] = []
        for name in program.parameters {
            if let spec = scenario.parameters.first(where: { $0.name == name }) {
                handles.append(tape.parameter(spec.values, shape: spec.shape, name: name))
            }
        }
        parameters = handles
        let tape = self.tape
        labelIDs = program.labels.map { $0.map { tape.intern($0) } ?? -1 }
        let lossLabel = tape.intern("loss")
        labelIDs[program.lossSlot] = labelIDs[program.lossSlot] >= 0 ? labelIDs[program.lossSlot] : lossLabel
        columns = program.columns.map { name in scenario.data.first { $0.name == name } }
        slots.reserveCapacity(program.instructions.count)
        dataSlots = program.instructions.enumerated().compactMap { k, instruction in
            if case .data(let c) = instruction { return (k, c) }
            return nil
        }
    }

    /// Batches in an epoch.
    public var batchCount: Int { scenario.stepsPerEpoch }

    /// The samples of batch `b`.
    public func samples(ofBatch b: Int) -> Range<Int> {
        let size = scenario.batchSize, count = scenario.sampleCount
        let start = min(b * size, count)
        return start..<min(start + size, count)
    }

    /// Batch `b`'s inputs, per program column: the samples stacked as columns, with their shape.
    func inputs(ofBatch b: Int) -> [(values: [Double], shape: Shape)] {
        let range = samples(ofBatch: b)
        return columns.map { $0?.batch(range) ?? ([], .scalar) }
    }

    /// Builds forward and loss for batch `b`; returns the loss tensor (a scalar: a non-scalar loss is averaged).
    @discardableResult
    public func run(batch b: Int) throws(Failure) -> Tensor {
        if let loss = replay(batch: b) { return loss }
        plan = nil
        try execute(upTo: program.instructions.count, inputs: inputs(ofBatch: b))
        var loss = slots[program.lossSlot]
        if !loss.shape.isScalar {
            do {
                loss = try tape.mean(loss)
                tape.setLabel(loss, labelIDs[program.lossSlot])
            } catch {
                throw Failure(instruction: program.lossSlot, error: error as? AutogradError ?? .graphFreed)
            }
        }
        plan = tape.plan(loss: loss, inputs: dataSlots.map { slots[$0.slot] })
        planLoss = loss
        planSamples = samples(ofBatch: b).count
        return loss
    }

    /// The last training graph run again on batch `b`, when the tape still holds it and the
    /// batch's inputs have its shapes; nil otherwise (or when an op refuses: building it anew says where).
    private func replay(batch b: Int) -> Tensor? {
        guard let plan, let planLoss, fillFeed(batch: b) else { return nil }
        do {
            let replayed = try feed.withUnsafeBufferPointer { (all) throws(AutogradError) in try tape.replay(plan, feeding: all) }
            return replayed ? planLoss : nil
        } catch {
            return nil
        }
    }

    /// One training step's forward, loss and backward on batch `b` by the compiled graph, when
    /// the tape holds it and the batch fits it: the loss. nil: run(batch:) and backward() instead.
    public func trainingStep(batch b: Int) -> Double? {
        guard let plan, fillFeed(batch: b) else { return nil }
        return feed.withUnsafeBufferPointer { all in try? tape.trainingStep(plan, feeding: all) ?? nil }
    }

    /// Batch `b`'s inputs copied into `feed` when the plan takes them (the batch has as many
    /// samples as the planned one, so the same shapes); false otherwise.
    private func fillFeed(batch b: Int) -> Bool {
        let range = samples(ofBatch: b)
        guard plan != nil, b < batchCount, range.count == planSamples else { return false }
        feed.removeAll(keepingCapacity: true)
        for (_, c) in dataSlots { columns[c]?.appendBatch(range, to: &feed) }
        return true
    }

    /// Forward only, on given input columns (the predict section): returns y_pred.
    public func predict(_ inputs: [(values: [Double], shape: Shape)]) throws(Failure) -> Tensor {
        try execute(upTo: program.forwardEnd, inputs: inputs)
        return slots[program.yPredSlot]
    }

    /// Every instruction's shape on batch `b` (the loss's last), worked out without a number:
    /// what `run(batch:)` would build, or the instruction whose operands do not fit. What `check`
    /// proves of a batch of a million samples, in no more memory than one of three.
    public func shapes(ofBatch b: Int) throws(Failure) -> [Shape] {
        let count = samples(ofBatch: b).count
        return try shapes(upTo: program.instructions.count, inputs: columns.map { $0?.shape(ofBatch: count) ?? .scalar })
    }

    /// Every forward instruction's shape for inputs of these shapes (the predict section's).
    public func shapes(ofInputs inputs: [Shape]) throws(Failure) -> [Shape] {
        try shapes(upTo: program.forwardEnd, inputs: inputs)
    }

    private func shapes(upTo end: Int, inputs: [Shape]) throws(Failure) -> [Shape] {
        var shapes: [Shape] = []
        shapes.reserveCapacity(end)
        for k in 0..<end {
            let shape: Shape?
            switch program.instructions[k] {
            case .data(let c): shape = inputs[c]
            case .parameter(let p): shape = parameters[p].shape
            case .constant: shape = .scalar
            case .binary(let op, let a, let b): shape = op.shape(shapes[a], shapes[b])
            case .unary(let op, let a): shape = op.shape(shapes[a])
            }
            guard let shape else {
                // As the tape says it: an op of one operand names that operand's shape twice.
                switch program.instructions[k] {
                case .binary(let op, let a, let b): throw Failure(instruction: k, error: .shapeMismatch(op: op.formula, shapes[a], shapes[b]))
                case .unary(let op, let a): throw Failure(instruction: k, error: .shapeMismatch(op: op.formula, shapes[a], shapes[a]))
                default: throw Failure(instruction: k, error: .shapeMismatch(op: "?", .scalar, .scalar))
                }
            }
            if !shape.isWithinBound, case .binary(let op, _, _) = program.instructions[k] {
                throw Failure(instruction: k, error: .tooLarge(op: op.formula, shape))
            }
            shapes.append(shape)
        }
        return shapes
    }

    /// The slot tensor of an instruction in the current graph.
    public func tensor(ofSlot slot: Int) -> Tensor? { slot < slots.count ? slots[slot] : nil }

    private func execute(upTo end: Int, inputs: [(values: [Double], shape: Shape)]) throws(Failure) {
        tape.startGraph()
        slots.removeAll(keepingCapacity: true)
        for k in 0..<end {
            let t: Tensor
            do {
                t = try program.tensor(k, on: tape, slots: slots,
                                       data: { c in tape.input(inputs[c].values, shape: inputs[c].shape, label: labelIDs[k]) },
                                       parameter: { parameters[$0] })
            } catch let error as AutogradError {
                throw Failure(instruction: k, error: error)
            } catch {
                throw Failure(instruction: k, error: .graphFreed)
            }
            if labelIDs[k] >= 0 && t.id >= tape.parameterCount { tape.setLabel(t, labelIDs[k]) }
            slots.append(t)
        }
    }
}
