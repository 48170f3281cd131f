import TextCanvas

/// The graph as rows of `name value` items in tape order, for terminals too short for boxes:
/// params and inputs first, then each op, the focused node in its style and kept in view.
public struct CompactGraph: Panel {
    public var glyphs: Glyphs = .unicode
    public var picture: GraphPicture
    public var focus: Int?

    public init(picture: GraphPicture, focus: Int?) {
        self.picture = picture
        self.focus = focus
    }

    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        // Items laid out in rows, wrapping at the rect's width.
        var rows: [[(text: String, style: Style, id: Int)]] = [[]]
        var used = 0
        for (i, box) in picture.nodes.enumerated() {
            let text = ([box.title] + box.lines).joined(separator: " ")
            let item = (i == 0 ? "" : " \(glyphs.arrowRight) ") + text
            let width = displayWidth(of: item)
            if used + width > rect.width && used > 0 {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append((item, box.style, box.id))
            used += width
        }
        let focusRow = rows.firstIndex { $0.contains { $0.id == focus } } ?? 0
        let first = max(0, min(focusRow - rect.height / 2, rows.count - rect.height))
        for (offset, row) in rows[first...].prefix(rect.height).enumerated() {
            var x = rect.x
            for item in row {
                x = canvas.write(item.text, x: x, y: rect.y + offset, style: item.style == .normal ? .value : item.style, clip: rect)
            }
        }
    }
}
