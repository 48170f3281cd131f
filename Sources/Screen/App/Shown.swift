import Scenario
import TextCanvas

/// What a frame shows of the cursor's step, computed by `update` (a replay, a float64 gradient
/// check, the transcript's lines, the graph's layout): drawing only reads it, so a frame is cheap
/// and the same state always draws the same screen.
public struct Shown {
    /// The step these belong to; a new timeline (the `z` key) starts over from `Shown()`.
    var step: Int?
    /// The step's record: every value, gradient and update of it.
    public internal(set) var record: StepRecord?
    /// Why the step could not be replayed, when it could not.
    public internal(set) var recordFailure: String?
    public internal(set) var names = NodeNames()
    /// The finite-difference check of each param the cursor has shown in this step's backward or update.
    public internal(set) var checks: [Int: GradientCheck.Result] = [:]
    /// The transcript pane's lines, when the pane is open.
    public internal(set) var transcript: TranscriptPanel?
    var transcriptCache = TranscriptPanel.Cache()
    /// The loss landscape, sampled for its pane, when the landscape view is on.
    public internal(set) var landscape: LandscapePicture?
    /// Graph layouts per view size and zoom; they depend on the model's shape, never on the cursor.
    var layouts = LayoutCache()
    /// The decision boundary at the step's start, while that view is on (a forward pass over a grid).
    public internal(set) var field: DecisionField?
    /// The step's first sample and the model's class probabilities for it, while the sample view is on.
    public internal(set) var sample: SamplePicture?

    init() {}
}

extension AppState {
    /// Brings `shown` up to date with the cursor and the screen: `update` calls it after every
    /// action. Each part is computed only when what it depends on changed.
    mutating func prepareFrame() {
        let e = event
        if shown.step != e.step {
            shown.step = e.step
            shown.checks = [:]
            shown.landscape = nil
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
            shown.checks[e.node] = GradientCheck.check(scenario: timeline.scenario, params: record.paramsBefore,
                                                       batch: record.batch, parameter: e.node)
        }
        if view == .landscape, let record = shown.record, let pane = visibleBodyAreas?.pane {
            let area = pane.inset(by: 1)
            if shown.landscape?.area != area {
                shown.landscape = LandscapePanel.make(scenario: timeline.scenario, record: record, names: shown.names,
                                                         lr: timeline.lr(atStep: record.step), glyphs: glyphs)
                    .sampled(for: area)
            }
        } else {
            shown.landscape = nil
        }
        if let rect = graphViewRect { shown.layouts.store(graphLayout(for: rect), for: layoutKey(rect)) }
        prepareBoundary()
        if sidePane == .transcript, let pane = visibleBodyAreas?.side {
            shown.transcript = TranscriptPanel(timeline: timeline, event: e, rows: max(0, pane.height - 2), cache: &shown.transcriptCache)
        } else {
            shown.transcript = nil
        }
    }

    /// The decision boundary for the view pane's size, remade when the step or the size changes.
    mutating func prepareBoundary() {
        if view == .sample, let record = shown.record {
            if shown.sample?.step != record.step {
                shown.sample = try? SamplePicture.make(scenario: timeline.scenario, params: record.paramsBefore, step: record.step,
                                                       sample: record.batch * timeline.scenario.batchSize)
            }
        } else {
            shown.sample = nil
        }
        guard view == .boundary, let pane = visibleBodyAreas?.pane, let record = shown.record else { shown.field = nil; return }
        let grid = BoundaryPanel.grid(for: pane.inset(by: 1), glyphs: glyphs, colour: colour)
        if let field = shown.field, field.step == record.step, field.columns == grid.columns, field.rows == grid.rows { return }
        shown.field = try? DecisionField.make(scenario: timeline.scenario, params: record.paramsBefore, step: record.step,
                                              columns: grid.columns, rows: grid.rows)
    }

    /// The gradient check for the cursor's event, when it is about a param's gradient.
    var activeCheck: GradientCheck.Result? {
        let e = event
        guard let record = shown.record, e.node < record.parameterCount, e.phase != .forward else { return nil }
        return shown.checks[e.node]
    }
}
