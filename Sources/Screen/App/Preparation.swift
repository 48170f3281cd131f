import Autograd
import Scenario
import TextCanvas

/// A far move being prepared: training runs ahead one slice per `.tick`, so the run loop draws
/// the progress between slices and reads the keys (q quits, any other key stops the move).
public struct Preparation {
    /// The event the cursor moves to when training is through.
    public var target: Int
    /// Steps trained when the move began, and the steps it must reach (the end of the target's epoch).
    public var fromStep: Int
    public var throughStep: Int
    /// Steps trained so far (what the footer's progress says).
    public var trainedSteps: Int
    /// `z` trains a new run from the start: it replaces the one on screen only when ready.
    var replacement: TrainingRun?
}

extension AppState {
    /// Rough cost of one training step in element operations (a matrix product counts its
    /// multiply-adds, forward and backward), plus a fixed cost for the step's bookkeeping.
    static func workPerStep(_ record: StepRecord) -> Int {
        record.nodes.reduce(30) { work, node in
            var w = work + node.shape.count
            if node.op == .matmul, node.a >= 0, node.a < record.nodes.count {
                w += 3 * record.nodes[node.a].shape.rows * record.nodes[node.a].shape.cols * node.shape.cols
            }
            return w
        }
    }

    /// Steps in one slice: about 20 ms of work in a debug build, a fraction of a millisecond in
    /// release (where the run loop fits many slices in a frame).
    static func sliceSteps(_ record: StepRecord) -> Int { max(1, 100_000 / max(1, workPerStep(record))) }

    /// A move needing more training than this is prepared in slices; a shorter one at once.
    var stepsPreparedAtOnce: Int { 8 * sliceSteps }

    /// The step training must reach to show event `index`: its whole epoch, for the loss plot.
    func stepsNeeded(for index: Int, in run: TrainingRun) -> Int {
        let step = run.event(at: index).step
        return min(run.totalSteps, (step / run.stepsPerEpoch + 1) * run.stepsPerEpoch)
    }

    /// Starts preparing a move to `index` on `replacement` (the run on screen unless `z` made a
    /// new one) when it needs more training than a moment's; returns whether it did.
    mutating func prepareInSlices(to index: Int, on replacement: TrainingRun? = nil, training: Training) -> Bool {
        let trainee = training.timeline(of: replacement ?? run)
        let needed = stepsNeeded(for: index, in: trainee.run)
        guard preparesInSlices, needed - trainee.trainedSteps > stepsPreparedAtOnce else { return false }
        preparing = Preparation(target: index, fromStep: trainee.trainedSteps, throughStep: needed, trainedSteps: trainee.trainedSteps,
                                replacement: replacement)
        return true
    }

    /// One slice of the move being prepared; when training is through, the cursor moves.
    mutating func prepareSlice(training: Training) {
        guard let p = preparing else { return }
        let trainee = training.timeline(of: p.replacement ?? run)
        do {
            try trainee.train(through: min(p.throughStep, trainee.trainedSteps + sliceSteps))
            // After a fork of lr the earlier run keeps pace (its own failure is not this run's).
            if p.replacement == nil, let earlier = earlierRun { try? training.timeline(of: earlier.run).train(through: trainee.trainedSteps) }
            preparing?.trainedSteps = trainee.trainedSteps
        } catch {
            preparing = nil
            failure = "training stopped: \(error)"
            playing = false
            return
        }
        guard trainee.trainedSteps >= p.throughStep else { return }
        preparing = nil
        if let replacement = p.replacement {
            startOver(with: replacement)
            earlierRun = nil
        }
        cursor = p.target
        // The animation goes on from now, not from before the wait.
        lastTick = nil
        owed = 0
    }

    /// Keys while a move is prepared: the quit keys quit at once; any other key stops the move
    /// and stays where the screen is (training done so far is kept: the same key goes on from there).
    mutating func keyWhilePreparing(_ key: Key) -> Effect {
        if KeyMap.command(for: key) == .quit { return .quit }
        return stopPreparing()
    }

    /// Stops the move where the screen is; the notice saying so needs a tick to go, even when paused.
    mutating func stopPreparing() -> Effect {
        defer { lastTick = nil }
        guard let p = preparing else { return effect }
        preparing = nil
        notice = p.replacement != nil
            ? "stopped: z needs the run trained again up to here"
            : "stopped: \(p.trainedSteps / run.stepsPerEpoch) of \(run.epochs) epochs trained ⸱ the key again goes on"
        return playing ? effect : .wake(after: AppState.noticeSeconds)
    }

    /// "preparing 4%: epoch 41000 of 1000000": what the footer shows while a move is prepared
    /// (the percentage first, so a narrow footer still shows it).
    public var preparationProgress: String? {
        guard let p = preparing else { return nil }
        let done = Double(p.trainedSteps) / Double(max(1, p.throughStep))
        let epochs = (p.throughStep + run.stepsPerEpoch - 1) / run.stepsPerEpoch
        return "preparing \(Int(clamping: done * 100, to: 0...100))%: epoch \(p.trainedSteps / run.stepsPerEpoch) of \(epochs) ⸱ any key stops"
    }
}
