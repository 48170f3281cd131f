import Foundation
import Scenario
import TextCanvas

/// Loss per epoch as a braille line with labelled axes, switching to a log scale when the loss spans decades;
/// after a fork of lr (`<` / `>`) the earlier run's curve is drawn dimmed under it, on the same axes;
/// with held-out samples (`test_fraction`, `test_file`) their loss is a second curve in its own
/// style, and the title row turns into a legend with both last values (`train 0.147 test 0.115`).
///
/// Layout, top to bottom: a title row (`loss (log)`, the current epoch's loss, a `nan`/`inf` note),
/// the plot with y labels at top, middle and bottom, the x axis, and the row `0  epoch  99`.
/// Rows and labels drop out as the rectangle shrinks; nothing is drawn outside it.
///
/// A linear axis spans the finite losses, from 0 when the smallest is below a tenth of the largest.
/// On a log scale, zero and negative losses cannot be placed: they are drawn on the bottom row (clamped
/// to the smallest positive loss), and when no loss is positive the plot falls back to linear.
public struct LossPlot: Sendable, Equatable, Panel {
    /// How the y axis maps losses to rows.
    public enum Scale: Sendable, Equatable, CaseIterable {
        case linear
        case log
        /// Log when the finite positive losses span more than two decades, linear otherwise.
        case auto
    }

    /// The mean loss of each epoch so far, epoch 0 first; may hold nan and ±inf.
    public var values: [Double]
    /// The x axis spans epochs 0...totalEpochs-1 from the start, so the line grows to the right.
    public var totalEpochs: Int
    /// The epoch the animation is in: a dotted vertical line, and its point drawn as a marker.
    public var currentEpoch: Int?
    public var scale: Scale
    public var glyphs: Glyphs
    /// The run before a fork of lr: its mean loss per epoch, drawn dimmed (empty: no fork).
    public var earlier: [Double]
    /// What the dimmed curve was (`lr 0.1`), said in the title row when there is room.
    public var earlierLabel: String?
    /// The held-out samples' loss after each epoch (empty: the scenario holds none out).
    public var test: [Double]

    public init(values: [Double], totalEpochs: Int, currentEpoch: Int? = nil, scale: Scale = .auto,
                glyphs: Glyphs = .unicode, earlier: [Double] = [], earlierLabel: String? = nil, test: [Double] = []) {
        self.values = values
        self.test = test
        self.earlier = earlier
        self.earlierLabel = earlierLabel
        self.totalEpochs = totalEpochs
        self.currentEpoch = currentEpoch
        self.scale = scale
        self.glyphs = glyphs
    }

    /// The scale actually drawn: `.linear` or `.log`, never `.auto`.
    public var resolvedScale: Scale { Self.resolvedScale(scale, for: values, earlier, test) }

    /// Resolves `.auto` (log iff the finite positive values span more than two decades); `.log` with no
    /// positive value falls back to `.linear`.
    /// (A long run has millions of losses: they are read in place, never copied or joined.)
    public static func resolvedScale(_ scale: Scale, for values: [Double], _ more: [Double] = [], _ evenMore: [Double] = []) -> Scale {
        var low = Double.infinity, high = -Double.infinity
        for list in [values, more, evenMore] {
            for v in list where v.isFinite && v > 0 {
                if v < low { low = v }
                if v > high { high = v }
            }
        }
        guard low <= high else { return .linear }
        switch scale {
        case .linear: return .linear
        case .log: return .log
        case .auto: return high / low > 100 ? .log : .linear
        }
    }

    /// Draws the plot into `area` of `canvas`.
    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        let axis = YAxis(values: [values, earlier, test], scale: resolvedScale)
        let epochs = max(1, totalEpochs, values.count, earlier.count, test.count, (currentEpoch ?? -1) + 1)

