import TextCanvas

/// The one shape of every panel: given what it shows (at init), it draws into a rectangle of a
/// canvas and never sees the terminal or the app's state beyond that. A panel draws nothing
/// outside its rect, at any size down to 0×0.
public protocol Panel {
    /// Box drawing, arrows and plot dots: Unicode, or plain ASCII for `--ascii`.
    var glyphs: Glyphs { get set }
    func render(into canvas: inout Canvas, rect: Rect)
}

extension Panel {
    /// Draws with other glyphs (tests and callers that choose them per frame).
    public func render(into canvas: inout Canvas, rect: Rect, glyphs: Glyphs) {
        var panel = self
        panel.glyphs = glyphs
        panel.render(into: &canvas, rect: rect)
    }
}
