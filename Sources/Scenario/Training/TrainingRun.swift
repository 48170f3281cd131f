import Autograd

/// Which run of a scenario this is, as a value: whether it zeroes grads and where a fork changed
/// lr, the hidden activation or the optimizer. Two runs with the same key train the same numbers.
public struct RunKey: Equatable, Sendable {
    public var epochs: Int
    public var zeroesGrad: Bool
    public var lrChanges: [LRChange]
    public var modelChanges: [ModelChange]
}

/// What a training run is, as a value: the scenario, how many epochs and steps, the events of a
/// step, the forks. Everything here is known before any training, so it copies freely; what
/// training computes (losses, records, checkpoints) belongs to the `Timeline` that trains it.
public struct TrainingRun: Sendable {
    public let scenario: Scenario
    public let epochs: Int
    public let stepsPerEpoch: Int
    /// (phase, node) of each event of a step; every step has the same graph, so the same list.
    public let template: [(phase: NoteMoment.Phase, node: Int)]
    /// Where each node's events sit in the template (what `state(at:record:)` reads).
    public let moments: StepMoments
    /// How predictions are counted right, for classification scenarios.
    public let accuracy: AccuracyRule?
    /// The first step's record, for drawing the graph's shape.
    public let firstStep: StepRecord
    /// Whether the grads are zeroed after each update (the scenario's `zero_grad`, or the `z` key).
    public let zeroesGrad: Bool
    /// Where the lr differs from the scenario's, in step order (empty unless the run was forked).
    public let lrChanges: [LRChange]
    /// Where the hidden activation or the optimizer changed (the screen's `A`, `O`), in step order.
    public let modelChanges: [ModelChange]
    /// The scenario as each stretch of the run trains it: the written one, then one after each model change.
    public let variants: [Scenario]

    public init(scenario: Scenario, epochs: Int? = nil, zeroesGrad: Bool? = nil, lrChanges: [LRChange] = [],
                modelChanges: [ModelChange] = []) throws {
        self.scenario = scenario
        self.lrChanges = lrChanges.sorted { $0.step < $1.step }
        let modelChanges = modelChanges.sorted { $0.step < $1.step }
        self.modelChanges = modelChanges
        var variants = [scenario]
        for change in modelChanges {
            var v = variants[variants.count - 1]
            if let op = change.activation { v = v.withHiddenActivation(op) }
            if let o = change.optimizer { v = v.withOptimizer(o) }
            variants.append(v)
        }
        self.variants = variants
        let zeroesGrad = zeroesGrad ?? scenario.train.zeroGrad
        self.zeroesGrad = zeroesGrad
        accuracy = AccuracyRule.of(scenario)
        self.epochs = max(0, epochs ?? scenario.train.epochs)
        stepsPerEpoch = max(1, scenario.stepsPerEpoch)
        let probe = Trainer(scenario: scenario)
        probe.zeroesGrad = zeroesGrad
        firstStep = try probe.recordedStep(batch: 0, epoch: 0, step: 0)
        template = TrainingRun.eventTemplate(firstStep)
        moments = StepMoments(template: template, nodeCount: firstStep.nodes.count)
    }

    /// Which run this is among the runs of its scenario.
    public var key: RunKey { RunKey(epochs: epochs, zeroesGrad: zeroesGrad, lrChanges: lrChanges, modelChanges: modelChanges) }

    /// Forward: every non-parameter node in tape order (constants stay lit, like params);
    /// backward: the op nodes backward reached, in its order, each parameter's grad right after
    /// the last rule that sends to it (PyTorch's AccumulateGrad runs once all of a leaf's
    /// gradients are in, so W5.grad exists before the gradient flows on to h4); update: each parameter.
    static func eventTemplate(_ r: StepRecord) -> [(phase: NoteMoment.Phase, node: Int)] {
        var events: [(phase: NoteMoment.Phase, node: Int)] = []
        for i in r.parameterCount...r.lossNode where r.nodes[i].op != .constant {
            events.append((.forward, i))
        }
        let arrivesAfter = paramArrivals(r)
        for i in r.backward.order {
            events.append((.backward, i))
            for p in 0..<r.parameterCount where arrivesAfter[p] == i { events.append((.backward, p)) }
        }
        // A param no rule reached (used off the loss's path) keeps its event after backward, as before.
        for p in 0..<r.parameterCount where r.nodes[p].requiresGrad && arrivesAfter[p] < 0 { events.append((.backward, p)) }
        for p in 0..<r.parameterCount { events.append((.update, p)) }
        return events
    }

    /// For each parameter, the op node after whose rule its grad is complete: the last in
    /// backward's order to send to it (-1: none does).
    static func paramArrivals(_ r: StepRecord) -> [Int] {
        var last = [Int](repeating: -1, count: r.parameterCount)
        for i in r.backward.order {
            let node = r.nodes[i]
            for input in [node.a, node.b] where input >= 0 && input < r.parameterCount && r.nodes[input].requiresGrad {
                last[input] = i
            }
        }
        return last
    }

    public var totalSteps: Int { epochs * stepsPerEpoch }
    public var eventsPerStep: Int { template.count }
    public var eventCount: Int { totalSteps * eventsPerStep }

    public func event(at index: Int) -> TimelineEvent {
        let i = min(max(0, index), max(0, eventCount - 1))
        let step = i / max(1, eventsPerStep)
        let within = i % max(1, eventsPerStep)
        let t = template[min(within, template.count - 1)]
        return TimelineEvent(epoch: step / stepsPerEpoch, batch: step % stepsPerEpoch, step: step,
                             phase: t.phase, node: t.node, indexInStep: within)
    }

    /// The first event of a step.
    public func firstEvent(ofStep step: Int) -> Int { max(0, min(step, totalSteps - 1)) * eventsPerStep }

    /// The lr step `step` updates with: the scenario's until a fork changed it.
    public func lr(atStep step: Int) -> Literal {
        lrChanges.last { $0.step <= step }?.lr ?? scenario.train.lr
    }

    /// Which of `variants` trains step `step`.
    public func variantIndex(atStep step: Int) -> Int {
        modelChanges.lastIndex { $0.step <= step }.map { $0 + 1 } ?? 0
    }

    /// The scenario as step `step` trains it (its hidden activation and optimizer after any fork).
    public func variant(atStep step: Int) -> Scenario { variants[variantIndex(atStep: step)] }

    /// What exists at `event`, given its step's record: the one clock every panel asks.
    public func state(at event: TimelineEvent, record: StepRecord) -> EventState {
        EventState(record: record, moments: moments, now: event.indexInStep)
    }

    /// The event index a note points at, if its moment exists.
    public func eventIndex(of note: Note) -> Int? {
        let step = note.at.epoch * stepsPerEpoch + note.at.sample
        guard step < totalSteps else { return nil }
        let r = firstStep
        // A param has no forward event of its own (it is on screen from the start): a forward
        // note about it shows as the forward pass begins.
        // The node is found by its name on screen (`loss` is the final reduction, not every node labelled so).
        let names = NodeNames(r)
        let within = template.firstIndex { t in
            t.phase == note.at.phase && (note.at.node == nil || names[t.node] == note.at.node)
        } ?? template.firstIndex { $0.phase == note.at.phase }
        return within.map { step * eventsPerStep + $0 }
    }
}
