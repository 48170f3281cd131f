import Autograd
import Scenario
import TextCanvas

/// What a frame shows of the cursor's step, computed by `update` (a replay, a float64 gradient
/// check, the transcript's lines, the graph's layout): drawing only reads it, so a frame is cheap
/// and the same state always draws the same screen.
public struct Shown {
    /// The step these belong to; a new run (the `z` key, a fork) starts over from `Shown()`.
    var step: Int?
    /// The step's record: every value, gradient and update of it.
    public internal(set) var record: StepRecord?
    /// Why the step could not be replayed, when it could not.
    public internal(set) var recordFailure: String?
    public internal(set) var names = NodeNames()
    /// The finite-difference check of each param the cursor has shown in this step's backward or update.
    public internal(set) var checks: [Int: GradientCheck.Result] = [:]
    /// The watch expressions' values at the event, and which params had been updated when they were worked out.
    var watch: [(values: [Double], shape: Shape)?] = []
    var watchUpdated: [Bool]?
    /// The transcript pane's lines, when the pane is open.
    public internal(set) var transcript: TranscriptPanel?
    var transcriptCache = TranscriptPanel.Cache()
    /// Graph layouts per view size and zoom; they depend on the model's shape, never on the cursor.
    var layouts = LayoutCache()
    /// The op graph's boxes and arrows at the cursor, and the event and layout they were made for.
    var graph: (cursor: Int, layout: LayoutCache.Key?, picture: GraphPicture)?
    /// This step's box lines, kept while the cursor moves through its events.
    var boxLines = BoxLinesCache()
    /// The neuron view's chain rule for the weight it discusses (empty in other views): the
    /// inspector shows it, and the neuron view marks that weight.
    var weightRule: [(String, Style)] = []
    /// The same rule for an inspector too short for it: fewer words and terms.
    var weightRuleTerse: [(String, Style)] = []

    init() {}
}

/// What a step shows at any screen size — its record, the names, the gradient checks made so
/// far: screens that follow one lecture at many sizes work it out once and share it.
public struct StepShown {
    /// Which run of the scenario the step is of.
    let run: RunKey
    let step: Int?
    let record: StepRecord?
    let recordFailure: String?
    let names: NodeNames
    let checks: [Int: GradientCheck.Result]
}

extension Shown {
    /// Takes another screen's step (of the same run) as this one's, keeping this screen's own layouts and panes.
    mutating func adopt(_ s: StepShown) {
        if step != s.step {
            step = s.step
            record = s.record
            recordFailure = s.recordFailure
            names = s.names
            checks = s.checks
        } else {
            checks.merge(s.checks) { mine, _ in mine }
        }
    }
}

extension AppState {
    /// This screen's step as other screens following the same run can take it.
    public var stepShown: StepShown {
        StepShown(run: run.key, step: shown.step, record: shown.record, recordFailure: shown.recordFailure,
                  names: shown.names, checks: shown.checks)
    }

    /// Brings `shown` up to date with the cursor and the screen: `update` calls it after every
    /// action. Each part is computed only when what it depends on changed.
    mutating func prepareFrame(training: Training) {
        let timeline = training.timeline(of: run)
        let e = event
        if shown.step != e.step {
            shown.step = e.step
            shown.checks = [:]
            shown.watchUpdated = nil
            shown.boxLines = BoxLinesCache()
            do {
                let record = try timeline.record(ofStep: e.step)
                shown.record = record
                shown.recordFailure = nil
                shown.names = NodeNames(record)
            } catch {
                shown.record = nil
                shown.recordFailure = "training stopped: \(error)"
            }
        }
        if let record = shown.record, e.node < record.parameterCount, e.phase != .forward, shown.checks[e.node] == nil {
            // The live gradient check: finite differences in float64 beside backward's answer.
            shown.checks[e.node] = GradientCheck.check(scenario: run.variant(atStep: e.step), params: record.paramsBefore,
                                                       batch: record.batch, parameter: e.node)
        }
        if let record = shown.record, !run.scenario.watch.isEmpty {
            // The watch changes only when a param is updated: worked out then, not every frame.
            let updated = (0..<record.parameterCount).map(isUpdated)
            if shown.watchUpdated != updated {
                shown.watchUpdated = updated
                shown.watch = WatchPanel.values(of: run.scenario.watch, record: record, names: shown.names, updated: isUpdated)
            }
        }
        // What training computed through the cursor's epoch: the loss plot reads these values.
        let through = stepsNeeded(for: cursor, in: run)
        progress = timeline.progress(throughStep: through)
        if let earlier = earlierRun { earlierRun?.progress = training.timeline(of: earlier.run).progress(throughStep: through) }
        storeGraphLayout()
        prepareGraphPicture()
        shown.weightRule = shown.record.map { neuronWeightRule($0) } ?? []
        shown.weightRuleTerse = shown.record.map { neuronWeightRule($0, terse: true) } ?? []
        if let moment = viewMoment() { screenViews[viewIndex].prepare(moment) }
        if sidePane == .code { prepareCodeListings() }
        if sidePane == .transcript, let pane = visibleBodyAreas?.side {
            shown.transcript = TranscriptPanel(timeline: timeline, event: e, rows: max(0, pane.height - 2), cache: &shown.transcriptCache)
        } else {
            shown.transcript = nil
        }
    }

    /// The moment the view on screen prepares from and draws: nil while the step has no record.
    func viewMoment() -> ViewMoment? {
        guard let record = shown.record else { return nil }
        let placement = screenViews[viewIndex].placement
        let areas = visibleBodyAreas
        let area = placement == .graphBox ? areas.map(\.graph) : areas?.pane
        let discussed = discussedWeight
        return ViewMoment(model: model, record: record, event: event, state: run.state(at: event, record: record),
                          names: shown.names, lr: run.lr(atStep: event.step), glyphs: glyphs, colour: colour, area: area,
                          heatScaleShared: heatScaleShared, neuronSample: neuronSample, discussedWeight: discussed,
                          markedWeight: markedWeight(ruleShown: !shown.weightRule.isEmpty), pickedUnit: pickedUnit,
                          stepScenario: run.modelChanges.isEmpty ? nil : run.variant(atStep: event.step))
    }

    /// A new run on screen (`z`, a fork of lr): what was shown and prepared belongs to the old
    /// one; graph layouts depend only on the model and stay.
    mutating func startOver(with replacement: TrainingRun) {
        run = replacement
        var fresh = Shown()
        fresh.layouts = shown.layouts
        shown = fresh
        screenViews = ScreenViews.make(for: model)
        if codeListings?.fits(run) == false { codeListings = nil }
    }

    /// The gradient check for the cursor's event, when it is about a param's gradient.
    var activeCheck: GradientCheck.Result? {
        let e = event
        guard let record = shown.record, e.node < record.parameterCount, e.phase != .forward else { return nil }
        return shown.checks[e.node]
    }
}
