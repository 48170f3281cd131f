import Autograd
import Scenario
import TextCanvas

/// The scenario's watch expressions (e.g. W2 @ W1 beside W) on the params as they are at the
/// cursor: how `collapse` shows two layers and one layer ending on the same line. The values are
/// worked out by `update` (`values(of:record:names:updated:)`), once per change of the params shown.
public struct WatchPanel: Panel {
    public var glyphs: Glyphs = .unicode
    public var watch: [WatchExpression]
    /// Each expression's value, nil where it could not be computed.
    public var results: [(values: [Double], shape: Shape)?]

    public init(watch: [WatchExpression], results: [(values: [Double], shape: Shape)?]) {
        self.watch = watch
        self.results = results
    }

    /// Each watch expression on the params as they are at the event: after their update once it happened.
    public static func values(of watch: [WatchExpression], record: StepRecord, names: NodeNames,
                              updated: (Int) -> Bool) -> [(values: [Double], shape: Shape)?] {
        let parameters = (0..<record.parameterCount).map { p in
            (name: names[p], values: updated(p) ? record.paramsAfter[p] : record.paramsBefore[p], shape: record.nodes[p].shape)
        }
        return watch.map { try? $0.program.evaluate(parameters: parameters) }
    }

    /// One line per watched expression in `width` columns: as many entries as fit, never a cut number.
    public func lines(width: Int = 80) -> [String] {
        let labelWidth = watch.map(\.text.count).max() ?? 0
        return watch.indices.map { i in
            let label = watch[i].text.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            guard i < results.count, let result = results[i] else { return "\(label) = ?" }
            let room = width - labelWidth - 3
            if result.values.count == 1 { return "\(label) = " + NumberFormat.compact(result.values[0], maxWidth: max(6, min(8, room))) }
            let all = "[" + result.values.map { NumberFormat.compact($0, maxWidth: 8) }.joined(separator: " ") + "]"
            return "\(label) = " + (all.count <= room ? all : TensorText.entries(result.values, width: room) ?? "[…]")
        }
    }

    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let inner = rect.inset(by: 1)
        let fits = min(watch.count, inner.height)
        canvas.drawBox(rect, glyphs: glyphs, title: fits < watch.count ? "watch: \(fits) of \(watch.count) fit" : "watch")
        for (i, line) in lines(width: inner.width - 1).enumerated() where inner.y + i < inner.maxY {
            canvas.write(line, x: inner.x + 1, y: inner.y + i, style: i % 2 == 0 ? .value : .update, clip: inner)
        }
    }
}
