import Foundation
import Autograd
import Scenario
import TextCanvas

/// The active event as the lecture's arithmetic: z = x·w = 2.0 × 1.0 = 2.0, its local
/// derivatives, the chain-rule product on the way back, and the params table.
public struct InspectorPanel: Panel {
    public var glyphs: Glyphs = .unicode
    public var record: StepRecord
    public var event: TimelineEvent
    public var names: NodeNames
    public var lr: Literal
    public var optimizer: Optimizer
    public var template: [(phase: NoteMoment.Phase, node: Int)]
    public var zeroesGrad = true
    /// What one update step trains on, as its part of an accumulated grad is named: `this sample`,
    /// `this batch`, or `this step` when the step is the whole data (never `this sample` then).
    public var thisStep = "this sample"
    /// The scenario's number type, as the check names it (`float32`).
    public var dtypeName = "float32"
    /// The finite-difference check of the active param's gradient, when there is one.
    public var check: GradientCheck.Result?
    /// The neuron view's chain rule for one weight, after the step's own lines.
    public var weightRule: [(String, Style)] = []
    /// The rule in fewer words and terms, for a box too short for `weightRule`.
    public var weightRuleTerse: [(String, Style)] = []
    /// Numbers in four significant digits and the update in fewer lines: set by the layout when
    /// the full text does not fit.
    var terse = false
    /// How far the grids are scrolled (↑ ↓ { }).
    public var gridScroll = GridScroll()
    /// The entries the neuron view's weight rule is about (node id → row-major index): lit in
    /// backward instead of the largest.
    public var discussed: [Int: Int] = [:]

    public init(record: StepRecord, event: TimelineEvent, names: NodeNames, lr: Literal, optimizer: Optimizer,
                template: [(phase: NoteMoment.Phase, node: Int)]) {
        self.template = template
        self.record = record
        self.event = event
        self.names = names
        self.lr = lr
        self.optimizer = optimizer
    }

    func s(_ v: Double) -> String { terse ? NumberFormat.compact(v, maxWidth: 10, significantDigits: 4) : NumberFormat.short(v) }
    /// A number after an operator: negatives in parentheses, as one writes 0.01 × (−2.0).
    func o(_ v: Double) -> String { v < 0 || (v == 0 && v.sign == .minus) ? "(\(s(v)))" : s(v) }
    func t(_ node: Int) -> String { TensorText.describe(record.value(node), record.nodes[node].shape) }
    func g(_ values: [Double], _ node: Int) -> String { TensorText.describe(values, record.nodes[node].shape) }

    /// What exists at the event: the one clock every line of the panel asks.
    var state: EventState {
        EventState(record: record, moments: StepMoments(template: template, nodeCount: record.nodes.count), now: event.indexInStep)
    }

    /// The step's chain rule as sentences (the one builder the quiz reads too).
    var rule: ChainRule { ChainRule(record: record, names: names) }
    /// A sentence in this panel's characters: ASCII folded term by term for `--ascii`.
    func text(_ sentence: Sentence) -> String { sentence.text(ascii: !glyphs.usesBraille, digits: terse ? 4 : nil) }

