import Scenario
import TextCanvas

/// The header line: title, where we are, the phase, lr, play state and speed.
public struct HeaderPanel: Panel {
    /// The scenario's title.
    public var title: String
    /// `epoch 0/99  sample 2/2`, and the widest this run ever writes (the last epoch and step): the
    /// title's room is measured against it, so the title does not change as the cursor moves.
    public var position: String
    public var widestPosition: String
    /// The position without what says little (`epoch 1/2999` for `epoch 1/2999  full batch`) and its
    /// widest: the last thing given up for the title, nil when there is nothing to give.
    public var positionShort: (now: String, widest: String)?
    /// Whether the short position goes before the room kept for the widest (it leaves out only
    /// `full batch`), or after it (it leaves out a counted step's word: `epoch 0/99, 2/2`).
    public var positionShortFirst = true
    public var phase: NoteMoment.Phase
    /// `lr 0.1`, or after a fork `lr 0.05 (was 0.1)`.
    public var lr: String
    /// The same in fewer columns, for a header too narrow for `lr` (`now tanh, momentum  lr 0.1`).
    public var lrShort: String?
    public var zeroesGrad: Bool
    public var playing: Bool
    /// The quiz's score (right of asked), in quiz mode.
    public var quiz: (right: Int, asked: Int)?
    /// `2 nodes a second`.
    public var speed: String
    public var glyphs: Glyphs
    /// The lecturer's count of the class, in lecture mode (`23 following · 4 exploring`, and a shorter form).
    public var lecture: (full: String, short: String)?

