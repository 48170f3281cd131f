import Autograd
import Testing
import TextCanvas
@testable import Screen

/// Under `--ascii` a shape reads the same wherever the screen writes it (the inspector's
/// sentences, the parameter table, the chain rule): `1x4`, never `1*4` in one place and `1x4`
/// in another; a product is `*`.
struct AsciiShapeTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func xorWritesItsShapesWithAnX(_ width: Int, _ height: Int) throws {
        var state = try makeState("xor", width: width, height: height, options: AppOptions(glyphs: .ascii))
        state.seek(to: 26)  // backward: dloss/dz4 arrives as a 1x4 tensor
        let text = state.screenText
        #expect(text.contains("1x4"), "\(text)")
        let digitStarDigit = text.split(separator: "\n").filter { line in
            let c = Array(line)
            return c.indices.dropFirst().dropLast().contains { c[$0] == "*" && c[$0 - 1].isNumber && c[$0 + 1].isNumber }
        }
        #expect(digitStarDigit.isEmpty, "a shape written with *: \(digitStarDigit)")
    }

    @Test func aProductOfNumbersIsAStar() {
        let sentence: Sentence = [.number(-2.0), .times, .number(1.0), .text(" on a "), .shape(.init(rows: 1, cols: 4))]
        #expect(sentence.text(ascii: true) == "-2.0 * 1.0 on a 1x4")
        #expect(sentence.text() == "-2.0 × 1.0 on a 1×4")
    }
}
