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
    /// Per batch, per program column: the batch's values stacked as columns, and its shape.
    let batches: [[(values: [Double], shape: Shape)]]
    private var slots: [Tensor] = []
    private var labelIDs: [Int32]
    /// The training graph as built by the last full run, replayed while the tape still holds it.
    private var plan: Tape.Plan?
    private var planLoss: Tensor?
    /// The program's data instructions: (instruction, column).
    private let dataSlots: [(slot: Int, column: Int)]
    /// Every batch's inputs one after another, in the order of `dataSlots`: what a replay copies
    /// in; batch b is `feed[feedStart[b]..<feedStart[b + 1]]`.
    private let feed: [Double]
    private let feedStart: [Int]
    /// Per batch: whether its inputs have the shapes of the planned graph's (a short last batch does not).
    private var fitsPlan: [Bool] = []

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
        let batchSize = scenario.batchSize
        batches = stride(from: 0, to: scenario.sampleCount, by: batchSize).map { start in
            let end = min(start + batchSize, scenario.sampleCount)
            return program.columns.map { name in
                let column = scenario.data.first { $0.name == name }
                return ModelRunner.stack(column.map { Array($0.samples[start..<end]) } ?? [])
            }
        }
        slots.reserveCapacity(program.instructions.count)
        let dataSlots: [(slot: Int, column: Int)] = program.instructions.enumerated().compactMap { k, instruction in
            if case .data(let c) = instruction { return (k, c) }
            return nil
        }
        self.dataSlots = dataSlots
        var feed: [Double] = [], feedStart = [0]
        for batch in batches {
            for (_, column) in dataSlots { feed += batch[column].values.prefix(batch[column].shape.count) }
            feedStart.append(feed.count)
        }
        self.feed = feed
        self.feedStart = feedStart
    }

    /// Samples stacked as columns: scalars of a single sample stay scalars.
    static func stack(_ samples: [Sample]) -> (values: [Double], shape: Shape) {
        guard let first = samples.first else { return ([], .scalar) }
        let n = first.count
        if samples.count == 1 {
            if case .scalar = first { return (first.values, .scalar) }
            return (first.values, .vector(n))
        }
        var values = [Double](repeating: 0, count: n * samples.count)
        for (j, s) in samples.enumerated() {
            for (r, v) in s.values.enumerated() where r < n { values[r * samples.count + j] = v }
        }
        return (values, .matrix(n, samples.count))
    }

    public var batchCount: Int { batches.count }

    /// Builds forward and loss for batch `b`; returns the loss tensor (a scalar: a non-scalar loss is averaged).
    @discardableResult
    public func run(batch b: Int) throws(Failure) -> Tensor {
        if let loss = replay(batch: b) { return loss }
        plan = nil
        try execute(upTo: program.instructions.count, inputs: batches[b])
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
        let shapes = dataSlots.map { batches[b][$0.column].shape }
        fitsPlan = batches.map { batch in dataSlots.map { batch[$0.column].shape } == shapes }
        return loss
    }

    /// The last training graph run again on batch `b`, when the tape still holds it and the
    /// batch's inputs have its shapes; nil otherwise (or when an op refuses: building it anew says where).
    private func replay(batch b: Int) -> Tensor? {
        guard let plan, let planLoss, b < fitsPlan.count, fitsPlan[b] else { return nil }
        let start = feedStart[b], end = feedStart[b + 1]
        do {
            let replayed = try feed.withUnsafeBufferPointer { (all) throws(AutogradError) in
                try tape.replay(plan, feeding: UnsafeBufferPointer(rebasing: all[start..<end]))
            }
            return replayed ? planLoss : nil
        } catch {
            return nil
        }
    }

    /// One training step's forward, loss and backward on batch `b` by the compiled graph, when
    /// the tape holds it and the batch fits it: the loss. nil: run(batch:) and backward() instead.
    public func trainingStep(batch b: Int) -> Double? {
        guard let plan, b < fitsPlan.count, fitsPlan[b] else { return nil }
        let start = feedStart[b], end = feedStart[b + 1]
        return feed.withUnsafeBufferPointer { all in
            try? tape.trainingStep(plan, feeding: UnsafeBufferPointer(rebasing: all[start..<end])) ?? nil
        }
    }

    /// Forward only, on given input columns (the predict section): returns y_pred.
    public func predict(_ inputs: [(values: [Double], shape: Shape)]) throws(Failure) -> Tensor {
        try execute(upTo: program.forwardEnd, inputs: inputs)
        return slots[program.yPredSlot]
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