    public init(title: String, position: String, widestPosition: String, phase: NoteMoment.Phase, lr: String, zeroesGrad: Bool,
                playing: Bool, quiz: (right: Int, asked: Int)?, speed: String, glyphs: Glyphs) {
        self.title = title
        self.position = position
        self.widestPosition = widestPosition
        self.phase = phase
        self.lr = lr
        self.zeroesGrad = zeroesGrad
        self.playing = playing
        self.quiz = quiz
        self.speed = speed
        self.glyphs = glyphs
    }

    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: .inverse)
        let play = playing ? glyphs.playing : glyphs.paused
        let quiz = quiz.map { " quiz \($0.right)/\($0.asked) " } ?? ""
        let zero = zeroesGrad ? "" : " NO zero_grad "
        // The position and lr come first: on a narrow screen the speed gives way, then in a lecture
        // the lecturer's own score, and the class's count takes its short form; the title last.
        var ladder = [quiz + zero + " \(play) \(speed) ", quiz + zero + " \(play) "]
        if let lecture {
            ladder = [lecture.full + ladder[0], lecture.full + ladder[1], lecture.full + zero + " \(play) ",
                      lecture.short + zero + " \(play) ", zero + " \(play) "]
        }
        // A fork's long `tanh (was sigmoid)` takes its short form where the whole would be cut, and
        // where the title would otherwise lose its words.
        let least = displayWidth(of: quiz + zero + " \(play) ")
        let whole = "\(self.position)  \(phase.rawValue)  \(self.lr)"
        let cut = displayWidth(of: whole) + least + 2 > rect.width
        // The shortest: a fork's changes without `now ` (`momentum  lr 0.0025`), where the title needs it.
        let lrShortest = lrShort.flatMap { $0.hasPrefix("now ") ? String($0.dropFirst(4)) : nil }
        let lrForms = (cut ? [lrShort ?? self.lr] : [self.lr] + (lrShort.map { [$0] } ?? [])) + (lrShortest.map { [$0] } ?? [])
        // Where it is matters more than what it is called: the title's room is measured against the
        // widest position (and longest phase) of the run, so it does not change as the cursor moves.
        let longestPhase = NoteMoment.Phase.allCases.map { $0.rawValue.count }.max() ?? 0
        struct Choice {
            var form: Int
            var position: String
            var right: String
            var title: String
        }
        let ellipsis = glyphs.text("…")
        // The lecturer's count of the class is never given up for the title.
        let keepsCount: (String) -> Bool = { rung in
            guard let lecture else { return true }
            return rung.hasPrefix(lecture.short) || rung.hasPrefix(lecture.full)
        }
        var choices: [Choice] = []
        // Given up in turn where the title would lose its words: `full batch` (a step that says
        // little), then the room kept for the widest position (the title may then change as the count grows).
        var positionForms: [(now: String, widest: String?)] = [(self.position, widestPosition)] + (positionShort.map { [($0.now, $0.widest)] } ?? [])
        positionForms += positionForms.map { ($0.now, nil) }
        if !positionShortFirst && positionForms.count == 4 { positionForms.swapAt(1, 2) }
        for (form, (place, widestPlace)) in positionForms.enumerated() {
        for lrShown in lrForms {
            let position = glyphs.text("\(place)  \(phase.rawValue)  \(lrShown)")
            let widest = max(widestPlace.map { displayWidth(of: $0) + 4 + longestPhase + displayWidth(of: lrShown) } ?? 0, displayWidth(of: position))
            for rung in ladder where displayWidth(of: rung) + displayWidth(of: position) + 1 <= rect.width && keepsCount(rung) {
                let room = rect.width - displayWidth(of: rung) - widest - 1
                let title = room >= 8 ? Self.titleText(glyphs.text(self.title), width: room - 3, ellipsis: ellipsis) : ""
                // Never dropped: where no whole word fits, the title's head and `…` (`The 5-6-7-7…`).
                // A head of whole words too short to read (`Linear …` where `Linear mode…` fits) takes the longer head.
                let longer = room >= 6 ? Self.titleHead(glyphs.text(self.title), width: room - 3, ellipsis: ellipsis) : ""
                let head = title.isEmpty || (displayWidth(of: title) < Self.readableTitle && displayWidth(of: longer) >= Self.readableTitle) ? longer : title
                choices.append(Choice(form: form, position: position, right: rung, title: head))
            }
        }
        }
        // The first form of the position that leaves the title words, two at least (shortened with …)
        // else one, in a readable head of the title (`Linear …` is not one); else the longest head of
        // the title; only where none fits, the position whole alone.
        let words = min(2, title.split(separator: " ").count)
        func wordsShown(_ choice: Choice) -> Int {
            guard !choice.title.hasSuffix(ellipsis) || choice.title.hasSuffix(" " + ellipsis) || choice.title == glyphs.text(title) else { return 0 }
            return choice.title.split(separator: " ").filter { $0 != ellipsis }.count
        }
        func readable(_ choice: Choice) -> Bool {
            choice.title == glyphs.text(title) || displayWidth(of: choice.title) >= Self.readableTitle
        }
        let fallbackPosition = "\(self.position)  \(phase.rawValue)  \(lrForms[0])"
        let longestHead = choices.filter { !$0.title.isEmpty }.max { displayWidth(of: $0.title) < displayWidth(of: $1.title) }
        // Two words of the title come before the room kept for the widest position (`Linear model …`,
        // not `Linear …` or `Li…` after a fork of lr at 80 columns): the first form that leaves them.
        func first(_ forms: [Int], where good: (Choice) -> Bool) -> Choice? {
            for form in forms { if let choice = choices.first(where: { $0.form == form && good($0) }) { return choice } }
            return nil
        }
        // A counted step keeps its word while the long position leaves the title words; at the
        // lecture's sizes (80 columns and more) a readable head of them (`Linear mode…`, not
        // `Linear …` or none, after zAO<<), below them any word (`sample 0/2` whole at 60 columns).
        let long = positionForms.indices.filter { positionForms[$0].now == self.position }
        let narrow = rect.width < 80
        let kept = positionShortFirst ? nil
            : first(long) { wordsShown($0) >= words } ?? first(long) { wordsShown($0) > 0 && (narrow || readable($0)) }
        let all = Array(positionForms.indices)
        let best = kept
            ?? first(all) { wordsShown($0) >= words }
            ?? first(all) { wordsShown($0) > 0 && readable($0) }
            ?? first(all) { displayWidth(of: $0.title) >= Self.readableTitle }
            ?? first(all) { wordsShown($0) > 0 }
            ?? longestHead
        let chosen = best
            ?? Choice(form: 0, position: fallbackPosition,
                      right: ladder.first { displayWidth(of: $0) + displayWidth(of: fallbackPosition) + 1 <= rect.width } ?? ladder[ladder.count - 1],
                      title: "")
        let titleCells = chosen.title.isEmpty ? " " : " " + chosen.title + "  "
        let x = canvas.write(titleCells, x: rect.x, y: rect.y, style: .inverse, clip: rect)
        canvas.write(chosen.position, x: x, y: rect.y, style: .inverse,
                     clip: Rect(x: rect.x, y: rect.y, width: rect.width - displayWidth(of: chosen.right), height: 1))
        canvas.write(chosen.right, x: rect.maxX - displayWidth(of: chosen.right), y: rect.y, style: .inverse, clip: rect)
    }

    /// The columns of the title's head kept at least, where a position's long form can give them.
    static let readableTitle = 12

    /// The title's first characters and `…` in `width` columns: what a header too narrow for any
    /// whole word shows, rather than no title at all (`The 5-6-7-7…`).
    static func titleHead(_ title: String, width: Int, ellipsis: String = "…") -> String {
        guard width > displayWidth(of: ellipsis) else { return "" }
        if displayWidth(of: title) <= width { return title }
        var head = "", used = 0
        for character in title {
            let w = displayWidth(of: character)
            if used + w + displayWidth(of: ellipsis) > width { break }
            head.append(character)
            used += w
        }
        let trimmed = head.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "" : trimmed + ellipsis
    }

    /// The title in `width` columns, shortened by whole words and an ellipsis (`Two Gaussian …`,
    /// not `Two Gaussian clou`); a word of symbols alone (`=`) does not end it, and a lone article
    /// says nothing: then, as when not even the first word fits, it is empty.
    static func titleText(_ title: String, width: Int, ellipsis: String = "…") -> String {
        if displayWidth(of: title) <= width { return title }
        var words = title.split(separator: " ").map(String.init)
        while let last = words.last {
            let symbols = !last.contains { $0.isLetter || $0.isNumber }
            let text = words.joined(separator: " ") + " " + ellipsis
            if !symbols && displayWidth(of: text) <= width {
                return words.count == 1 && ["a", "an", "the"].contains(last.lowercased()) ? "" : text
            }
            words.removeLast()
        }
        return ""
    }

    /// Where the animation is, counted from 0 as the lecture's `range(100)`, its `progress: 0` line,
    /// the plot's axis, the csv and the notes count: `epoch 0/99  sample 2/2` (this one and the last).
    /// A step is a sample only when batch_size is 1: with mini-batches it is `batch 3/9`, and with one
    /// step per epoch there is nothing to count (`full batch`), so the neuron view's `sample 0/19`
    /// (a column of the batch) is never confused with the step.
    public static func positionText(_ e: TimelineEvent, in t: TrainingRun) -> String {
        let epoch = "epoch \(e.epoch)/\(max(0, t.epochs - 1))"
        if !positionCountsSteps(in: t) { return epoch + "  full batch" }
        return epoch + "  " + stepText(e, in: t)
    }

    /// Whether the position counts steps within an epoch (`sample 2/2`, `batch 3/9`), not `full batch`.
    static func positionCountsSteps(in t: TrainingRun) -> Bool {
        !(t.stepsPerEpoch <= 1 && t.scenario.sampleCount > 1)
    }

    /// The position in fewer columns, what a header too narrow for the title and the long form shows:
    /// `epoch 1/2999` alone where the step says nothing (one step an epoch, `full batch`), else the
    /// step without its word (`epoch 0/99, 2/2` for `epoch 0/99  sample 2/2`; not `·`, ASCII's `*`).
    public static func positionShortText(_ e: TimelineEvent, in t: TrainingRun) -> String? {
        let epoch = "epoch \(e.epoch)/\(max(0, t.epochs - 1))"
        if !positionCountsSteps(in: t) { return epoch }
        return "\(epoch), \(e.batch)/\(t.stepsPerEpoch - 1)"
    }

    /// `sample 2/2` or `batch 3/9`: the step within its epoch.
    static func stepText(_ e: TimelineEvent, in t: TrainingRun) -> String {
        let step = t.scenario.batchSize == 1 ? "sample" : "batch"
        return "\(step) \(e.batch)/\(t.stepsPerEpoch - 1)"
    }

    /// `lr 0.1`, or after `<` / `>` from this step on `lr 0.05 (was 0.1)`: the scenario's lr is never out of sight.
    /// After `A` or `O` the changed activation or optimizer comes first: `tanh (was sigmoid)  lr 0.1`.
    public static func lrText(atStep step: Int, in t: TrainingRun) -> String {
        let lr = t.lr(atStep: step), written = t.scenario.train.lr
        let lrText = lr.value == written.value ? "lr \(written.text)" : "lr \(lr.text) (was \(written.text))"
        return (t.modelChangeTexts(atStep: step) + [lrText]).joined(separator: "  ")
    }

    /// `lrText` in short: a fork's changes (`now tanh, momentum  lr 0.1`), an lr fork's without the
    /// lr it was (`lr 0.000625`); nil when nothing changed.
    public static func lrShortText(atStep step: Int, in t: TrainingRun) -> String? {
        let changes = t.modelChangeTexts(atStep: step, short: true)
        let lr = t.lr(atStep: step), written = t.scenario.train.lr
        guard !changes.isEmpty || lr.value != written.value else { return nil }
        return (changes.isEmpty ? "" : "now " + changes.joined(separator: ", ") + "  ") + (lr.value == written.value ? "lr \(written.text)" : "lr \(lr.text)")
    }

    /// The speed in words people read: nodes a second while single nodes can be followed, whole
    /// epochs a second once an epoch passes within a second.
    public static func speedText(eventsPerSecond rate: Double, eventsPerEpoch: Int) -> String {
        let perEpoch = Double(max(1, eventsPerEpoch))
        let epochs = rate / perEpoch
        if epochs >= 1 { return "\(count(epochs)) epoch\(epochs == 1 ? "" : "s") a second" }
        return "\(count(rate)) node\(rate == 1 ? "" : "s") a second"
    }

    /// 0.5, 2, 2.5, 30, 12k: as few digits as a reader needs.
    static func count(_ value: Double) -> String {
        let most = 1 << 50  // speeds are bounded far below; a count never traps
        if value >= 10_000 { return "\(Int(clamping: (value / 1000).rounded(), to: 0...most))k" }
        if value >= 10 || value == value.rounded() { return "\(Int(clamping: value.rounded(), to: -most...most))" }
        return NumberFormat.compact(value, maxWidth: 4, significantDigits: 2)
    }
}

