import TextCanvas

/// A framed box of text that scrolls (the code and transcript panes): the frame with its title,
/// the inside cleared of an earlier frame's text, and each row's text cut with an ellipsis to the
/// room it has, never past the frame.
struct TextBox {
    /// The inside of the frame.
    let inner: Rect
    let ellipsis: Character

    /// Draws the frame in `rect` and clears its inside; nil when nothing fits inside.
    init?(_ title: String, rect: Rect, glyphs: Glyphs, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return nil }
        canvas.drawBox(rect, glyphs: glyphs, title: title)
        inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return nil }
        canvas.fill(inner)  // the text scrolls: nothing of an earlier frame may show through
        ellipsis = glyphs.horizontal.isASCII ? "~" : "…"
    }

    /// Writes `text` on `row` of the inside from column `x`, cut to the room up to the frame;
    /// returns the canvas column after it.
    @discardableResult
    func write(_ text: String, row: Int, x: Int, style: Style, into canvas: inout Canvas) -> Int {
        canvas.write(GraphText.fit(text, width: inner.width - x, ellipsis: ellipsis), x: inner.x + x, y: inner.y + row, style: style, clip: inner)
    }
}