        var frame = PlotFrame(area: area)
        let labels = axis.map { $0.labels(rows: frame.plotRows.height, maxWidth: area.width >= 30 ? 7 : 5) } ?? []
        frame.place(labels.map { PlotFrame.YLabel(row: $0.row, text: $0.text) })
        let plot = frame.inner
        let axisRow = frame.axisRow
        frame.drawAxes(into: &canvas, glyphs: glyphs)
        frame.drawXLabels(left: "0", name: "epoch", nameStyle: .dim, right: epochs > 1 ? String(epochs - 1) : nil, into: &canvas)

        var grid = DotGrid(width: plot.width, height: plot.height, braille: glyphs.usesBraille)
        if let axis {
            // The earlier run underneath, then the test loss: where curves share a cell, the training loss's style wins.
            plotLine(earlier, layer: 0, on: &grid, axis: axis, epochs: epochs)
            plotLine(test, layer: 1, on: &grid, axis: axis, epochs: epochs)
            plotLine(values, layer: 2, on: &grid, axis: axis, epochs: epochs)
        }
        grid.draw(into: &canvas, at: plot, styles: [.dim, .plotTest, .plot], points: [".", Self.testPoint, glyphs.plotPoint], clip: area)

        if let current = currentEpoch, current >= 0, !plot.isEmpty {
            drawMarker(into: &canvas, epoch: current, epochs: epochs, plot: plot, grid: grid,
                       axis: axis, axisRow: axisRow, clip: area)
        }
        if let titleRow = frame.titleRow { drawTitle(into: &canvas, row: titleRow, hasAxis: axis != nil) }
        if axis == nil, !values.isEmpty, !plot.isEmpty {
            let message = "loss is " + nonFiniteKinds.joined(separator: " / ")
            let row = plot.y + (plot.height - 1) / 2
            let column = plot.x + max(0, (plot.width - displayWidth(of: message)) / 2)
            canvas.write(message, x: column, y: row, style: .bad, clip: plot)
        }
    }

    private var nonFiniteKinds: [String] {
        var kinds: [String] = []
        if values.contains(where: \.isNaN) { kinds.append("nan") }
        if values.contains(where: { $0.isInfinite }) { kinds.append("inf") }
        return kinds
    }

    /// The test curve's point without braille (the training curve's is the glyph set's `plotPoint`).
    static let testPoint: Character = "+"

    private func plotLine(_ values: [Double], layer: Int, on grid: inout DotGrid, axis: YAxis, epochs: Int) {
        // Each epoch's dot is worked out as it is reached (one ahead for `next`), not kept for all
        // epochs: a run of 10^6 epochs would hold 24 MB of them for one frame.
        func point(_ epoch: Int) -> (x: Int, y: Int)? {
            guard epoch >= 0, epoch < values.count else { return nil }
            return axis.dotRow(values[epoch], dots: grid.dotHeight).map { (Self.dotColumn(epoch: epoch, epochs: epochs, dots: grid.dotWidth), $0) }
        }
        var previous: (x: Int, y: Int)? = nil
        var current = point(0)
        for index in values.indices {
            let next = point(index + 1)
            defer { previous = current; current = next }
            guard let point = current else { continue } // nan or inf: skipped, and no line bridges the gap
            if let previous {
                grid.line(from: previous, to: point, layer: layer)
            } else if next == nil && grid.braille {
                // A point alone between gaps would be one faint dot: draw it as a short dash.
                grid.set(x: point.x & ~1, y: point.y, layer: layer)
                grid.set(x: point.x | 1, y: point.y, layer: layer)
            } else {
                grid.set(x: point.x, y: point.y, layer: layer)
            }
        }
    }

    static func dotColumn(epoch: Int, epochs: Int, dots: Int) -> Int {
        guard epochs > 1, dots > 1 else { return 0 }
        let position = Double(epoch) / Double(epochs - 1) * Double(dots - 1)
        return Int(clamping: position.rounded(), to: 0...(dots - 1))
    }

    private func drawMarker(into canvas: inout Canvas, epoch: Int, epochs: Int, plot: Rect, grid: DotGrid,
                            axis: YAxis?, axisRow: Rect?, clip: Rect) {
        let perCell = glyphs.usesBraille ? 2 : 1
        let column = plot.x + Self.dotColumn(epoch: epoch, epochs: epochs, dots: grid.dotWidth) / perCell
        let dotted: Character = glyphs.usesBraille ? "┊" : ":"
        for row in plot.y..<plot.maxY where grid.isEmpty(cellX: column - plot.x, cellY: row - plot.y) {
            canvas.put(dotted, x: column, y: row, style: .dim, clip: clip)
        }
        if let axisRow { canvas.put(glyphs.teeUp, x: column, y: axisRow.y, style: .accent, clip: clip) }
        if epoch < values.count, let axis, let dot = axis.dotRow(values[epoch], dots: grid.dotHeight) {
            canvas.put(glyphs.marker, x: column, y: plot.y + dot / (glyphs.usesBraille ? 4 : 1), style: .accent, clip: clip)
        }
    }

    private func drawTitle(into canvas: inout Canvas, row: Rect, hasAxis: Bool) {
        var title = resolvedScale == .log && hasAxis ? "loss (log)" : "loss"
        if displayWidth(of: title) > row.width { title = "loss" }
        if !test.isEmpty {
            drawLegend(into: &canvas, row: row, title: title)
            return
        }
        let titleEnd = canvas.write(title, x: row.x, y: row.y, style: .strong, clip: row)

        // Right-aligned notes, the most important last so it survives a narrow panel: the current value, then nan/inf.
        var notes: [(text: String, style: Style)] = []
        if let current = currentEpoch, current >= 0, current < values.count {
            let value = values[current]
            notes.append(("epoch \(current): " + NumberFormat.compact(value, maxWidth: 8, significantDigits: 3), value.isFinite ? .accent : .bad))
        }
        if let earlierLabel, !earlier.isEmpty { notes.insert(("dimmed: " + earlierLabel, .dim), at: 0) }
        let nan = values.filter(\.isNaN).count
        let inf = values.filter { $0.isInfinite }.count
        // In words a class reads: "nan in 3 epochs", "nan in 11, inf in 10 epochs" ("nan" for one).
        var warning: [String] = []
        if nan > 0 { warning.append(nan == 1 ? "nan" : "nan in \(nan)") }
        if inf > 0 { warning.append(inf == 1 ? "inf" : "inf in \(inf)") }
        if !warning.isEmpty { notes.append((warning.joined(separator: ", ") + (max(nan, inf) > 1 ? " epochs" : ""), .bad)) }

        var right = row.maxX
        for note in notes.reversed() {
            let width = displayWidth(of: note.text)
            guard right - width >= titleEnd + 2 else { break }
            canvas.write(note.text, x: right - width, y: row.y, style: note.style, clip: row)
            right -= width + 2
        }
    }
}