/// The key hints at the bottom, from the key map; it always ends with `? help  q quit`, and a
/// notice about a key that could do nothing here takes the hints' place for a moment.
public struct FooterPanel: Panel {
    /// A notice about a key, or the progress of a far move, shown instead of the hints.
    public var message: String?
    public var glyphs: Glyphs

    public init(message: String?, glyphs: Glyphs) {
        self.message = message
        self.glyphs = glyphs
    }

    /// The hints that end every footer, whatever else fits.
    static let always: [Command] = [.toggleHelp, .quit]

    static var tailWidth: Int {
        KeyMap.bindings.filter { always.contains($0.command) }.compactMap(\.inFooter).map { displayWidth(of: $0) + 2 }.reduce(0, +)
    }

    /// Rows the footer needs at `width`: two when its message does not fit beside `? help  q quit`
    /// (the row above, the caption's last, lends itself while the message shows), else one.
    public static func rows(for message: String?, width: Int) -> Int {
        guard let message else { return 1 }
        return displayWidth(of: message) + 2 > width - tailWidth ? 2 : 1
    }

    /// Draws in the last row of `rect`; a message too long for it wraps into the row above, when `rect` has two.
    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let hints = KeyMap.bindings.compactMap { b in b.inFooter.map { (hint: $0, command: b.command) } }
        let tail = hints.filter { Self.always.contains($0.command) }.map(\.hint)
        let tailX = max(rect.x, rect.maxX - Self.tailWidth)
        let y = rect.maxY - 1
        var x = rect.x + 1
        if rect.height > 1 { canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1)) }
        if let words = message {
            let room = Rect(x: rect.x, y: y, width: tailX - rect.x - 1, height: 1)
            if rect.height > 1 && Self.rows(for: words, width: rect.width) > 1 {
                let rows = wrap(words.split(separator: " ").map(String.init), width: room.width, lines: 2)
                for (i, row) in rows.enumerated() {
                    let rowY = y - (rows.count - 1) + i
                    canvas.write(row, x: rect.x, y: rowY, style: .accent, clip: Rect(x: rect.x, y: rowY, width: room.width, height: 1))
                }
            } else {
                canvas.write(words, x: x, y: y, style: .accent, clip: room)
            }
        } else {
            for hint in hints.filter({ !Self.always.contains($0.command) }).map(\.hint) {
                guard x + displayWidth(of: hint) < tailX - 1 else { break }
                x = Self.write(hint, x: x, y: y, into: &canvas, rect: rect) + 2
            }
        }
        x = tailX
        for hint in tail { x = Self.write(hint, x: x, y: y, into: &canvas, rect: rect) + 2 }
    }

    /// "v view": the key in the accent colour, what it does dim.
    static func write(_ hint: String, x: Int, y: Int, into canvas: inout Canvas, rect: Rect) -> Int {
        let parts = hint.split(separator: " ", maxSplits: 1)
        var x = canvas.write(String(parts[0]), x: x, y: y, style: .accent, clip: rect)
        if parts.count > 1 { x = canvas.write(" " + parts[1], x: x, y: y, style: .dim, clip: rect) }
        return x
    }
}