    /// The explanation lines, each with its style.
    public var lines: [(String, Style)] {
        let id = event.node
        guard id < record.nodes.count else { return [] }
        let node = record.nodes[id]
        let z = names[id]
        switch event.phase {
        case .forward:
            if node.op.isLeaf {
                return [("Forward ⸱ \(z) arrives", .strong), ("\(z) = \(t(id))", .value)]
            }
            var result: [(String, Style)] = [("Forward ⸱ node \(names.opLabel(id)) computes \(z)", .strong)]
            let (symbols, numbers) = rule.forward(id)
            if let numbers {
                result.append((text(symbols + [.text(" = ")] + numbers + [.text(" = "), .number(record.value(id)[0])]), .value))
            } else {
                result.append((text(symbols + [.text("   "), .shape(node.shape)]), .value))
                result.append(("  = \(t(id))", .value))
            }
            return result + rule.kept(id).map { (text($0), .normal) }
        case .backward:
            if id < record.parameterCount {
                var result: [(String, Style)] = [("Backward ⸱ \(record.gradFn(id) ?? "AccumulateGrad") into param \(z)", .strong)]
                if let before = record.gradsBefore[id], before.contains(where: { $0 != 0 }) {
                    // Not zeroed: .grad is the sum, and this sample's ∂loss/∂w is only its last part.
                    result.append(("∂loss/∂\(z) = \(g(sampleGrad(id), id)) (\(thisStep))", .gradient))
                    let sum = before.count == 1 ? "\(s(before[0])) + \(o(sampleGrad(id)[0])) = " : ""
                    result.append(("\(z).grad = \(sum)\(g(record.grad(id), id)): grads accumulate", .bad))
                } else {
                    result.append(("\(z).grad = ∂loss/∂\(z) = \(g(record.grad(id), id))", .gradient))
                    if let paths = rule.arrivals(id) { result.append((text(paths), .gradient)) }
                }
                return result
            }
            let upstream = record.grad(id)
            let upstreamName = id == record.lossNode ? "∂loss/∂loss" : "∂loss/∂\(z)"
            let arrives = id == record.lossNode ? "∂loss/∂loss = 1 (backward starts here)" : "\(upstreamName) = \(g(upstream, id)) arrives\(terse ? "" : " from downstream")"
            // PyTorch's grad_fn for the node (what `print(z.grad_fn)` names), short enough for 80 columns.
            let title = record.gradFn(id).map { "Backward ⸱ \(names.opLabel(id)) \(z) ⸱ \($0)" } ?? "Backward ⸱ node \(names.opLabel(id)) \(z): chain rule"
            var result: [(String, Style)] = [(title, .strong), (arrives, .gradient)]
            if let paths = rule.arrivals(id) { result.append((text(paths), .gradient)) }
            for send in rule.sends(id) {
                // Short of rows, what passes through unchanged (`· 1`) is said in words, not written twice.
                if terse, upstream.count > 1, send.numbers == [.text("    = "), .tensor(upstream, node.shape)] {
                    result.append((text(send.rule + [.text(", the same "), .shape(node.shape)]), .gradient))
                    continue
                }
                result.append((text(send.rule), .gradient))
                result.append((text(send.numbers), .gradient))
                if let entry = send.entry { result.append((text(entry), .gradient)) }
            }
            return result
        case .update:
            return updateLines(id)
        }
    }

    /// This step's own ∂loss/∂param: what backward sent it this time (its .grad may hold earlier steps too).
    func sampleGrad(_ p: Int) -> [Double] {
        let sent = record.backward.messages.filter { $0.to == p }.map(\.contribution)
        guard let first = sent.first else { return record.grad(p) }
        return sent.dropFirst().reduce(first) { sum, part in zip(sum, part).map { $0 + $1 } }
    }

