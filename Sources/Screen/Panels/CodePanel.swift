import PyTorchCode
import Scenario
import TextCanvas

/// The scenario as the lecture's PyTorch code with the line being executed lit up: `l = loss(x, y)`
/// through forward, `l.backward()` through backward, each param's update line at its update.
///
/// At the step's first update event the `print('\tgrad:', …)` line is lit too (it ran just before,
/// which is when the transcript pane prints it); at the step's last update event the zero_grad
/// line(s) are lit too (they run right after the last update, before the next event); at the last
/// event of an epoch `print('progress:', …)` is lit as well. The event's own line is the primary
/// highlight (inverse), the others are secondary (active).
public struct CodePanel: Panel {
    public var glyphs: Glyphs = .unicode
    /// The lines lit at one event: the event's own line, and the lines that ran with it.
    public struct Highlight: Equatable, Sendable {
        public var line: Int?
        public var also: [Int]

        public init(line: Int?, also: [Int] = []) {
            self.line = line
            self.also = also
        }

        public var all: [Int] { (line.map { [$0] } ?? []) + also }
    }

    public var listing: CodeListing
    public var event: TimelineEvent
    public var stepsPerEpoch: Int
    public var template: [(phase: NoteMoment.Phase, node: Int)]
    /// False draws the zero_grad lines struck out (the scenario's `zero_grad = false`, or the `z` key).
    public var zeroesGrad: Bool
    /// The lr in force at the event when a `<` / `>` fork changed it: written where the listing
    /// writes the scenario's lr; nil keeps the listing's own text.
    public var forkedLR: String?
    /// The lines a fork of the model (`A`, `O`) changed in this listing: drawn strong, and where the
    /// listing scrolls past them, written whole above it (a lecturer pressing A sees tanh in the code).
    public var forked: [Int] = []

    public init(listing: CodeListing, event: TimelineEvent, stepsPerEpoch: Int,
                template: [(phase: NoteMoment.Phase, node: Int)], zeroesGrad: Bool = true) {
        self.listing = listing
        self.event = event
        self.stepsPerEpoch = stepsPerEpoch
        self.template = template
        self.zeroesGrad = zeroesGrad
    }

    /// The pane for the run's cursor event, with the lr in force there.
    public init(listing: CodeListing, run: TrainingRun, event: TimelineEvent) {
        self.init(listing: listing, event: event, stepsPerEpoch: run.stepsPerEpoch,
                  template: run.template, zeroesGrad: run.zeroesGrad)
        let lr = run.lr(atStep: event.step)
        if lr.value != run.scenario.train.lr.value { forkedLR = lr.text }
    }

    /// The index of the event's own line in `listing`, if the listing has one.
    public static func line(for event: TimelineEvent, in listing: CodeListing, stepsPerEpoch: Int,
                            template: [(phase: NoteMoment.Phase, node: Int)]) -> Int? {
        highlight(for: event, in: listing, stepsPerEpoch: stepsPerEpoch, template: template).line
    }

    /// Every line lit at `event` (see the type's comment for which and why).
    public static func highlight(for event: TimelineEvent, in listing: CodeListing, stepsPerEpoch: Int,
                                 template: [(phase: NoteMoment.Phase, node: Int)]) -> Highlight {
        switch event.phase {
        case .forward:
            return Highlight(line: listing.index(of: .lossCall))
        case .backward:
            return Highlight(line: listing.index(of: .backward))
        case .update:
            // One update line per param (plain SGD), or one `optimizer.step()` for all.
            let own = listing.index(of: .update(param: event.node)) ?? listing.index(of: .update(param: nil))
            var also: [Int] = []
            let updates = template.indices.filter { template[$0].phase == .update }
            if event.indexInStep == updates.first, let print = listing.index(of: .gradPrint) { also.append(print) }
            if event.indexInStep == updates.last {
                also += listing.indices { if case .zeroGrad = $0 { return true } else { return false } }
                let endOfEpoch = event.batch == max(1, stepsPerEpoch) - 1 && event.indexInStep == template.count - 1
                if endOfEpoch, let progress = listing.index(of: .progressPrint) { also.append(progress) }
            }
            return Highlight(line: own, also: also)
        }
    }

    var highlight: Highlight {
        Self.highlight(for: event, in: listing, stepsPerEpoch: stepsPerEpoch, template: template)
    }