/// The teacher's caption, or the scenario's summary when no note is active; the quiz's question
/// and verdicts. Its rows are reserved for the longest note, so the layout never jumps.
public struct CaptionPanel: Panel {
    /// What the caption line says, the first that applies.
    public enum Content {
        /// The quiz's open question and the answer typed so far.
        case question(prompt: String, answer: String)
        /// The lecturer's question on a follower's screen, and what the student typed so far.
        case classQuestion(prompt: String, answer: String)
        /// A follower's answer, sent: `you answered 1.0` (or `you skipped it`) until the lecturer reveals.
        case answerSent(prompt: String, given: String)
        /// The last answer's verdict (right … / wrong … / skipped …).
        case verdict(String)
        /// Training stopped.
        case failure(String)
        /// A teacher's note; when it no longer `holds` (written for the run before z or a fork of
        /// lr), `mark` says so; `paused` when autoplay waits on it.
        case note(text: String, mark: NoteMark?, holds: Bool, paused: Bool)
        /// No note here: the scenario's summary.
        case summary(String)
    }

    public var content: Content
    public var glyphs: Glyphs

    public init(_ content: Content, glyphs: Glyphs) {
        self.content = content
        self.glyphs = glyphs
    }

    static let pauseMarker = "[space: go on]"

    /// The rows every caption of a scenario needs at this width (1 to 3; fewer on short screens):
    /// reserved for its longest note, so the layout never jumps.
    /// A mark (after `z` or a fork) takes no rows of its own: the marked note fits into these rows
    /// (`render` shortens the mark, then the note).
    public static func height(notes: [Note], quiz: Bool, screenHeight: Int, width: Int, glyphs: Glyphs) -> Int {
        let most = screenHeight >= 20 ? 3 : screenHeight >= 16 ? 2 : 1
        // A quiz's question: its sum in the rows above, the answer in the last.
        var rows = quiz ? most : 1
        for note in notes where rows < most {
            let words = captionWords(note.text, mark: nil).map { glyphs.text($0) }
            rows = max(rows, wrap(words, width: width, lines: most, tail: note.pause ? " " + pauseMarker : nil).count)
        }
        return rows
    }