    /// The check: the central finite difference and backward, both in float64, with ✓ when they
    /// agree to 1e-6 relative and ✗ past it ("check in float64: finite difference -2.0" / "  vs
    /// backward -2.0 ✓ (relative diff. 8e-11)"). Where the grad column's float32 number (this
    /// step's part of it) differs from float64's backward by more than that, a line says by how much:
    /// that is float32 arithmetic, not the check.
    func checkLines(_ c: GradientCheck.Result) -> [String] {
        let mark = c.agrees() ? "✓" : "✗"
        let relative = "relative diff. \(NumberFormat.compact(c.relativeDifference, maxWidth: 7))"
        func d(_ v: Double) -> String { NumberFormat.compact(v, maxWidth: 14, significantDigits: 9) }
        let isParam = c.parameter < record.parameterCount
        // Under `z` the grad column holds earlier steps too; the check is about this step's part.
        let float32 = isParam ? sampleGrad(c.parameter) : c.backward
        let part = isParam && float32 != record.grad(c.parameter) ? "\(thisStep)'s " : ""
        var lines: [String]
        if c.finiteDifference.count == 1, let fd = c.finiteDifference.first, let bw = c.backward.first {
            lines = fd == 0 && bw == 0 ? ["check in float64: finite difference and backward both 0 \(mark)"]
                : ["check in float64: finite difference \(d(fd))", "  vs \(part)backward \(d(bw)) \(mark) (\(relative))"]
        } else {
            // A big tensor is checked at some entries (the largest gradients and a spread): said, not hidden.
            let some = c.isWhole ? "" : " (\(c.entries.count) of \(c.backward.count) entries)"
            lines = ["check in float64: finite differences vs \(part)backward", "  \(mark) largest \(relative)\(some)"]
        }
        // Rounding, not the check: measured without the finite difference's noise floor.
        let apart = GradientCheck.difference(float32, c.backward).relative
        if apart > GradientCheck.tolerance {
            let size = apart >= 0.01 ? "\(Int(clamping: (apart * 100).rounded(), to: 0...Int.max))%" : NumberFormat.compact(apart, maxWidth: 7)
            lines.append("  \(part.isEmpty ? "the grad column" : "\(thisStep)'s part") (\(dtypeName)) is \(size) off it: rounding")
        }
        return lines
    }

    /// Where each part goes inside the box: the explanation's rows (wrapped at words), the
    /// grids of the active tensor and the params table, by priority when they do not all fit.
    struct Layout {
        var text: [(line: String, style: Style)] = []
        var grids: [(grid: TensorGrid, rect: Rect)] = []
        var table: [(String, Style)] = []
        var tableTop = 0
        /// Said where the table would be, when it did not fit.
        var tableNote: Int?
    }

    /// The explanation first (in fewer digits when the full ones do not fit), then the tensor
    /// being discussed as a grid, then the params table at the bottom, then the other grid.
    func layout(in inner: Rect) -> Layout {
        var result = Layout()
        guard !inner.isEmpty else { return result }
        var panel = self
        var text = panel.textRows(width: inner.width - 1, lines: Int.max)
        if text.count > inner.height && !terse {
            panel.terse = true
            text = panel.textRows(width: inner.width - 1, lines: Int.max)
        }
        if text.count > inner.height { text = panel.fittedRows(width: inner.width - 1, height: inner.height) }
        result.text = text
        var free = inner.height - text.count
        let grids = panel.grids
        var heights: [Int] = []
        if let first = grids.first, free >= 2 {
            heights.append(min(first.fullHeight, free))
            free -= heights[0]
        }
        let table = paramsTable(width: inner.width - 1)
        let tableGap = inner.height >= 10 ? 1 : 0
        if free >= table.count + (text.isEmpty && heights.isEmpty ? 0 : tableGap) {
            result.table = table
            result.tableTop = inner.maxY - table.count
            free -= table.count + tableGap
        } else if free >= 1 && inner.height >= 2 && heights.isEmpty {
            result.tableNote = inner.maxY - 1
        }
        // The other grid whole, or at least three of its rows (a row or two would say little).
        if grids.count > 1, heights.count == 1, free >= min(grids[1].fullHeight, 4) {
            heights.append(min(grids[1].fullHeight, free))
            free -= heights[1]
        }
        // A blank row between the explanation and the grids when there is one to spare.
        var y = inner.y + text.count + (free > 0 && !text.isEmpty ? 1 : 0)
        for (grid, height) in zip(grids, heights) {
            result.grids.append((grid, Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: height)))
            y += height
        }
        return result
    }

    /// Joins the words of a shown tensor, `1×4 [0.4197 0.0 0.0 …]`, into one so a line never breaks
    /// inside its brackets (a row ending `[-0.0` reads as a different number); a tensor wider than a
    /// row keeps its words.
    static func keepingTensorsWhole(_ words: [String], width: Int) -> [String] {
        var result: [String] = []
        var index = 0
        while index < words.count {
            let isShape = words[index].contains("×") && index + 1 < words.count && words[index + 1].hasPrefix("[")
            let start = isShape ? index + 1 : index
            guard words[start].hasPrefix("["), let end = words[start...].firstIndex(where: { $0.contains("]") }) else {
                result.append(words[index])
                index += 1
                continue
            }
            let group = words[index...end].joined(separator: " ")
            if displayWidth(of: group) <= width {
                result.append(group)
            } else {
                result += words[index...end]
            }
            index = end + 1
        }
        return result
    }

    /// The explanation's lines wrapped at words into rows of `width` columns (later rows of a
    /// line indented), at most `lines` rows: the last ends in `…` when words are left out.
    func textRows(width: Int, lines limit: Int) -> [(line: String, style: Style)] {
        rows(of: lines + weightRule + checkText, width: width, lines: limit)
    }

    /// The check's lines, in the style of its verdict.
    var checkText: [(String, Style)] {
        guard let check else { return [] }
        let style: Style = check.agrees() ? .good : .bad
        return checkLines(check).map { ($0, style) }
    }