    /// The first line shown: the whole training loop stays in view when it fits (so the view does
    /// not jump as the highlight moves), otherwise the event's own line is kept near the middle.
    static func top(listing: CodeListing, highlight: Highlight, height: Int) -> Int {
        let count = listing.lines.count
        guard height > 0, count > height else { return 0 }
        let lit = highlight.all
        let loopStart = listing.index(of: .epochLoop) ?? lit.min() ?? 0
        let loopEnd = listing.index(of: .progressPrint) ?? lit.max() ?? 0
        let spanStart = min(loopStart, lit.min() ?? loopStart)
        let spanEnd = max(loopEnd, lit.max() ?? loopEnd)
        var top: Int
        if spanEnd - spanStart + 1 <= height {
            // The loop at the bottom of the view, with as much of the defs above it as fits.
            top = min(spanStart, spanEnd + 1 - height + min(2, count - 1 - spanEnd))
        } else {
            top = (highlight.line ?? spanStart) - height / 2
        }
        return min(max(0, top), count - height)
    }

    /// `text` in `width` columns keeping both ends when it is wider: the call it opens and what
    /// the fork changed at its end (`optimizer = torch.optim.SGD(…, momentum=0.9)`).
    static func keepingEnds(_ text: String, width: Int, ellipsis: Character) -> String {
        guard displayWidth(of: text) > width else { return text }
        guard let open = text.firstIndex(of: "(") else { return GraphText.fit(text, width: width, ellipsis: ellipsis) }
        let head = String(text[...open])
        let room = width - displayWidth(of: head) - 1
        guard room >= 8 else { return GraphText.fit(text, width: width, ellipsis: ellipsis) }
        return head + String(ellipsis) + String(text.suffix(room))
    }

    /// Renders the listing in a frame titled "code" into `rect`.
    public func render(into canvas: inout Canvas, rect: Rect) {
        guard let box = TextBox("code", rect: rect, glyphs: glyphs, into: &canvas) else { return }
        let inner = box.inner
        let lit = highlight
        let ascii = glyphs.horizontal.isASCII
        let textWidth = inner.width - 2  // a column for the ▶ marker, one space
        var top = Self.top(listing: listing, highlight: lit, height: inner.height)
        // The fork's lines the listing scrolls past, written above it (at most a third of the rows).
        let outside = forked.filter { $0 < top || $0 >= top + inner.height }
        let ellipsis: Character = ascii ? "~" : "…"
        let pinned = outside.prefix(inner.height / 3).map { i in
            let code = listing.lines[i].text.trimmingCharacters(in: .whitespaces)
            let note = "  # forked"
            return textWidth - note.count >= 24 ? Self.keepingEnds(code, width: textWidth - note.count, ellipsis: ellipsis) + note
                : Self.keepingEnds(code, width: textWidth, ellipsis: ellipsis)
        }
        if !pinned.isEmpty {
            top = Self.top(listing: listing, highlight: lit, height: inner.height - pinned.count)
            for (row, text) in pinned.enumerated() { box.write(text, row: row, x: 2, style: .strong, into: &canvas) }
        }
        for row in pinned.count..<inner.height {
            let index = top + row - pinned.count
            guard index < listing.lines.count else { break }
            let line = listing.lines[index]
            let text = forkedLR.map { line.text(lr: $0) } ?? line.text
            let y = inner.y + row
            let isOwn = index == lit.line
            let isLit = isOwn || lit.also.contains(index)
            let skipped = !zeroesGrad && { if case .zeroGrad = line.role { return true } else { return false } }()
            let base: Style = isOwn ? .inverse : isLit ? .active : skipped ? .dim : forked.contains(index) ? .strong : .normal
            if isLit { canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base) }
            if isOwn { canvas.put(glyphs.arrowRight, x: inner.x, y: y, style: base, clip: inner) }
            guard textWidth > 0 else { continue }
            if skipped {
                // Struck out: commented, with the reason beside it.
                let indent = text.prefix { $0 == " " }
                let code = indent + "# " + text.dropFirst(indent.count)
                let note = (ascii ? "  <- " : "  ← ") + "skipped: grads pile up"
                let end = box.write(String(code), row: row, x: 2, style: base, into: &canvas)
                if end < inner.maxX { box.write(note, row: row, x: end - inner.x, style: .bad, into: &canvas) }
            } else {
                let shown = forked.contains(index) && line.role == .other ? Self.keepingEnds(text, width: textWidth, ellipsis: ascii ? "~" : "…") : text
                box.write(shown, row: row, x: 2, style: base, into: &canvas)
            }
        }
    }
}
