import Foundation
import Scenario
import TextCanvas

/// The loss landscape of one batch: a braille curve of loss against one scalar param with the
/// current point, its tangent and the update step, or a shaded map for two scalar params.
///
/// Draws inside `rect` (the caller draws the frame, as for the loss plot). The range is chosen
/// around the current value so that it holds the updated value and, when one is near, the minimum.
public struct LandscapePanel: Panel {
    /// One scalar param: its value before the update, its gradient, and its value after.
    public struct Axis: Sendable, Equatable {
        public var name: String
        public var value: Double
        public var grad: Double
        public var updated: Double

        public init(name: String, value: Double, grad: Double, updated: Double) {
            self.name = name
            self.value = value
            self.grad = grad
            self.updated = updated
        }
    }

    /// What is drawn: the loss as a function of one or two params, or nothing for other models.
    public enum Model {
        case one(Axis, loss: (Double) -> Double)
        case two(Axis, Axis, loss: (Double, Double) -> Double)
        case unavailable
    }

    public static let unavailableMessage = "the landscape needs a model with one or two scalar params"

    public var model: Model
    /// The learning rate as the scenario writes it, for the title (`−0.01·grad`).
    public var lr: String
    public var glyphs: Glyphs

    public init(model: Model, lr: String, glyphs: Glyphs = .unicode) {
        self.model = model
        self.lr = lr
        self.glyphs = glyphs
    }

    /// The panel for a step of a scenario: the loss of the step's batch in float64 around the
    /// params before the update (`record.paramsBefore`, `record.grad`, `record.paramsAfter`).
    public static func make(scenario: Scenario, record: StepRecord, names: NodeNames, lr: Literal? = nil,
                            glyphs: Glyphs = .unicode) -> LandscapePanel {
        let lr = (lr ?? scenario.train.lr).text
        let count = record.parameterCount
        guard (1...2).contains(count), record.paramsBefore.count == count, record.paramsAfter.count == count,
              (0..<count).allSatisfy({ record.nodes[$0].shape.count == 1 && record.paramsBefore[$0].count == 1
                                         && record.paramsAfter[$0].count == 1 }),
              let surface = LossSurface(scenario: scenario, params: record.paramsBefore, batch: record.batch)
        else { return LandscapePanel(model: .unavailable, lr: lr, glyphs: glyphs) }
        let axes = (0..<count).map { p in
            Axis(name: names[p], value: record.paramsBefore[p][0], grad: record.grad(p).first ?? .nan,
                 updated: record.paramsAfter[p][0])
        }
        let first = LossSurface.Coordinate(parameter: 0)
        if count == 1 {
            return LandscapePanel(model: .one(axes[0], loss: { surface.loss(with: [(first, $0)]) }), lr: lr, glyphs: glyphs)
        }
        let second = LossSurface.Coordinate(parameter: 1)
        return LandscapePanel(model: .two(axes[0], axes[1], loss: { surface.loss(with: [(first, $0), (second, $1)]) }),
                              lr: lr, glyphs: glyphs)
    }

    // MARK: the range

    /// Half the span shown when no minimum is in sight: the step several times over, and at least
    /// half the weight's own size, so a tiny step still shows the shape of the curve.
    static func baseRadius(_ a: Axis) -> Double {
        max(3 * abs(a.updated - a.value), 0.5 * max(1, abs(a.value)))
    }

    /// A range centred on the current value holding the updated value and `minimum` (when given), with a margin.
    /// `margin` is how far past the minimum the range goes, as a multiple of its distance.
    public static func range(for a: Axis, minimum: Double?, margin: Double = 1.25) -> ClosedRange<Double> {
        var radius = max(baseRadius(a), 1.25 * abs(a.updated - a.value))
        if let minimum, minimum.isFinite { radius = max(radius, margin * abs(minimum - a.value)) }
        radius = nice(radius)
        guard radius.isFinite, radius > 0 else { return a.value...a.value }
        return (a.value - radius)...(a.value + radius)
    }

