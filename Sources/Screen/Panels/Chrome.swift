import Scenario
import TextCanvas

/// The header line: title, where we are, the phase, lr, play state and speed.
public enum HeaderPanel {
    public static func render(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: .inverse)
        let e = state.event
        let t = state.timeline
        let play = state.playing ? state.glyphs.playing : state.glyphs.paused
        let quiz = state.quiz.map { " quiz \($0.right)/\($0.asked) " } ?? ""
        let right = quiz + (t.zeroesGrad ? "" : " NO zero_grad ") + " \(play) \(speedText(state)) "
        let position = "\(positionText(e, in: t))  \(e.phase.rawValue)  lr \(t.scenario.train.lr.text)"
        // Where it is matters more than what it is called: a narrow header gives up the title first.
        let room = rect.width - displayWidth(of: right) - displayWidth(of: position) - 1
        let title = room >= 8 ? " " + String(t.scenario.title.prefix(room - 3)) + "  " : " "
        let x = canvas.write(title, x: rect.x, y: rect.y, style: .inverse, clip: rect)
        canvas.write(position, x: x, y: rect.y, style: .inverse, clip: Rect(x: rect.x, y: rect.y, width: rect.width - displayWidth(of: right), height: 1))
        canvas.write(right, x: rect.maxX - displayWidth(of: right), y: rect.y, style: .inverse, clip: rect)
    }

    /// Where the animation is, counted from 0 as the lecture's `range(100)`, its `progress: 0` line,
    /// the plot's axis, the csv and the notes count: `epoch 0/99  sample 2/2` (this one and the last).
    public static func positionText(_ e: TimelineEvent, in t: Timeline) -> String {
        "epoch \(e.epoch)/\(max(0, t.epochs - 1))  sample \(e.batch)/\(t.stepsPerEpoch - 1)"
    }

    /// The speed in words people read: nodes a second while single nodes can be followed, whole
    /// epochs a second once an epoch passes within a second.
    public static func speedText(_ state: AppState) -> String {
        let rate = state.eventsPerSecond
        let perEpoch = Double(max(1, state.timeline.eventsPerStep * state.timeline.stepsPerEpoch))
        let epochs = rate / perEpoch
        if epochs >= 1 { return "\(count(epochs)) epoch\(epochs == 1 ? "" : "s") a second" }
        return "\(count(rate)) node\(rate == 1 ? "" : "s") a second"
    }

    /// 0.5, 2, 2.5, 30, 12k: as few digits as a reader needs.
    static func count(_ value: Double) -> String {
        if value >= 10_000 { return "\(Int((value / 1000).rounded()))k" }
        if value >= 10 || value == value.rounded() { return "\(Int(value.rounded()))" }
        return NumberFormat.compact(value, maxWidth: 4, significantDigits: 2)
    }
}

/// The key hints at the bottom, from the key map.
public enum FooterPanel {
    public static func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        var x = rect.x + 1
        for hint in KeyMap.bindings.compactMap(\.inFooter) {
            let parts = hint.split(separator: " ", maxSplits: 1)
            guard x + hint.count < rect.maxX else { break }
            x = canvas.write(String(parts[0]), x: x, y: rect.y, style: .accent, clip: rect)
            if parts.count > 1 { x = canvas.write(" " + parts[1], x: x, y: rect.y, style: .dim, clip: rect) }
            x += 2
        }
    }
}

/// The teacher's caption, or the scenario's summary when no note is active.
public enum CaptionPanel {
    /// One row, or two when the caption would not fit in one.
    public static func height(_ state: AppState, width: Int) -> Int {
        guard let note = state.activeNote else { return 1 }
        return displayWidth(of: note.text) + 20 > width && state.height >= 20 ? 2 : 1 // 20: the marker and margins
    }

    public static func render(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        if let q = state.question {
            let text = " ? \(q.prompt)  your answer: \(state.answer.text)▏ (Enter check · Esc or empty Enter skip)"
            canvas.write(text, x: rect.x, y: rect.y, style: .accent, clip: rect)
        } else if let verdict = state.verdict {
            canvas.write(" " + verdict, x: rect.x, y: rect.y, style: verdict.hasPrefix("right") || verdict.hasPrefix("Right") ? .good : .bad, clip: rect)
        } else if let failure = state.failure {
            canvas.write(" ⚠ " + failure, x: rect.x, y: rect.y, style: .bad, clip: rect)
        } else if let note = state.activeNote {
            let marker = state.pauseEvents.contains(state.cursor) && !state.playing ? "  [space: go on]" : ""
            // A note written for the run before `z` is marked, and dimmed, rather than said as true.
            let holds = state.activeNoteHolds
            let mark = holds ? "" : "[written for the run before z; it may not hold now] "
            var y = rect.y
            for line in wrap(" ✎ " + mark + note.text + marker, width: rect.width, lines: rect.height) {
                canvas.write(line, x: rect.x, y: y, style: holds ? .caption : .dim, clip: rect)
                y += 1
            }
        } else {
            canvas.write(" " + state.timeline.scenario.summary, x: rect.x, y: rect.y, style: .dim, clip: rect)
        }
    }
}

/// The `?` overlay: every key, from the key map.
public enum HelpOverlay {
    public static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        let rows = KeyMap.bindings
        let width = min(area.width, 66), height = min(area.height, rows.count + 4)
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        canvas.fill(rect)
        canvas.drawBox(rect, glyphs: state.glyphs, style: .accent, title: "keys")
        let inner = rect.inset(by: 1)
        for (i, b) in rows.enumerated() where inner.y + i < inner.maxY {
            canvas.write(b.label, x: inner.x + 1, y: inner.y + i, style: .accent, clip: inner)
            canvas.write(b.help, x: inner.x + 12, y: inner.y + i, clip: inner)
        }
        if inner.y + rows.count < inner.maxY {
            canvas.write("any key closes this help", x: inner.x + 1, y: inner.y + rows.count + 1, style: .dim, clip: inner)
        }
    }
}

/// Splits text into at most `lines` rows of `width` columns at spaces (the last row is cut).
func wrap(_ text: String, width: Int, lines: Int) -> [String] {
    var rows: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        if displayWidth(of: current) + 1 + displayWidth(of: word) > width && !current.isEmpty && rows.count < lines - 1 {
            rows.append(current)
            current = "   " + word
        } else {
            current += (current.isEmpty ? "" : " ") + word
        }
    }
    rows.append(current)
    return rows
}