    /// The caption's words: ✎, the mark of a note written for another run (after z, a fork of lr) and the text.
    static func captionWords(_ text: String, mark: String?) -> [String] {
        ["✎"] + (mark?.split(separator: " ").map(String.init) ?? []) + text.split(separator: " ").map(String.init)
    }

    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        func lines(_ words: [String], _ style: Style, tail: String? = nil) {
            // Folded before measuring: y_hat is wider than ŷ.
            let words = words.map { glyphs.text($0) }
            for (i, line) in wrap(words, width: rect.width, lines: rect.height, tail: tail).enumerated() {
                canvas.write(line, x: rect.x, y: rect.y + i, style: style, clip: rect)
            }
        }
        func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
        switch content {
        case .question(let prompt, let answer):
            // The answer's row stays at the bottom whatever the question's length.
            let (above, answerRow) = rect.height > 1 ? rect.takeBottom(1) : (rect, rect)
            let question = wrap(["?"] + words(prompt).map { glyphs.text($0) }, width: above.width, lines: above.height)
            for (i, line) in question.enumerated() where rect.height > 1 { canvas.write(line, x: above.x, y: above.y + i, style: .accent, clip: above) }
            let input = ["your answer: \(answer)▏", "(Enter: check; Esc or empty Enter: skip)"].map { glyphs.text($0) }
            for (i, line) in wrap(input, width: answerRow.width, lines: 1).enumerated() {
                canvas.write(line, x: answerRow.x, y: answerRow.y + i, style: .accent, clip: answerRow)
            }
        case .classQuestion(let prompt, let answer):
            lines(["?"] + words(prompt) + ["", "your answer: \(answer)▏", "(Enter send ⸱ Esc or empty Enter skip)"], .accent)
        case .answerSent(let prompt, let given):
            lines(["?"] + words(prompt) + ["", given, "⸱", "the", "lecturer", "reveals", "it"], .accent)
        case .verdict(let verdict):
            lines(words(verdict), verdict.hasPrefix("right") || verdict.hasPrefix("Right") ? .good : .bad)
        case .failure(let failure):
            lines(["⚠"] + words(failure), .bad)
        case .note(let text, let mark, let holds, let paused):
            // A note written for the run before `z` or a fork is marked, and dimmed, rather than said as true.
            // The mark in full where the rows hold it and the note, else in short (`[before z]`):
            // the caption keeps its rows, so the layout does not jump on the first `z`, `<` or `>`.
            let tail = paused ? " " + Self.pauseMarker : nil
            let fits = { (mark: String) in
                wrap(Self.captionWords(text, mark: mark).map { glyphs.text($0) }, width: rect.width, lines: rect.height + 1, tail: tail).count
                    <= rect.height
            }
            let shown = holds ? nil : mark.map { fits($0.full) ? $0.full : $0.short }
            lines(Self.captionWords(text, mark: shown), holds ? .caption : .dim, tail: tail)
        case .summary(let summary):
            lines(words(summary), .dim)
        }
    }
}

