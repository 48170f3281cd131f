import Autograd
import Scenario

/// The run before the last fork (`<` / `>`, `A`, `O`), kept to draw its loss curve dimmed beside the fork's.
public struct EarlierRun {
    /// The earlier run, as a value (the `Training` service trains it beside the run on screen).
    public let run: TrainingRun
    /// What training computed of it as far as the run on screen is shown.
    public internal(set) var progress = RunProgress()
    /// Where the runs part, and the lr the earlier one had there.
    public let step: Int
    public let lr: Literal

    init(run: TrainingRun, step: Int, lr: Literal) {
        self.run = run
        self.step = step
        self.lr = lr
    }

    /// What the dimmed run had where it differs from `now` at the fork (`sigmoid`, `sgd`, `lr 0.1`).
    public func label(against now: TrainingRun) -> String {
        let a = run.variant(atStep: step), b = now.variant(atStep: step)
        var parts: [String] = []
        if let op = a.hiddenActivation, op != b.hiddenActivation { parts.append(op.activationName) }
        if a.train.optimizer != b.train.optimizer { parts.append(a.train.optimizer.shortName) }
        if run.lr(atStep: step).value != now.lr(atStep: step).value || parts.isEmpty { parts.append("lr \(lr.text)") }
        return parts.joined(separator: ", ")
    }
}

extension Optimizer {
    /// `sgd`, `momentum`, `adam`, `adamw`: short enough for the header.
    var shortName: String {
        switch self {
        case .sgd(let m): return m == 0 ? "sgd" : "momentum"
        case .adam: return "adam"
        case .adamw: return "adamw"
        }
    }
}

extension Op {
    /// `sigmoid`, `tanh`, `relu`: an activation as a scenario writes it.
    var activationName: String { name ?? symbol }
}

extension TrainingRun {
    /// What a fork changed of the model at `step`, as the header says it: `tanh (was sigmoid)`, `adam (was sgd)`.
    /// In short, only what it is now: `tanh`, `adam`.
    public func modelChangeTexts(atStep step: Int, short: Bool = false) -> [String] {
        let now = variant(atStep: step)
        var texts: [String] = []
        if let op = now.hiddenActivation, let was = scenario.hiddenActivation, op != was {
            texts.append(op.activationName + (short ? "" : " (was \(was.activationName))"))
        }
        if now.train.optimizer != scenario.train.optimizer {
            texts.append(now.train.optimizer.shortName + (short ? "" : " (was \(scenario.train.optimizer.shortName))"))
        }
        return texts
    }
}

/// "What if": `<` and `>` halve and double lr from the cursor's step on, `A` cycles the hidden
/// activation (sigmoid → tanh → relu) and `O` the optimizer (sgd → momentum → adam). The steps
/// before it stay as they were (going back shows them, and forward again the fork); from it on the
/// run is trained again, and the run it replaced stays as the dimmed curve. Only one earlier curve
/// is kept (several in one dim style could not be told apart): pressing again at the same step
/// adjusts the fork and keeps comparing with the run before it (`>>>` is 8× against the scenario's
/// lr); a fork at another step compares with the run just before.
extension AppState {
    mutating func forkLR(times factor: Double, training: Training) {
        let step = event.step
        let before = run.lr(atStep: step)
        let key = factor < 1 ? "<" : ">"
        let value = before.value * factor
        guard value != before.value else {
            notice = "\(key): lr is \(before.text) here; halving or doubling keeps it so"
            return
        }
        guard value.isFinite, value.magnitude >= Double.leastNormalMagnitude else {
            notice = "\(key): lr \(before.text) cannot be \(factor < 1 ? "halved" : "doubled") any further"
            return
        }
        let lr = Literal(value)
        fork(key: key, what: "lr \(lr.text)", training: training) { try $0.forked(at: step, lr: lr) }
    }

    /// `A`: the next hidden activation from this step on, for models whose hidden layers share one.
    mutating func forkActivation(training: Training) {
        let step = event.step
        guard let current = run.variant(atStep: step).hiddenActivation else {
            notice = "A: no hidden sigmoid, tanh or relu layer in this model"
            return
        }
        let next = Scenario.nextHiddenActivation(after: current)
        fork(key: "A", what: "\(next.activationName) (was \(current.activationName))", training: training) { try $0.forked(at: step, activation: next) }
    }

    /// `O`: the next optimizer from this step on (its state starts afresh, as a new torch.optim object's).
    mutating func forkOptimizer(training: Training) {
        let step = event.step
        let current = run.variant(atStep: step).train.optimizer
        let next = Scenario.nextForkOptimizer(after: current)
        fork(key: "O", what: "\(next.shortName) (was \(current.shortName))", training: training) { try $0.forked(at: step, optimizer: next) }
    }

    /// Asks the service for the forked run's timeline (trained from this one's checkpoints) and
    /// keeps only the run, a value.
    private mutating func fork(key: String, what: String, training: Training, _ make: (Timeline) throws -> Timeline) {
        let step = event.step
        do {
            let made = try make(training.timeline(of: run))
            training.keep(made)
            let fork = made.run
            // Pressed again at the same step, the fork is adjusted: the comparison stays with the run before it.
            if earlierRun?.step != step { earlierRun = EarlierRun(run: run, step: step, lr: run.lr(atStep: step)) }
            if let earlier = earlierRun?.run, earlier.lrChanges == fork.lrChanges, earlier.modelChanges == fork.modelChanges { earlierRun = nil }
            startOver(with: fork)
            moveTo(cursor, training: training)
            let e = event
            // A full batch has one step an epoch: its 'sample 0' would name nothing.
            // A minibatch is named as the header names it (`batch 0`), one sample as `sample 0`.
            let step = run.scenario.batchSize > 1 ? "batch" : "sample"
            let position = run.stepsPerEpoch > 1 ? "epoch \(e.epoch) \(step) \(e.batch)" : "epoch \(e.epoch)"
            let from = "\(key) \(what) from \(position) on"
            notice = earlierRun.map { "\(from) (dimmed: \($0.label(against: run)))" } ?? "\(from): the run as it was"
        } catch {
            failure = "training stopped: \(error)"
        }
    }
}
