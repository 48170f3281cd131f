import Testing
import TextCanvas

/// × folds by where it stands, the same on every path (text, cells, a folded canvas, the ANSI
/// writer): between two digits a shape's `x`, anywhere else a product's `*`.
struct AsciiFoldTimesTests {
    @Test func aShapeIsWrittenWithAnXAndAProductWithAStar() {
        #expect(AsciiFold.text("1×4 2×4 10×10 1×1") == "1x4 2x4 10x10 1x1")
        #expect(AsciiFold.text("0.01 × (-2.0)") == "0.01 * (-2.0)")
        #expect(AsciiFold.text("W1 5×6  (3×1 × 1×8 = 3×8)") == "W1 5x6  (3x1 * 1x8 = 3x8)")
        #expect(AsciiFold.text("x×w") == "x*w", "letters either side: a product")
        #expect(AsciiFold.text("×4") == "*4" && AsciiFold.text("4×") == "4*", "a line's end is no digit")
        #expect(AsciiFold.text("2²×4") == "2^2*4", "only ASCII digits make a shape")
    }

    @Test func cellsAndOneCharacterFoldAsTextDoes() {
        #expect(AsciiFold.cells("1×4 [0.1] × 2") == "1x4 [0.1] * 2")
        #expect(AsciiFold.fold("×") == "*", "alone, × is a product")
        #expect(AsciiFold.fold("×", after: "2", before: "4") == "x")
        #expect(AsciiFold.fold("×", after: " ", before: "4") == "*")
    }

    @Test func aFoldedCanvasReadsEachCellsNeighbours() {
        var canvas = Canvas(width: 16, height: 1)
        canvas.write("1×4 × 2 10×10", x: 0, y: 0)
        #expect(canvas.asciiFolded().line(0) == "1x4 * 2 10x10   ")
    }

    @Test func theAnsiWriterFoldsAsTheCanvasDoes() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.write("1×4 × 2", x: 0, y: 0)
        let text = AnsiText(theme: .dark, ascii: true).frame(canvas, after: nil)
        #expect(text.contains("1x4 * 2"), "\(text.debugDescription)")
    }
}