/// The `?` overlay: every key, from the key map, as it applies to this scenario; it scrolls
/// where the terminal is too short for all of it.
public struct HelpOverlay: Panel {
    /// Each binding's keys and what they do in this scenario (`v` names its views).
    public var entries: [(label: String, help: String)]
    /// Rows scrolled away (↑ ↓ where the help does not fit).
    public var scroll: Int
    public var glyphs: Glyphs

    public init(entries: [(label: String, help: String)], scroll: Int, glyphs: Glyphs) {
        self.entries = entries
        self.scroll = scroll
        self.glyphs = glyphs
    }

    /// The line under the keys, on the screen and on the printed sheet (docs/keys.md).
    public static let countingNote = "epochs and samples count from 0, as range() and the progress lines do"

    /// (keys, what they do) rows, then the closing lines (`note`, drawn dim). A text wider than
    /// `textWidth` goes on in rows of its own under it, broken between words, never cut.
    static func rows(_ entries: [(label: String, help: String)], textWidth: Int) -> [(label: String, text: String, note: Bool)] {
        let all = entries.map { ($0.label, $0.help, false) } + [
            ("", "", true),
            ("", countingNote, true),
            ("", "any other key closes this help", true),
        ]
        return all.flatMap { label, text, note in
            let words = text.split(separator: " ").map(String.init)
            guard textWidth > 8, displayWidth(of: text) > textWidth, !words.isEmpty else { return [(label, text, note)] }
            // wrap starts the first row with a space and indents the others by two.
            return wrap(words, width: textWidth, lines: Int.max).enumerated().map { i, row in
                (i == 0 ? label : "", String(row.dropFirst(i == 0 ? 1 : 0)), note)
            }
        }
    }

