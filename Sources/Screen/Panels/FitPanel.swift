import Scenario
import TextCanvas

/// The fit of a one-input model: the data points and the model's curve ŷ(x) over the input's
/// range in braille, the curve before the step's update dimmed behind it, and while a step's
/// forward and backward run, each of its samples' error (ŷ − y) as a line from the point to the curve.
public struct FitPanel: Panel {
    /// The curve with the params as they are now (its points and ranges are the view's).
    public var curve: FitCurve
    /// ŷ at the same inputs with the params before this step's update, once the update has changed one.
    public var before: [Double]?
    /// The step's samples (indices into the training points): drawn in the accent.
    public var batch: Range<Int>
    /// ŷ of each of the step's samples once forward has computed it, until the update moves the curve.
    public var predictions: [Double]?
    public var glyphs: Glyphs

    public init(curve: FitCurve, before: [Double]? = nil, batch: Range<Int> = 0..<0, predictions: [Double]? = nil,
                glyphs: Glyphs = .unicode) {
        self.curve = curve
        self.before = before
        self.batch = batch
        self.predictions = predictions
        self.glyphs = glyphs
    }

    /// The y range: every point, and the curves as far as they stay within one data height of
    /// the data (a diverging model leaves the plot rather than flatten the data to a line).
    func yRange() -> ClosedRange<Double> {
        let ys = (curve.points + curve.testPoints).map(\.y).filter(\.isFinite)
        var lo = ys.min() ?? -1, hi = ys.max() ?? 1
        let reach = max(hi - lo, 1)
        let curves = (curve.values + (before ?? []) + (predictions ?? [])).filter { $0.isFinite && $0 >= lo - reach && $0 <= hi + reach }
        lo = min(lo, curves.min() ?? lo)
        hi = max(hi, curves.max() ?? hi)
        let margin = (hi - lo) * 0.05
        return (lo - margin)...(hi + margin)
    }

    static func s(_ v: Double) -> String { NumberFormat.compact(v, maxWidth: 7, significantDigits: 3) }

    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        guard !area.isEmpty, curve.values.count > 1 else { return }
        let y = yRange(), x = curve.x
        var frame = PlotFrame(area: area)
        let rows = frame.plotRows.height
        frame.place([PlotFrame.YLabel(row: 0, text: Self.s(y.upperBound))]
                    + (rows >= 2 ? [PlotFrame.YLabel(row: rows - 1, text: Self.s(y.lowerBound))] : []))
        let plot = frame.inner
        if !plot.isEmpty {
            var dots = DotGrid(width: plot.width, height: plot.height, braille: glyphs.usesBraille)
            let dw = dots.dotWidth, dh = dots.dotHeight
            func dotX(_ v: Double) -> Int {
                Int(clamping: ((v - x.lowerBound) / (x.upperBound - x.lowerBound) * Double(dw - 1)).rounded(), to: -1...dw)
            }
            func dotY(_ v: Double) -> Int {
                Int(clamping: ((1 - (v - y.lowerBound) / (y.upperBound - y.lowerBound)) * Double(dh - 1)).rounded(), to: -1...dh)
            }
            func trace(_ values: [Double], layer: Int) {
                var previous: (x: Int, y: Int)?
                for i in 0..<dw {
                    let v = values[min(values.count - 1, Int((Double(i) / Double(max(1, dw - 1)) * Double(values.count - 1)).rounded()))]
                    guard v.isFinite else { previous = nil; continue }
                    let p = (x: i, y: dotY(v))
                    if let previous { dots.line(from: previous, to: p, layer: layer, clampEnds: true) } else { dots.set(x: p.x, y: p.y, layer: layer) }
                    previous = p
                }
            }
            if let before { trace(before, layer: 0) }
            trace(curve.values, layer: 1)
            if let predictions {
                for (k, i) in batch.enumerated() where i < curve.points.count && k < predictions.count && predictions[k].isFinite {
                    let p = curve.points[i]
                    dots.line(from: (dotX(p.x), dotY(p.y)), to: (dotX(p.x), dotY(predictions[k])), layer: 2, clampEnds: true)
                }
            }
            dots.draw(into: &canvas, at: plot, styles: [.dim, .plot, .gradient], points: [glyphs.plotPoint, glyphs.plotPoint, "|"], clip: plot)
            // The points over the lines: held-out ones hollow, the step's own in the accent.
            let across = glyphs.usesBraille ? 2 : 1, down = glyphs.usesBraille ? 4 : 1
            func put(_ p: FitCurve.Point, _ mark: Character, _ style: Style) {
                guard p.x.isFinite, p.y.isFinite else { return }
                let cx = dotX(p.x) / across, cy = dotY(p.y) / down
                guard cx >= 0, cy >= 0, cx < plot.width, cy < plot.height else { return }
                canvas.put(mark, x: plot.x + cx, y: plot.y + cy, style: style, clip: plot)
            }
            for p in curve.testPoints { put(p, "○", .dim) }
            for (i, p) in curve.points.enumerated() where !batch.contains(i) { put(p, "●", .strong) }
            for i in batch where i < curve.points.count { put(curve.points[i], "●", .accent) }
        }
        frame.drawAxes(into: &canvas, glyphs: glyphs)
        frame.drawXLabels(left: Self.s(x.lowerBound), name: curve.input, nameStyle: .strong, right: Self.s(x.upperBound), into: &canvas)
        if let titleRow = frame.titleRow {
            let held = curve.testPoints.isEmpty ? "" : " ○ held out"
            let options = before != nil
                ? ["● \(curve.target) ⠒ ŷ, dim before the update\(held)", "● \(curve.target) ⠒ ŷ, dim before\(held)", "● \(curve.target) ⠒ ŷ"]
                : predictions != nil ? ["● \(curve.target) ⠒ ŷ | ŷ - \(curve.target) of this step\(held)", "● \(curve.target) ⠒ ŷ | ŷ - \(curve.target)", "● \(curve.target) ⠒ ŷ"]
                : ["● \(curve.target) ⠒ ŷ\(held)", "● \(curve.target) ⠒ ŷ"]
            let text = options.first { displayWidth(of: $0) <= titleRow.width } ?? options[options.count - 1]
            canvas.write(text, x: titleRow.x, y: titleRow.y, style: .dim, clip: titleRow)
        }
    }
}
