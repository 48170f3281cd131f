/// The service that trains the runs of one scenario: the timeline of the run on screen and of the
/// runs forked from it (`<` `>`, `A`, `O`, `z`), kept by `RunKey`. A reference (a class), held by
/// whoever drives a screen beside its `AppState` and handed to each `update`; the state keeps only
/// the `TrainingRun` it shows, a value. The most recently asked runs are kept; one dropped is
/// trained again from the start when asked for (the same run trains the same numbers).
public final class Training {
    /// Kept timelines, the most recently asked first.
    private var kept: [Timeline]
    /// How many timelines are kept at most: the run on screen, the dimmed earlier one, and a few
    /// the lecturer may go back to (`<` after `>`, `z` twice).
    public let capacity: Int

    /// A service whose first run is `timeline` (already trained as far as it is, kept as it is).
    public init(_ timeline: Timeline, capacity: Int = 4) {
        kept = [timeline]
        self.capacity = max(2, capacity)
    }

    /// A service whose first run is the scenario as written (`epochs` if given).
    public convenience init(scenario: Scenario, epochs: Int? = nil) throws {
        self.init(try Timeline(scenario: scenario, epochs: epochs))
    }

    /// The run the service was made with, or the most recently asked one.
    public var latest: TrainingRun { kept[0].run }

    /// The timeline that trains `run`: the one kept for its key, or a new one trained from the start.
    public func timeline(of run: TrainingRun) -> Timeline {
        let key = run.key
        if let i = kept.firstIndex(where: { $0.run.key == key }) {
            if i > 0 { kept.insert(kept.remove(at: i), at: 0) }
            return kept[0]
        }
        let made = Timeline(run: run)
        keep(made)
        return made
    }

    /// Keeps a timeline made elsewhere (a fork, which starts from its parent's checkpoints), unless
    /// one is kept for the same run already (it trained further, with the same numbers).
    public func keep(_ timeline: Timeline) {
        let key = timeline.run.key
        if let i = kept.firstIndex(where: { $0.run.key == key }) {
            if i > 0 { kept.insert(kept.remove(at: i), at: 0) }
            return
        }
        kept.insert(timeline, at: 0)
        if kept.count > capacity { kept.removeLast(kept.count - capacity) }
    }

    /// How many timelines are kept now.
    public var keptCount: Int { kept.count }
}
