import Autograd
import Scenario
import TextCanvas

/// The lecture's printout (`predict …`, `\tgrad: …`, `progress: …`) as far as the animation has
/// run, byte-equal to `backprop train`, showing its newest lines.
///
/// When lines appear: the predict-before lines from the start; a step's grad line at the step's
/// first update event (PyTorch prints it after `l.backward()`, before the update); an epoch's
/// progress line at its last event; the predict-after lines at the run's very last event.
/// The lines are built once per step by the app's `update` (replaying only the steps whose lines
/// are visible, with a cache across steps); drawing only reads them.
public struct TranscriptPanel: Panel {
    public var glyphs: Glyphs = .unicode
    /// The newest printed lines, as many as the pane has rows for.
    public var lines: [String]
    /// Why the lines could not be replayed, if they could not.
    public var failure: String?
    /// Whose loss a `progress:` line prints (`the last sample's`), said under the lines, since
    /// the plot beside it draws the epoch's mean.
    public var progressOf: String?

    public init(lines: [String], failure: String? = nil, progressOf: String? = nil) {
        self.lines = lines
        self.failure = failure
        self.progressOf = progressOf
    }

    /// The newest lines printed once `event` has run, as many as `rows` (less the row that says
    /// what `progress:` prints), through `cache`.
    public init(timeline: Timeline, event: TimelineEvent, rows: Int, cache: inout Cache) {
        let count = Self.printedCount(at: event, of: timeline)
        let whose = Self.progressOf(timeline)
        let rows = rows >= Self.rowsForTheNote ? rows - 1 : rows
        do {
            self.init(lines: try cache.lines(max(0, count - max(0, rows))..<count, of: timeline), progressOf: whose)
        } catch {
            self.init(lines: [], failure: "cannot replay: \(error)")
        }
    }

    /// Fewest rows of lines with which the pane also says what `progress:` prints.
    static let rowsForTheNote = 4

    /// Whose loss the lecture's `print('progress:', epoch, l.item())` prints: its epoch's last step's.
    static func progressOf(_ timeline: Timeline) -> String {
        if timeline.stepsPerEpoch <= 1 { return "the full batch's loss" }
        return timeline.scenario.batchSize <= 1 ? "the last sample's loss" : "the last batch's loss"
    }

    /// The note's words, longest first: the first that fits the pane is shown.
    func progressNotes(_ whose: String) -> [String] {
        ["progress: \(whose), l.item(), as the lecture prints it",
         "progress: \(whose) (l.item())",
         "progress: \(whose)"]
    }

    /// The lines of one timeline's printout built so far, kept across steps by the app state: the
    /// visible lines change once a step, and rebuilding them replays a step each (26 ms a frame
    /// for deep193's 28 rows, in release).
    public struct Cache {
        /// Which run of the scenario the lines are of.
        private var owner: RunKey?
        private var built: [Int: String] = [:]

        public init() {}

        mutating func lines(_ range: Range<Int>, of timeline: Timeline) throws -> [String] {
            // Another run (`z`, a fork) prints different grads: start over.
            if owner != timeline.run.key || built.count > 4096 {
                owner = timeline.run.key
                built.removeAll()
            }
            let missing = range.filter { built[$0] == nil }
            if let first = missing.first, let last = missing.last {
                for (k, line) in zip(first...last, try TranscriptPanel.lines(first..<(last + 1), of: timeline)) { built[k] = line }
            }
            return range.compactMap { built[$0] }
        }
    }

    /// How many lines `backprop train` has printed once `event` has run.
    public static func printedCount(at event: TimelineEvent, of timeline: Timeline) -> Int {
        let p = predictCount(timeline)
        let total = timeline.totalSteps
        guard total > 0, timeline.eventsPerStep > 0 else { return 2 * p }
        let step = min(max(0, event.step), total - 1)
        let firstUpdate = timeline.template.firstIndex { $0.phase == .update } ?? timeline.eventsPerStep - 1
        let endOfStep = event.indexInStep >= timeline.eventsPerStep - 1
        let grads = step + (event.indexInStep >= firstUpdate ? 1 : 0)
        let epochs = (step + (endOfStep ? 1 : 0)) / timeline.stepsPerEpoch
        let finished = step == total - 1 && endOfStep
        return p + grads + epochs + (finished ? p : 0)
    }

