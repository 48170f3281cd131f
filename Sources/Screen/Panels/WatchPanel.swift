import Autograd
import Scenario
import TextCanvas

/// The scenario's watch expressions (e.g. W2 @ W1 beside W) on the params as they are at the
/// cursor: how `collapse` shows two layers and one layer ending on the same line.
public struct WatchPanel: Panel {
    public var glyphs: Glyphs = .unicode
    public var watch: [WatchExpression]
    public var parameters: [(name: String, values: [Double], shape: Shape)]

    public init(watch: [WatchExpression], record: StepRecord, names: NodeNames, updated: (Int) -> Bool) {
        self.watch = watch
        parameters = (0..<record.parameterCount).map { p in
            (names[p], updated(p) ? record.paramsAfter[p] : record.paramsBefore[p], record.nodes[p].shape)
        }
    }

    /// One line per watched expression in `width` columns: as many entries as fit, never a cut number.
    public func lines(width: Int = 80) -> [String] {
        let labelWidth = watch.map(\.text.count).max() ?? 0
        return watch.map { w in
            let label = w.text.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            guard let result = try? w.program.evaluate(parameters: parameters) else { return "\(label) = ?" }
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