extension LossPlot {
    /// With a test curve the title row is its legend: each curve's name in its style with its last
    /// value (`loss  train 0.147 test 0.115`), right-aligned; without braille each name carries its
    /// curve's point. Where the row is narrow the title goes first, then the values; the names stay.
    fileprivate func drawLegend(into canvas: inout Canvas, row: Rect, title: String) {
        func last(_ list: [Double]) -> String {
            list.last.map { " " + NumberFormat.compact($0, maxWidth: 7, significantDigits: 3) } ?? ""
        }
        let marks = glyphs.usesBraille ? ("", "") : (String(glyphs.plotPoint), String(Self.testPoint))
        let spaced: [(String, Style)] = [(marks.0 + "train" + last(values), .plot), (" ", .normal),
                                         (marks.1 + "test" + last(test), .plotTest)]
        let bare: [(String, Style)] = [(marks.0 + "train", .plot), (" ", .normal), (marks.1 + "test", .plotTest)]
        let width = { (parts: [(String, Style)]) in parts.reduce(0) { $0 + displayWidth(of: $1.0) } }
        let titled = displayWidth(of: title) + 2
        let choice: (parts: [(String, Style)], title: Bool)? =
            width(spaced) + titled <= row.width ? (spaced, true)
            : width(spaced) <= row.width ? (spaced, false)
            : width(bare) + titled <= row.width ? (bare, true)
            : width(bare) <= row.width ? (bare, false) : nil
        guard let choice else {
            canvas.write(title, x: row.x, y: row.y, style: .strong, clip: row)
            return
        }
        if choice.title { canvas.write(title, x: row.x, y: row.y, style: .strong, clip: row) }
        var x = row.maxX - width(choice.parts)
        for (text, style) in choice.parts { x = canvas.write(text, x: x, y: row.y, style: style, clip: row) }
    }
}

