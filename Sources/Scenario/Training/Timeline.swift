import Autograd

/// One moment of the animation: a node lighting up in forward, a gradient arriving in backward,
/// or a parameter being updated.
public struct TimelineEvent: Equatable, Sendable {
    public var epoch: Int
    /// The update step within the epoch (the lecture's sample when batch_size is 1).
    public var batch: Int
    /// Steps since the start of training.
    public var step: Int
    public var phase: NoteMoment.Phase
    /// The tape node this event is about (a parameter's node for update events).
    public var node: Int
    /// Position of this event within its step.
    public var indexInStep: Int

    public init(epoch: Int, batch: Int, step: Int, phase: NoteMoment.Phase, node: Int, indexInStep: Int) {
        self.epoch = epoch
        self.batch = batch
        self.step = step
        self.phase = phase
        self.node = node
        self.indexInStep = indexInStep
    }
}

/// A new lr from a step on: the screen's `<` and `>` fork the run there.
public struct LRChange: Equatable, Sendable {
    public var step: Int
    public var lr: Literal

    public init(step: Int, lr: Literal) {
        self.step = step
        self.lr = lr
    }
}

/// What training has computed of a run's epochs, as a value: each epoch's mean loss and accuracy,
/// on the training samples and the held-out ones (what the loss plot draws).
public struct RunProgress: Equatable, Sendable {
    public var epochLosses: [Double] = []
    public var epochAccuracies: [Double] = []
    public var epochTestLosses: [Double] = []
    public var epochTestAccuracies: [Double] = []

    public init(epochLosses: [Double] = [], epochAccuracies: [Double] = [], epochTestLosses: [Double] = [],
                epochTestAccuracies: [Double] = []) {
        self.epochLosses = epochLosses
        self.epochAccuracies = epochAccuracies
        self.epochTestLosses = epochTestLosses
        self.epochTestAccuracies = epochTestAccuracies
    }
}

/// What trains one `TrainingRun` and shows any step of it (the `Training` service keeps one per
/// run the screen asks for), a reference (a class) because what it keeps grows as it is asked:
/// training runs ahead as far as the cursor needs, keeps a checkpoint every few steps, and
/// replays one step from its checkpoint to show it. Nothing per
/// event is stored, so any point is reachable. It only ever adds what the run computes, which never
/// changes once computed: asking it for a step or an epoch's loss always gives the same answer.
public final class Timeline {
    /// The run this trains, as a value: its scenario, epochs, forks and the events of a step.
    public let run: TrainingRun
    /// Mean loss of each epoch trained so far (what the loss plot draws).
    public private(set) var epochLosses: [Double] = []
    /// Fraction of each trained epoch's samples classified right, counted before each update
    /// (empty when the scenario is not a classification).
    public private(set) var epochAccuracies: [Double] = []
    /// The held-out samples' loss after each trained epoch (`test_fraction`, `test_file`; empty without).
    public private(set) var epochTestLosses: [Double] = []
    /// The held-out samples' accuracy after each trained epoch (classification with a test set only).
    public private(set) var epochTestAccuracies: [Double] = []
    /// Measures the held-out samples on the frontier's parameters, per variant of the model; nil
    /// when the scenario holds none out.
    private let heldOuts: [HeldOutEvaluator?]

    private var frontier: Trainer
    /// Which of `variants` the frontier trains.
    private var frontierVariant = 0
    private var frontierStep = 0
    private var epochLossSum = 0.0
    private var epochTally = (right: 0, samples: 0)
    /// The frontier every `checkpointStride` steps, with the epoch's sums so far: a fork restarts from one exactly.
    private var checkpoints: [(trainer: Trainer.Checkpoint, variant: Int, lossSum: Double, tally: (right: Int, samples: Int))] = []
    private let checkpointStride: Int
    /// One replayer per variant of the model, made when first needed.
    private var replayers: [Trainer?]
    private var cached: StepRecord?
    /// How many step records were replayed so far: the screen replays in `update`, never in a frame.
    public private(set) var replays = 0

    public convenience init(scenario: Scenario, epochs: Int? = nil, zeroesGrad: Bool? = nil, lrChanges: [LRChange] = [],
                            modelChanges: [ModelChange] = []) throws {
        self.init(run: try TrainingRun(scenario: scenario, epochs: epochs, zeroesGrad: zeroesGrad, lrChanges: lrChanges,
                                       modelChanges: modelChanges))
    }

    /// A timeline that trains `run` from its start.
    public init(run: TrainingRun) {
        self.run = run
        replayers = Array(repeating: nil, count: run.variants.count)
        heldOuts = run.variants.map { HeldOutEvaluator(scenario: $0) }
        frontier = Trainer(scenario: run.scenario)
        frontier.zeroesGrad = run.zeroesGrad
        // About 4000 checkpoints at most, so a long run stays small in memory.
        checkpointStride = max(1, run.totalSteps / 4000)
    }