    /// The explanation in a box too short for all of it. In backward the neuron view's weight rule
    /// keeps its rows, numbers included (they are the view's point: at 80×24 they were the part
    /// left out), in its terse form when it is still too long; the step's own lines give way above it, their last row ending in `…`. In the
    /// update the step's own lines come first: the update's numbers (`sgd: W2 … → …`) are its point.
    func fittedRows(width: Int, height: Int) -> [(line: String, style: Style)] {
        guard !weightRule.isEmpty, event.phase == .backward, height >= 2 else { return textRows(width: width, lines: height) }
        // A rule longer than the box is written tersely (no heading, fewer terms) before rows are cut.
        let whole = rows(of: weightRule, width: width, lines: Int.max)
        let rule = whole.count <= height - 1 || weightRuleTerse.isEmpty ? Array(whole.prefix(height - 1))
            : rows(of: weightRuleTerse, width: width, lines: height - 1)
        var own = rows(of: lines, width: width, lines: Int.max)
        let room = height - rule.count
        if own.count > room {
            own = Array(own.prefix(room))
            if var last = own.popLast() {
                // The row's own indent stays; words give way to the ellipsis (`...` under --ascii).
                let ellipsis = " " + glyphs.text("…")
                while displayWidth(of: last.line + ellipsis) > width, let space = last.line.lastIndex(of: " "),
                      last.line[..<space].contains(where: { $0 != " " }) {
                    last.line = String(last.line[..<space])
                }
                own.append((last.line + ellipsis, last.style))
            }
        }
        let check = rows(of: checkText, width: width, lines: height - own.count - rule.count)
        return own + rule + (own.count + rule.count < height ? check : [])
    }

    /// `text` wrapped at words into rows of `width` columns, at most `limit` rows.
    func rows(of text: [(String, Style)], width: Int, lines limit: Int) -> [(line: String, style: Style)] {
        var rows: [(line: String, style: Style)] = []
        for (line, style) in text where rows.count < limit {
            let indent = String(line.prefix { $0 == " " })
            let wrapWidth = width - max(0, indent.count - 1)
            let words = Self.keepingTensorsWhole(line.split(separator: " ").map { glyphs.text($0) }, width: wrapWidth - 2)
            // wrap starts rows with one space; the line's own indent replaces it on the first row
            // and comes before the later rows' own indent (so they have a column less).
            for (i, row) in wrap(words, width: wrapWidth, lines: limit - rows.count, laterWidth: width - indent.count).enumerated() {
                rows.append((indent + row.dropFirst(i == 0 ? 1 : 0), style))
            }
        }
        return rows
    }

    /// Renders the explanation, the active tensor's grids and the params table into `rect`. The
    /// table sits at the box's bottom, so it stays put while the text above it changes length.
    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.drawBox(rect, glyphs: glyphs, title: "inspector")
        let inner = rect.inset(by: 1)
        let plan = layout(in: inner)
        for (i, row) in plan.text.enumerated() {
            canvas.write(row.line, x: inner.x + 1, y: inner.y + i, style: row.style, clip: inner)
        }
        for (grid, area) in plan.grids {
            grid.render(into: &canvas, rect: area.intersection(inner), glyphs: glyphs)
        }
        if let y = plan.tableNote {
            canvas.write("(the params table needs a taller terminal)", x: inner.x + 1, y: y, style: .dim, clip: inner)
        }
        for (i, (line, style)) in plan.table.enumerated() {
            canvas.write(line, x: inner.x + 1, y: plan.tableTop + i, style: i == 0 ? .dim : style, clip: inner)
        }
    }

    /// param · value · grad · after the update, in columns as wide as `width` allows (24 at most):
    /// a wider column shows more entries of a tensor.
    public func paramsTable(width: Int = 80) -> [(String, Style)] {
        let nameWidth = max(5, (0..<record.parameterCount).map { names[$0].count }.max() ?? 5)
        let column = min(24, max(8, (width - nameWidth - 2) / 3))
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
        var rows: [(String, Style)] = [(pad("param", nameWidth) + "  " + pad("value", column) + pad("grad", column) + (column < 14 ? "updated" : "after update"), .dim)]
        let state = self.state
        for p in 0..<record.parameterCount {
            let shape = record.nodes[p].shape
            // What exists at the event (the one clock): .grad None, held, or this step's; the update once made.
            let gradText = state.grad(p).values.map { TensorText.describe($0, shape, width: column - 2) } ?? "None"
            let updated = state.isUpdated(p)
            rows.append((pad(names[p], nameWidth) + "  " + pad(TensorText.describe(record.paramsBefore[p], shape, width: column - 2), column)
                         + pad(gradText, column) + (updated ? TensorText.describe(record.paramsAfter[p], shape, width: column - 2) : ""),
                         p == event.node ? .active : .normal))
        }
        return rows
    }
}