/// The y mapping of a plot: linear or log10, from the finite (positive, on log) losses.
private struct YAxis {
    let log: Bool
    let low: Double   // in mapped units: the value itself, or its log10
    let high: Double

    /// Nil when there is nothing finite to place.
    init?(values lists: [[Double]], scale: LossPlot.Scale) {
        let isLog = scale == .log
        log = isLog
        var low = Double.infinity, high = -Double.infinity
        for list in lists {
            for v in list where v.isFinite && (!isLog || v > 0) {
                let mapped = isLog ? log10(v) : v
                if mapped < low { low = mapped }
                if mapped > high { high = mapped }
            }
        }
        guard low <= high else { return nil }
        // A linear loss axis that nearly reaches zero reads best from zero (`0.0`, not `1e-12`).
        if !isLog, low > 0, low < high * 0.1 { low = 0 }
        if low == high {
            if log {
                low -= 1
                high += 1
            } else if low > 0 {
                low = 0
                high *= 2
            } else if low < 0 {
                high = 0
                low *= 2
            } else {
                high = 1
            }
        }
        self.low = low
        self.high = high
    }

    /// Where `value` sits from 0 (bottom) to 1 (top); nil for nan and inf.
    func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let mapped: Double
        if log {
            mapped = value > 0 ? log10(value) : low
        } else {
            mapped = value
        }
        // Halves keep `high - low` finite even for ±1e308.
        let t = (mapped * 0.5 - low * 0.5) / (high * 0.5 - low * 0.5)
        guard t.isFinite else { return nil }
        return min(1, max(0, t))
    }

    func value(atFraction t: Double) -> Double {
        let mapped = low * (1 - t) + high * t
        guard log else { return mapped }
        // pow(10, log10(x)) may round past the largest double: keep labels finite.
        return min(pow(10, mapped), .greatestFiniteMagnitude)
    }

    /// The dot row (0 at the top) of `value` in a grid `dots` rows high.
    func dotRow(_ value: Double, dots: Int) -> Int? {
        guard dots > 0, let t = fraction(value) else { return nil }
        return Int(clamping: ((1 - t) * Double(dots - 1)).rounded(), to: 0...(dots - 1))
    }

    /// Labels for the top and bottom rows, and the middle one when there are five rows or more; as few
    /// significant digits as keep them apart.
    func labels(rows: Int, maxWidth: Int) -> [(row: Int, text: String)] {
        guard rows > 0 else { return [] }
        var picks: [(row: Int, fraction: Double)] = [(0, 1)]
        if rows >= 2 { picks.append((rows - 1, 0)) }
        if rows >= 5 {
            let middle = rows / 2
            // The value at the middle of that cell row.
            picks.append((middle, 1 - (Double(middle) + 0.5) / Double(rows)))
        }
        var texts: [String] = []
        for digits in 2...4 {
            texts = picks.map { NumberFormat.compact(value(atFraction: $0.fraction), maxWidth: maxWidth, significantDigits: digits) }
            var seen: [String] = []
            for text in texts where !seen.contains(text) { seen.append(text) }
            if seen.count == texts.count { break }
        }
        return zip(picks, texts).map { ($0.row, $1) }
    }
}