    public var scenario: Scenario { run.scenario }
    public var epochs: Int { run.epochs }
    public var stepsPerEpoch: Int { run.stepsPerEpoch }
    public var template: [(phase: NoteMoment.Phase, node: Int)] { run.template }
    public var moments: StepMoments { run.moments }
    public var accuracy: AccuracyRule? { run.accuracy }
    public var firstStep: StepRecord { run.firstStep }
    public var zeroesGrad: Bool { run.zeroesGrad }
    public var lrChanges: [LRChange] { run.lrChanges }
    public var modelChanges: [ModelChange] { run.modelChanges }
    public var variants: [Scenario] { run.variants }
    public var totalSteps: Int { run.totalSteps }
    /// Steps trained so far: moving within them needs no training, only a replay.
    public var trainedSteps: Int { frontierStep }
    public var eventsPerStep: Int { run.eventsPerStep }
    public var eventCount: Int { run.eventCount }
    public func event(at index: Int) -> TimelineEvent { run.event(at: index) }
    public func firstEvent(ofStep step: Int) -> Int { run.firstEvent(ofStep: step) }
    public func lr(atStep step: Int) -> Literal { run.lr(atStep: step) }
    public func variantIndex(atStep step: Int) -> Int { run.variantIndex(atStep: step) }
    public func variant(atStep step: Int) -> Scenario { run.variant(atStep: step) }
    public func eventIndex(of note: Note) -> Int? { run.eventIndex(of: note) }
    public func state(at event: TimelineEvent, record: StepRecord) -> EventState { run.state(at: event, record: record) }

    /// What training has computed of the epochs the first `steps` steps finish (as far as trained).
    public func progress(throughStep steps: Int) -> RunProgress {
        let epochs = max(0, steps) / stepsPerEpoch
        return RunProgress(epochLosses: Array(epochLosses.prefix(epochs)), epochAccuracies: Array(epochAccuracies.prefix(epochs)),
                           epochTestLosses: Array(epochTestLosses.prefix(epochs)),
                           epochTestAccuracies: Array(epochTestAccuracies.prefix(epochs)))
    }

    /// The trainer of variant `v` carrying on from `from`'s parameters, grads and optimizer state;
    /// where the optimizer changed it starts afresh, as a new `torch.optim` object would.
    private func carryOver(_ from: Trainer, into trainer: Trainer, variant v: Int) {
        var state = from.checkpoint()
        let o = variants[v].train
        if state.optimizer.optimizer != o.optimizer {
            state.optimizer = OptimizerState(optimizer: o.optimizer, lr: state.optimizer.lr, weightDecay: o.weightDecay.value,
                                             parameterCount: from.runner.parameters.count)
        }
        trainer.restore(state)
    }

    private func replayer(_ v: Int) -> Trainer {
        if let t = replayers[v] { return t }
        let t = Trainer(scenario: variants[v])
        t.zeroesGrad = zeroesGrad
        replayers[v] = t
        return t
    }

    /// The frontier moved on to the variant that trains `step`, when a model change starts there.
    private func frontierFollowsVariant(atStep step: Int) {
        let v = variantIndex(atStep: step)
        guard v != frontierVariant else { return }
        let next = Trainer(scenario: variants[v])
        next.zeroesGrad = zeroesGrad
        carryOver(frontier, into: next, variant: v)
        frontier = next
        frontierVariant = v
    }

    /// The same run from `step` on with `lr` (the steps before it as they were): the epochs and
    /// checkpoints before the fork are taken over, not trained again. Forking back to the lr the
    /// run had there undoes the fork.
    public func forked(at step: Int, lr: Literal) throws -> Timeline {
        let s = max(0, min(step, totalSteps))
        var changes = lrChanges.filter { $0.step < s }
        if (changes.last?.lr ?? scenario.train.lr).value != lr.value { changes.append(LRChange(step: s, lr: lr)) }
        let fork = try Timeline(scenario: scenario, epochs: epochs, zeroesGrad: zeroesGrad, lrChanges: changes,
                                modelChanges: modelChanges.filter { $0.step <= s })
        // lr is set step by step: the checkpoint at the fork's own step holds too.
        adopt(into: fork, kept: min(checkpoints.count, s / checkpointStride + 1))
        return fork
    }

    /// The same run from `step` on with the hidden activation `activation` or the optimizer
    /// `optimizer` (nil: as it was there); the steps before stay as they were. Changing back to
    /// what the run had there undoes the fork.
    public func forked(at step: Int, activation: Op? = nil, optimizer: Optimizer? = nil) throws -> Timeline {
        let s = max(0, min(step, totalSteps))
        var changes = modelChanges.filter { $0.step < s }
        let before = changes.isEmpty ? scenario : variants[changes.count]
        let here = variant(atStep: s)
        var change = ModelChange(step: s)
        let op = activation ?? here.hiddenActivation
        if let op, op != before.hiddenActivation { change.activation = op }
        let o = optimizer ?? here.train.optimizer
        if o != before.train.optimizer { change.optimizer = o }
        if change.activation != nil || change.optimizer != nil { changes.append(change) }
        let fork = try Timeline(scenario: scenario, epochs: epochs, zeroesGrad: zeroesGrad,
                                lrChanges: lrChanges.filter { $0.step <= s }, modelChanges: changes)
        // The checkpoint at the fork's own step was taken with the old model: only those before it hold.
        adopt(into: fork, kept: min(checkpoints.count, (s + checkpointStride - 1) / checkpointStride))
        return fork
    }

