import Testing
import TextCanvas

@Test func writeClipsAndReturnsTheNextColumn() {
    var canvas = Canvas(width: 6, height: 2, fill: Cell("x"))
    let next = canvas.write("hello world", x: 1, y: 0, clip: Rect(x: 0, y: 0, width: 4, height: 1))
    #expect(next == 12)
    #expect(canvas.lines == ["xhelxx", "xxxxxx"])
}

@Test func writeOutsideTheCanvasChangesNothing() {
    var canvas = Canvas(width: 3, height: 1, fill: Cell("x"))
    canvas.write("abc", x: 0, y: 5)
    canvas.write("abc", x: -2, y: 0)
    canvas.put("z", x: 3, y: 0)
    #expect(canvas.text == "cxx")
}

@Test func wideCharactersTakeTwoCellsAndPrintOnce() {
    var canvas = Canvas(width: 5, height: 1)
    canvas.write("a中b", x: 0, y: 0)
    #expect(canvas[1, 0].character == "中")
    #expect(canvas[2, 0].isContinuation)
    #expect(canvas.line(0) == "a中b ")
}

@Test func wideCharacterCutByTheEdgeBecomesASpace() {
    var canvas = Canvas(width: 3, height: 1, fill: Cell("x"))
    canvas.write("ab中", x: 0, y: 0)
    #expect(canvas.line(0) == "ab ")
}

@Test func textTrimsTrailingSpacesOnly() {
    var canvas = Canvas(width: 6, height: 2)
    canvas.write(" a b", x: 0, y: 0)
    #expect(canvas.text == " a b\n")
}

@Test func fillAndRestyleStayInsideTheCanvas() {
    var canvas = Canvas(width: 4, height: 3)
    canvas.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: "#", style: .dim)
    canvas.restyle(Rect(x: 3, y: 2, width: 5, height: 5), .bad)
    #expect(canvas.lines == ["    ", "  ##", "  ##"])
    #expect(canvas[2, 2].style == .dim)
    #expect(canvas[3, 2] == Cell("#", .bad))
}

@Test func blitCopiesAtAnOffsetWithClipping() {
    var small = Canvas(width: 2, height: 2, fill: Cell("o"))
    small.put("+", x: 1, y: 1)
    var canvas = Canvas(width: 4, height: 3, fill: Cell("."))
    canvas.blit(small, x: 3, y: 1)
    #expect(canvas.lines == ["....", "...o", "...o"])
}

@Test func runsGroupCellsOfEqualStyle() {
    var canvas = Canvas(width: 8, height: 1)
    canvas.write("ab", x: 0, y: 0, style: .value)
    canvas.write("中d", x: 2, y: 0, style: .gradient)
    let runs = canvas.runs(row: 0)
    #expect(runs.map(\.x) == [0, 2, 5])
    #expect(runs.map(\.text) == ["ab", "中d", "   "])
    #expect(runs.map(\.style) == [.value, .gradient, .normal])
    #expect(canvas.runs(row: 1).isEmpty)
}

@Test func changedRowsSinceThePreviousFrame() {
    var before = Canvas(width: 3, height: 3)
    before.write("abc", x: 0, y: 1)
    var after = before
    #expect(after.changedRows(since: before).isEmpty)
    after.restyle(Rect(x: 0, y: 2, width: 1, height: 1), .active)
    #expect(after.changedRows(since: before) == [2])
    #expect(after.changedRows(since: nil) == [0, 1, 2])
    #expect(after.changedRows(since: Canvas(width: 2, height: 3)) == [0, 1, 2])
}

@Test func emptyCanvasHasNoLines() {
    var canvas = Canvas(width: 0, height: 0)
    canvas.write("abc", x: 0, y: 0)
    canvas.fill(canvas.bounds, with: "x")
    #expect(canvas.lines.isEmpty && canvas.text == "")
    #expect(Canvas(width: -3, height: 2).width == 0)
}