    /// The text column starts 12 cells into the overlay, inside its border.
    static func width(in area: Rect) -> Int { min(area.width, 72) }
    static func textWidth(in area: Rect) -> Int { width(in: area) - 2 - 12 }

    /// The overlay's box for `rowCount` rows, centred in `area`.
    static func frame(rowCount: Int, area: Rect) -> Rect {
        let width = width(in: area), height = min(area.height, rowCount + 2)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    /// Rows that do not fit in `area` (0 when the help fits whole).
    static func hiddenRows(_ entries: [(label: String, help: String)], in area: Rect) -> Int {
        let count = rows(entries, textWidth: textWidth(in: area)).count
        return max(0, count - frame(rowCount: count, area: area).inset(by: 1).height)
    }

    public func render(into canvas: inout Canvas, rect area: Rect) {
        let all = Self.rows(entries, textWidth: Self.textWidth(in: area))
        let rect = Self.frame(rowCount: all.count, area: area)
        canvas.fill(rect)
        let hidden = max(0, all.count - rect.inset(by: 1).height)
        let scroll = min(self.scroll, hidden)
        let title = hidden == 0 ? "keys" : "keys (↑ ↓ scroll: \(scroll + 1)–\(scroll + rect.inset(by: 1).height) of \(all.count))"
        canvas.drawBox(rect, glyphs: glyphs, style: .accent, title: title)
        let inner = rect.inset(by: 1)
        for (i, row) in all.dropFirst(scroll).enumerated() where inner.y + i < inner.maxY {
            canvas.write(row.label, x: inner.x + 1, y: inner.y + i, style: .accent, clip: inner)
            canvas.write(row.text, x: inner.x + 12, y: inner.y + i, style: row.note ? .dim : .normal, clip: inner)
        }
    }
}

/// Lays words out in at most `lines` rows of `width` columns, breaking only between words (a
/// word is never split); later rows are indented, and what does not fit ends the last row with
/// "…". `tail` (such as `[space: go on]`) is one word that always shows whole, at the end.
/// `laterWidth`: the columns of the rows after the first, where a caller adds to them.
func wrap(_ words: [String], width firstWidth: Int, lines: Int, tail: String? = nil, laterWidth: Int? = nil) -> [String] {
    let all = words + (tail.map { [$0] } ?? [])
    var rows: [String] = []
    var current = ""
    // The row's width and whether it holds only spaces, kept as words are added (measuring the
    // whole row again for every word made a long caption quadratic). A space never joins the
    // character before it into one cluster, so the widths add up.
    var currentWidth = 0, blank = true
    var index = 0
    while index < all.count {
        let width = rows.isEmpty ? firstWidth : laterWidth ?? firstWidth
        let word = " " + all[index]
        let candidateWidth = currentWidth + displayWidth(of: word)
        if candidateWidth <= width || blank {
            current += word
            currentWidth = candidateWidth
            blank = blank && word.allSatisfy { $0 == " " }
            index += 1
            continue
        }
        if rows.count >= lines - 1 { break }
        rows.append(current)
        current = "  "
        currentWidth = 2
        blank = true
    }
    if index < all.count {
        let width = rows.isEmpty ? firstWidth : laterWidth ?? firstWidth
        // Out of rows: end on a whole word, an ellipsis where words are left out, and the tail.
        let wordsLeftOut = index < words.count
        let end = (wordsLeftOut ? " …" : "") + (tail.map { " " + $0 } ?? "")
        while displayWidth(of: current + end) > width, let space = current.lastIndex(of: " "), space > current.startIndex {
            current = String(current[..<space])
        }
        current += end
    }
    rows.append(current)
    return rows
}