    /// Gives `fork` this run's first `kept` checkpoints and the epochs they finished, so it trains
    /// on from the last of them instead of from the start.
    private func adopt(into fork: Timeline, kept: Int) {
        guard kept > 0 else { return }
        fork.checkpoints = Array(checkpoints.prefix(kept))
        let last = checkpoints[kept - 1]
        if last.variant != fork.frontierVariant {
            let trainer = Trainer(scenario: fork.variants[last.variant])
            trainer.zeroesGrad = fork.zeroesGrad
            fork.frontier = trainer
            fork.frontierVariant = last.variant
        }
        fork.frontier.restore(last.trainer)
        fork.frontierStep = (kept - 1) * checkpointStride
        fork.epochLossSum = last.lossSum
        fork.epochTally = last.tally
        let finished = fork.frontierStep / stepsPerEpoch
        fork.epochLosses = Array(epochLosses.prefix(finished))
        fork.epochAccuracies = Array(epochAccuracies.prefix(finished))
        fork.epochTestLosses = Array(epochTestLosses.prefix(finished))
        fork.epochTestAccuracies = Array(epochTestAccuracies.prefix(finished))
    }

    /// Trains ahead until `step` steps are done, keeping checkpoints and epoch losses.
    public func train(through step: Int) throws {
        let target = min(step, totalSteps)
        while frontierStep < target {
            // A fork's model takes over at its step, before that step's checkpoint is taken.
            frontierFollowsVariant(atStep: frontierStep)
            if frontierStep % checkpointStride == 0 && frontierStep / checkpointStride == checkpoints.count {
                checkpoints.append((frontier.checkpoint(), frontierVariant, epochLossSum, epochTally))
            }
            frontier.optimizer.lr = lr(atStep: frontierStep).value
            let batch = frontierStep % stepsPerEpoch
            let accuracy = self.accuracy
            var tally = epochTally
            epochLossSum += try frontier.step(batch: batch) { trainer, _ in
                if let accuracy {
                    let (right, samples) = accuracy.count(trainer.runner, batch: batch)
                    tally = (tally.right + right, tally.samples + samples)
                }
            }
            epochTally = tally
            frontierStep += 1
            if frontierStep % stepsPerEpoch == 0 {
                epochLosses.append(epochLossSum / Double(stepsPerEpoch))
                epochLossSum = 0
                if accuracy != nil { epochAccuracies.append(Double(tally.right) / Double(max(1, tally.samples))) }
                epochTally = (0, 0)
                if let heldOut = heldOuts[frontierVariant] {
                    let test = try heldOut.measure(parameters: frontier.runner.parameters.map(\.value))
                    epochTestLosses.append(test.loss)
                    if let a = test.accuracy { epochTestAccuracies.append(a) }
                }
            }
        }
    }

    /// The record of one step, replayed from the nearest checkpoint (cached: moving within a step is free).
    public func record(ofStep step: Int) throws -> StepRecord {
        let s = max(0, min(step, totalSteps - 1))
        if let cached, cached.step == s { return cached }
        try train(through: s + 1)
        // Step 0 as the run's first step recorded it (the same parameters, lr and variant): no
        // replayer, tape or record made a second time (a 10⁶-sample batch's first frame held both).
        if s == 0, variantIndex(atStep: 0) == 0, lr(atStep: 0) == scenario.train.lr {
            replays += 1
            cached = run.firstStep
            return run.firstStep
        }
        let c = max(0, min(s / checkpointStride, checkpoints.count - 1))
        var v = checkpoints[c].variant
        var replayer = self.replayer(v)
        replayer.restore(checkpoints[c].trainer)
        var at = c * checkpointStride
        // Across a model change the next variant's replayer carries on from this one.
        func follow(_ step: Int) {
            let next = variantIndex(atStep: step)
            guard next != v else { return }
            let trainer = self.replayer(next)
            carryOver(replayer, into: trainer, variant: next)
            replayer = trainer
            v = next
        }
        while at < s {
            follow(at)
            replayer.optimizer.lr = lr(atStep: at).value
            try replayer.step(batch: at % stepsPerEpoch)
            at += 1
        }
        follow(s)
        replayer.optimizer.lr = lr(atStep: s).value
        let record = try replayer.recordedStep(batch: s % stepsPerEpoch, epoch: s / stepsPerEpoch, step: s)
        replays += 1
        cached = record
        return record
    }
}
