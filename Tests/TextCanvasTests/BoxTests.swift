import Testing
import TextCanvas

@Test func boxWithTitleInUnicode() {
    var canvas = Canvas(width: 12, height: 4, fill: Cell("x"))
    canvas.drawBox(Rect(x: 1, y: 0, width: 10, height: 4), glyphs: .unicode, title: "loss")
    #expect(canvas.lines == [
        "x┌ loss ──┐x",
        "x│xxxxxxxx│x",
        "x│xxxxxxxx│x",
        "x└────────┘x",
    ])
    #expect(canvas[1, 0].style == .border)
    #expect(canvas[3, 0].style == .strong)
}

@Test func boxInAsciiClippedByTheCanvas() {
    var canvas = Canvas(width: 4, height: 3)
    canvas.drawBox(Rect(x: 1, y: 1, width: 5, height: 5), glyphs: .ascii)
    #expect(canvas.lines == ["    ", " +--", " |  "])
}

@Test func longTitleStaysInsideTheFrame() {
    var canvas = Canvas(width: 8, height: 2)
    canvas.drawBox(canvas.bounds, glyphs: .ascii, title: "a very long title")
    #expect(canvas.lines == ["+ a ver+", "+------+"])
}

@Test func boxTooSmallDrawsNothing() {
    var canvas = Canvas(width: 3, height: 3, fill: Cell("x"))
    canvas.drawBox(Rect(x: 0, y: 0, width: 1, height: 3), glyphs: .unicode)
    canvas.drawBox(Rect(x: 0, y: 0, width: 3, height: 1), glyphs: .unicode)
    #expect(canvas.text == "xxx\nxxx\nxxx")
}
