extension Canvas {
    /// Draws a frame around `rect` with an optional title in its top edge.
    public mutating func drawBox(_ rect: Rect, glyphs: Glyphs, style: Style = .border, title: String? = nil,
                                 titleStyle: Style = .strong, clip: Rect? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let clip = clip ?? bounds
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            put(glyphs.horizontal, x: x, y: rect.y, style: style, clip: clip)
            put(glyphs.horizontal, x: x, y: rect.maxY - 1, style: style, clip: clip)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(glyphs.vertical, x: rect.x, y: y, style: style, clip: clip)
            put(glyphs.vertical, x: rect.maxX - 1, y: y, style: style, clip: clip)
        }
        put(glyphs.topLeft, x: rect.x, y: rect.y, style: style, clip: clip)
        put(glyphs.topRight, x: rect.maxX - 1, y: rect.y, style: style, clip: clip)
        put(glyphs.bottomLeft, x: rect.x, y: rect.maxY - 1, style: style, clip: clip)
        put(glyphs.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: style, clip: clip)
        if let title, rect.width > 4 {
            let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1).intersection(clip)
            write(" \(title) ", x: rect.x + 1, y: rect.y, style: titleStyle, clip: inner)
        }
    }
}