    /// The next round number up (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5 × 10ⁿ), so the axis ends read easily.
    static func nice(_ r: Double) -> Double {
        guard r.isFinite, r > 0 else { return r }
        let scale = pow(10, (log10(r)).rounded(.down))
        let f = r / scale
        let step = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5].first { $0 >= f * (1 - 1e-12) } ?? 10
        return step * scale
    }

    /// Evenly spaced values from the range's start to its end, both included.
    static func samples(_ r: ClosedRange<Double>, count: Int) -> [Double] {
        guard count > 1 else { return [r.lowerBound] }
        return (0..<count).map { r.lowerBound + (r.upperBound - r.lowerBound) * Double($0) / Double(count - 1) }
    }

    /// Where the loss is least on a coarse scan of ±4 base radii, if that is inside the scan
    /// (a minimum on the scan's edge is not a minimum, just downhill).
    static func minimum(of a: Axis, loss: (Double) -> Double) -> Double? {
        let r = 4 * baseRadius(a)
        let xs = samples((a.value - r)...(a.value + r), count: 81)
        var best: (index: Int, loss: Double)?
        for (i, x) in xs.enumerated() {
            let l = loss(x)
            if l.isFinite, best.map({ l < $0.loss }) ?? true { best = (i, l) }
        }
        guard let best, best.index > 0, best.index < xs.count - 1 else { return nil }
        return xs[best.index]
    }

    /// The same for two params: of the near-lowest points of a 25×25 scan, the one closest to the
    /// current point (a valley of minima, as one sample gives, has no single lowest point).
    static func minimum(of a: Axis, _ b: Axis, loss: (Double, Double) -> Double) -> (Double, Double)? {
        let ra = 4 * baseRadius(a), rb = 4 * baseRadius(b)
        let xs = samples((a.value - ra)...(a.value + ra), count: 25)
        let ys = samples((b.value - rb)...(b.value + rb), count: 25)
        var points: [(i: Int, j: Int, loss: Double)] = []
        for (j, y) in ys.enumerated() {
            for (i, x) in xs.enumerated() {
                let l = loss(x, y)
                if l.isFinite { points.append((i, j, l)) }
            }
        }
        guard let low = points.map(\.loss).min(), let high = points.map(\.loss).max() else { return nil }
        let near = points.filter { $0.loss <= low + 0.001 * (high - low) && $0.i > 0 && $0.i < 24 && $0.j > 0 && $0.j < 24 }
        let closest = near.min { p, q in
            pow(Double(p.i - 12), 2) + pow(Double(p.j - 12), 2) < pow(Double(q.i - 12), 2) + pow(Double(q.j - 12), 2)
        }
        return closest.map { (xs[$0.i], ys[$0.j]) }
    }

    // MARK: sampling: every loss the drawing needs, evaluated once

    /// Draws the landscape into `rect`, sampling it first (the app samples in `update` instead).
    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        sampled(for: area).render(into: &canvas, rect: area)
    }

    /// The landscape with every loss its drawing in `area` needs already evaluated: the float64
    /// model runs here, so `update` calls this once per step and a frame only draws numbers.
    public func sampled(for area: Rect) -> LandscapePicture {
        let picture = { (content: LandscapePicture.Content) in LandscapePicture(area: area, content: content, lr: lr, glyphs: glyphs) }
        guard !area.isEmpty else { return picture(.message("")) }
        switch model {
        case .unavailable:
            return picture(.message(Self.unavailableMessage))
        case .one(let a, let loss):
            guard a.value.isFinite, a.updated.isFinite else {
                return picture(.message("\(a.name) is \(NumberFormat.short(a.value)): no landscape"))
            }
            return picture(sampleCurve(a, loss: loss, area: area))
        case .two(let a, let b, let loss):
            guard a.value.isFinite, a.updated.isFinite, b.value.isFinite, b.updated.isFinite else {
                return picture(.message("the params are not finite: no landscape"))
            }
            return picture(sampleMap(a, b, loss: loss, area: area))
        }
    }

    private func sampleCurve(_ a: Axis, loss: (Double) -> Double, area: Rect) -> LandscapePicture.Content {
        let xRange = Self.range(for: a, minimum: Self.minimum(of: a, loss: loss))
        var frame = PlotFrame(area: area)
        let dotsAcross = glyphs.usesBraille ? 2 : 1
        let plotWidthGuess = max(1, area.width - 7)
        let xs = Self.samples(xRange, count: plotWidthGuess * dotsAcross)
        let losses = xs.map(loss)
        let current = loss(a.value), next = loss(a.updated)
        let finite = (losses + [current, next]).filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return .message("the loss is not finite here") }
        // A loss that nearly reaches zero reads best from zero, as on the loss plot.
        if low > 0, low < 0.1 * high { low = 0 }
        if low == high { (low, high) = (low - max(1, abs(low)) * 0.5, high + max(1, abs(high)) * 0.5) }
        let rows = frame.plotRows.height
        frame.place([PlotFrame.YLabel(row: 0, text: LandscapePicture.s(high))]
                    + (rows >= 2 ? [PlotFrame.YLabel(row: rows - 1, text: LandscapePicture.s(low))] : []))
        // The curve at the plot's actual width, one loss per dot column.
        let dw = DotGrid(width: frame.inner.width, height: frame.inner.height, braille: glyphs.usesBraille).dotWidth
        let curve = dw == xs.count ? losses : (0..<dw).map { i in
            loss(xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(i) / Double(max(1, dw - 1)))
        }
        return .curve(LandscapePicture.Curve(axis: a, xRange: xRange, frame: frame, low: low, high: high, losses: curve,
                                             current: current, next: next))
    }

    private func sampleMap(_ a: Axis, _ b: Axis, loss: (Double, Double) -> Double, area: Rect) -> LandscapePicture.Content {
        let m = Self.minimum(of: a, b, loss: loss)
        // A wider margin than the curve's: a valley of minima (one sample, two params) then crosses the map.
        let xRange = Self.range(for: a, minimum: m?.0, margin: 1.75), yRange = Self.range(for: b, minimum: m?.1, margin: 1.75)
        var frame = PlotFrame(area: area, xAxis: false)
        let top = LandscapePicture.label(yRange.upperBound, span: yRange), bottom = LandscapePicture.label(yRange.lowerBound, span: yRange)
        let h = frame.plotRows.height
        var labels: [PlotFrame.YLabel] = []
        if h >= 1 { labels.append(PlotFrame.YLabel(row: 0, text: top, tick: false)) }
        if h >= 2 { labels.append(PlotFrame.YLabel(row: h - 1, text: bottom, tick: false)) }
        if h >= 3 { labels.append(PlotFrame.YLabel(row: h / 2, text: b.name, style: .strong, tick: false)) }
        frame.place(labels, reserving: [top, b.name, bottom])
        let map = frame.inner

        // Rows run top to bottom from the largest value of the second param.
        var grid: [[Double]] = []
        if !map.isEmpty {
            grid = (0..<map.height).map { row in
                let y = LandscapePicture.value(yRange, map.height - 1 - row, map.height)
                return (0..<map.width).map { column in loss(LandscapePicture.value(xRange, column, map.width), y) }
            }
        }
        return .map(LandscapePicture.Map(a: a, b: b, xRange: xRange, yRange: yRange, frame: frame, grid: grid))
    }
}

