import Scenario

/// The run before the last `<` / `>`, kept to draw its loss curve dimmed beside the fork's.
public struct EarlierRun {
    public let timeline: Timeline
    /// Where the runs part, and the lr the earlier one had there.
    public let step: Int
    public let lr: Literal
}

/// "What if": `<` and `>` halve and double lr from the cursor's step on. The steps before it stay
/// as they were (going back shows them, with the lr they had, and forward again the fork); from
/// it on the run is trained again with the new lr, and the run it replaced stays as the dimmed
/// curve. Only one earlier curve is kept (several in one dim style could not be told apart):
/// pressing again at the same step adjusts the fork and keeps comparing with the run before it
/// (`>>>` is 8× against the scenario's lr); a fork at another step compares with the run just before.
extension AppState {
    mutating func forkLR(times factor: Double) {
        let step = event.step
        let before = timeline.lr(atStep: step)
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
        do {
            let fork = try timeline.forked(at: step, lr: lr)
            // Pressed again at the same step, the fork is adjusted: the comparison stays with the run before it.
            if earlierRun?.step != step { earlierRun = EarlierRun(timeline: timeline, step: step, lr: before) }
            if earlierRun?.timeline.lrChanges == fork.lrChanges { earlierRun = nil }
            startOver(with: fork)
            moveTo(cursor)
            let e = event
            let from = "\(key) lr \(lr.text) from epoch \(e.epoch) sample \(e.batch) on"
            notice = earlierRun.map { "\(from) (dimmed: lr \($0.lr.text))" } ?? "\(from): the run as it was"
        } catch {
            failure = "training stopped: \(error)"
        }
    }
}