    /// How many lines the whole run prints.
    public static func totalCount(of timeline: Timeline) -> Int {
        2 * predictCount(timeline) + timeline.epochs * (timeline.stepsPerEpoch + 1)
    }

    /// Lines `range` of the whole run's printout, without line breaks; replays only the steps they need.
    public static func lines(_ range: Range<Int>, of timeline: Timeline) throws -> [String] {
        let scenario = timeline.scenario
        let p = predictCount(timeline)
        let perEpoch = timeline.stepsPerEpoch + 1
        let trainingLines = timeline.epochs * perEpoch
        var before: [String]?
        var after: [String]?
        var result: [String] = []
        for k in range.clamped(to: 0..<totalCount(of: timeline)) {
            if k < p {
                if before == nil { before = try predictLines("predict (before training)", timeline, parameters: nil) }
                result.append(before.flatMap { k < $0.count ? $0[k] : nil } ?? "")
            } else if k - p < trainingLines {
                let epoch = (k - p) / perEpoch, within = (k - p) % perEpoch
                if within < timeline.stepsPerEpoch {
                    let record = try timeline.record(ofStep: epoch * timeline.stepsPerEpoch + within)
                    let grads = (0..<record.parameterCount).map { (values: record.grad($0), shape: record.nodes[$0].shape) }
                    result.append(TranscriptWriter.gradLine(scenario, batch: record.batch, grads: grads))
                } else {
                    let record = try timeline.record(ofStep: epoch * timeline.stepsPerEpoch + timeline.stepsPerEpoch - 1)
                    result.append(TranscriptWriter.progressLine(epoch: epoch, loss: record.loss))
                }
            } else {
                if after == nil {
                    let final = timeline.totalSteps > 0 ? try timeline.record(ofStep: timeline.totalSteps - 1).paramsAfter : nil
                    after = try predictLines("predict (after training)", timeline, parameters: final)
                }
                let i = k - p - trainingLines
                result.append(after.flatMap { i < $0.count ? $0[i] : nil } ?? "")
            }
        }
        return result
    }

    static func predictCount(_ timeline: Timeline) -> Int {
        timeline.scenario.predict.first?.count ?? 0
    }

    /// `forward(4).item()` with the initial params (nil) or the given ones.
    static func predictLines(_ title: String, _ timeline: Timeline, parameters: [[Double]]?) throws -> [String] {
        let trainer = Trainer(scenario: timeline.scenario)
        if let parameters {
            for (i, p) in trainer.runner.parameters.enumerated() where i < parameters.count {
                trainer.tape.setValue(p, parameters[i])
            }
        }
        return try TranscriptWriter.predictLines(title, timeline.scenario, trainer: trainer)
    }

    /// A tab as a terminal shows it: spaces to the next multiple of 8 columns.
    static func expandingTabs(_ line: String) -> String {
        var out = ""
        for character in line {
            if character == "\t" {
                out += String(repeating: " ", count: 8 - displayWidth(of: out) % 8)
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func style(of line: String) -> Style {
        if line.hasPrefix("\tgrad:") { return .gradient }
        if line.hasPrefix("progress:") { return .value }
        return .strong
    }

    /// Renders the newest printed lines that fit, in a frame titled "transcript", into `rect`.
    public func render(into canvas: inout Canvas, rect: Rect) {
        guard let box = TextBox("transcript", rect: rect, glyphs: glyphs, into: &canvas) else { return }
        if let failure {
            box.write(failure, row: 0, x: 1, style: .bad, into: &canvas)
            return
        }
        var height = box.inner.height
        if let whose = progressOf, box.inner.height >= Self.rowsForTheNote {
            height -= 1
            let notes = progressNotes(whose)
            let note = notes.first { displayWidth(of: $0) <= box.inner.width - 1 } ?? notes[notes.count - 1]
            box.write(note, row: box.inner.height - 1, x: 1, style: .dim, into: &canvas)
        }
        for (row, line) in lines.suffix(height).enumerated() {
            box.write(Self.expandingTabs(line), row: row, x: 1, style: Self.style(of: line), into: &canvas)
        }
    }
}