/// A landscape sampled for one area: every loss it shows is a number here, so drawing it is cheap
/// and pure (the landscape view keeps it, made in `update` once per step and size).
public struct LandscapePicture: Panel {
    struct Curve {
        var axis: LandscapePanel.Axis
        var xRange: ClosedRange<Double>
        var frame: PlotFrame
        var low: Double
        var high: Double
        /// The loss at each dot column of the plot.
        var losses: [Double]
        var current: Double
        var next: Double
    }

    struct Map {
        var a: LandscapePanel.Axis
        var b: LandscapePanel.Axis
        var xRange: ClosedRange<Double>
        var yRange: ClosedRange<Double>
        var frame: PlotFrame
        /// The loss at each cell of the map, top row first.
        var grid: [[Double]]
    }

    enum Content {
        case message(String)
        case curve(Curve)
        case map(Map)
    }

    /// Where it was sampled, and so where it draws.
    public let area: Rect
    let content: Content
    let lr: String
    public var glyphs: Glyphs
    /// What has happened at the event on screen (the one clock): the gradient (the tangent and
    /// `grad`) shows from the event that makes it, the step (the arrow and `→`) from the update.
    public var gradKnown = true
    public var updateKnown = true

    /// Draws into the area it was sampled for: `rect` must be that area (a picture sampled for
    /// another size would not fit, and draws nothing).
    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !area.isEmpty, rect == area else { return }
        switch content {
        case .message(let text): message(text, into: &canvas, area: area)
        case .curve(let curve): draw(curve, into: &canvas)
        case .map(let map): draw(map, into: &canvas)
        }
    }

    /// A message wrapped to the width, centred vertically.
    private func message(_ text: String, into canvas: inout Canvas, area: Rect) {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > area.width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, l) in lines.enumerated() {
            canvas.write(l, x: area.x + max(0, (area.width - l.count) / 2), y: top + i, style: .dim, clip: area)
        }
    }

    /// Writes the first of `options` that fits, right-aligned after `after`.
    private func writeRight(_ options: [String], row: Rect, after: Int, style: Style, into canvas: inout Canvas) {
        for text in options {
            let w = displayWidth(of: text)
            if row.maxX - w >= after + 2 {
                canvas.write(text, x: row.maxX - w, y: row.y, style: style, clip: row)
                return
            }
        }
    }

    static func s(_ v: Double) -> String { NumberFormat.compact(v, maxWidth: 8, significantDigits: 4) }
    private func s(_ v: Double) -> String { Self.s(v) }

    /// An axis end: 1 − 1.0000002 is 0 on an axis two units wide.
    static func label(_ v: Double, span r: ClosedRange<Double>) -> String {
        s(abs(v) < 1e-9 * (r.upperBound - r.lowerBound) ? 0 : v)
    }

    /// The value at the middle of cell `i` of `n` across a range.
    static func value(_ r: ClosedRange<Double>, _ i: Int, _ n: Int) -> Double {
        r.lowerBound + (r.upperBound - r.lowerBound) * (Double(i) + 0.5) / Double(max(1, n))
    }

    private func arrow(dx: Double, dy: Double) -> Character {
        abs(dx) >= abs(dy) ? (dx >= 0 ? glyphs.arrowRight : glyphs.arrowLeft) : (dy >= 0 ? glyphs.arrowDown : glyphs.arrowUp)
    }

    private func draw(_ c: Curve, into canvas: inout Canvas) {
        let a = c.axis, xRange = c.xRange, low = c.low, high = c.high, current = c.current, next = c.next
        let plot = c.frame.inner
        let dotsPerCell = glyphs.usesBraille ? (2, 4) : (1, 1)
        var dots = DotGrid(width: plot.width, height: plot.height, braille: glyphs.usesBraille)
        let dw = dots.dotWidth, dh = dots.dotHeight

        func dotX(_ x: Double) -> Double { (x - xRange.lowerBound) / max(.leastNormalMagnitude, xRange.upperBound - xRange.lowerBound) * Double(dw - 1) }
        func dotY(_ y: Double) -> Double { (1 - (y - low) / (high - low)) * Double(dh - 1) }

        if dw > 0 && dh > 0 {
            var previous: (Int, Int)?
            for i in 0..<min(dw, c.losses.count) {
                let l = c.losses[i]
                guard l.isFinite else { previous = nil; continue }
                let point = (i, cellIndex(dotY(l)))
                if let previous { dots.line(from: previous, to: point, layer: 0, clampEnds: true) } else { dots.set(x: point.0, y: point.1, layer: 0) }
                previous = point
            }
            // The tangent: slope = grad, a short segment through the current point, clipped to the plot.
            if gradKnown, a.grad.isFinite, current.isFinite {
                let half = 0.25 * (xRange.upperBound - xRange.lowerBound)
                var from = a.value - half, to = a.value + half
                if a.grad != 0 {
                    let xAtLow = a.value + (low - current) / a.grad, xAtHigh = a.value + (high - current) / a.grad
                    from = max(from, min(xAtLow, xAtHigh))
                    to = min(to, max(xAtLow, xAtHigh))
                }
                if from <= to {
                    let p = (cellIndex(dotX(from)), cellIndex(dotY(current + a.grad * (from - a.value))))
                    let q = (cellIndex(dotX(to)), cellIndex(dotY(current + a.grad * (to - a.value))))
                    dots.line(from: p, to: q, layer: 1, clampEnds: true)
                }
            }
        }
        let tangentGlyph: Character = a.grad > 0 ? "/" : a.grad < 0 ? "\\" : "-"
        dots.draw(into: &canvas, at: plot, styles: [.plot, .gradient], points: [glyphs.plotPoint, tangentGlyph], clip: area)

        // The current point and where the update takes it.
        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            (plot.x + cellIndex(dotX(x)) / dotsPerCell.0, plot.y + cellIndex(dotY(y)) / dotsPerCell.1)
        }
        var markerColumn: Int?
        if dw > 0, dh > 0, current.isFinite {
            let here = cell(a.value, current)
            markerColumn = here.0
            if updateKnown, a.updated != a.value, next.isFinite {
                var there = cell(a.updated, next)
                let dx = a.updated - a.value
                if there == here { there = (here.0 + (dx > 0 ? 1 : -1), here.1) }
                canvas.put(arrow(dx: dx, dy: 0), x: there.0, y: there.1, style: .update, clip: plot)
            }
            canvas.put(glyphs.marker, x: here.0, y: here.1, style: .accent, clip: plot)
        }

        c.frame.drawAxes(into: &canvas, glyphs: glyphs)
        if let axisRow = c.frame.axisRow, let markerColumn {
            canvas.put(glyphs.teeUp, x: markerColumn, y: axisRow.y, style: .accent, clip: area)
        }
        c.frame.drawXLabels(left: Self.label(xRange.lowerBound, span: xRange), name: a.name, nameStyle: .strong,
                            right: Self.label(xRange.upperBound, span: xRange), into: &canvas)
        if let titleRow = c.frame.titleRow {
            let end = canvas.write("loss vs \(a.name)", x: titleRow.x, y: titleRow.y, style: .strong, clip: titleRow)
            let move = updateKnown ? "\(a.name) \(s(a.value)) → \(s(a.updated))" : "\(a.name) = \(s(a.value))"
            let options = !gradKnown ? [move] : updateKnown ? ["\(move)  grad \(s(a.grad))  lr \(lr)", "\(move)  grad \(s(a.grad))", move]
                : ["\(move)  grad \(s(a.grad))", move]
            writeRight(options, row: titleRow, after: end, style: updateKnown ? .update : gradKnown ? .gradient : .value, into: &canvas)
        }
    }

    private func draw(_ m: Map, into canvas: inout Canvas) {
        let a = m.a, b = m.b, xRange = m.xRange, yRange = m.yRange, grid = m.grid
        let map = m.frame.inner
        let finite = grid.joined().filter(\.isFinite)
        let positive = finite.filter { $0 > 0 }
        let isLog = (positive.max() ?? 0) > 100 * (positive.min() ?? .infinity)
        let low = isLog ? log10(positive.min() ?? 1) : (finite.min() ?? 0)
        let high = isLog ? log10(positive.max() ?? 1) : (finite.max() ?? 0)
        let top = glyphs.shades.count - 1
        for (row, values) in grid.enumerated() {
            for (column, l) in values.enumerated() {
                guard l.isFinite else {
                    canvas.put("!", x: map.x + column, y: map.y + row, style: .bad, clip: map)
                    continue
                }
                let v = isLog ? (l > 0 ? log10(l) : low) : l
                let t = high > low ? (v - low) / (high - low) : 0
                // Low loss is light: the valley reads as open ground and the points stay visible in it.
                let level = top > 0 && t.isFinite ? Int(clamping: t * Double(top + 1), to: 0...top) : max(0, top)
                guard level < glyphs.shades.count else { continue }
                canvas.put(glyphs.shades[level], x: map.x + column, y: map.y + row, style: .plot, clip: map)
            }
        }

        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            let cx = (x - xRange.lowerBound) / max(.leastNormalMagnitude, xRange.upperBound - xRange.lowerBound) * Double(map.width)
            let cy = (yRange.upperBound - y) / max(.leastNormalMagnitude, yRange.upperBound - yRange.lowerBound) * Double(map.height)
            return (map.x + min(map.width - 1, max(0, cellIndex(cx.rounded(.down)))), map.y + min(map.height - 1, max(0, cellIndex(cy.rounded(.down)))))
        }
        if !map.isEmpty {
            let here = cell(a.value, b.value)
            var there = cell(a.updated, b.updated)
            // Screen rows grow downwards: a step up in the second param is an arrow up.
            let dx = (a.updated - a.value) / max(.leastNormalMagnitude, xRange.upperBound - xRange.lowerBound) * Double(map.width)
            let dy = -(b.updated - b.value) / max(.leastNormalMagnitude, yRange.upperBound - yRange.lowerBound) * Double(map.height)
            if updateKnown && (dx != 0 || dy != 0) {
                if there == here {
                    there = abs(dx) >= abs(dy) ? (here.0 + (dx > 0 ? 1 : -1), here.1) : (here.0, here.1 + (dy > 0 ? 1 : -1))
                }
                // The path between the points, so a long step reads as one move.
                let steps = max(abs(there.0 - here.0), abs(there.1 - here.1))
                if steps > 1 {
                    for k in 1..<steps {
                        let px = here.0 + Int(clamping: (Double(there.0 - here.0) * Double(k) / Double(steps)).rounded(), to: -abs(there.0 - here.0)...abs(there.0 - here.0))
                        let py = here.1 + Int(clamping: (Double(there.1 - here.1) * Double(k) / Double(steps)).rounded(), to: -abs(there.1 - here.1)...abs(there.1 - here.1))
                        canvas.put(glyphs.usesBraille ? "·" : ".", x: px, y: py, style: .update, clip: map)
                    }
                }
                canvas.put(arrow(dx: Double(there.0 - here.0), dy: Double(there.1 - here.1)), x: there.0, y: there.1, style: .update, clip: map)
            }
            canvas.put(glyphs.marker, x: here.0, y: here.1, style: .accent, clip: map)
        }

        m.frame.drawAxes(into: &canvas, glyphs: glyphs)
        m.frame.drawXLabels(left: Self.label(xRange.lowerBound, span: xRange), name: a.name, nameStyle: .strong,
                            right: Self.label(xRange.upperBound, span: xRange), into: &canvas)
        if let titleRow = m.frame.titleRow {
            let end = canvas.write(isLog ? "loss (log)" : "loss", x: titleRow.x, y: titleRow.y, style: .strong, clip: titleRow)
            let from = "(\(s(a.value)), \(s(b.value)))", to = "(\(s(a.updated)), \(s(b.updated)))"
            let options = updateKnown ? ["\(glyphs.marker) \(a.name), \(b.name) = \(from) → \(to)", "\(glyphs.marker) \(from) → \(to)", "\(from) → \(to)"]
                : ["\(glyphs.marker) \(a.name), \(b.name) = \(from)", "\(glyphs.marker) \(from)", from]
            writeRight(options, row: titleRow, after: end, style: updateKnown ? .update : .value, into: &canvas)
        }
    }
}

/// A dot or cell index from a coordinate: nan and huge values (a diverging model) must not trap in Int().
private func cellIndex(_ v: Double) -> Int {
    guard v.isFinite else { return -1 }
    return Int(clamping: v.rounded(), to: -1_000_000...1_000_000)
}
