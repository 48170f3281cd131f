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

/// Under `--ascii` the dot between the parts of a title or a line reads as a bar, and a product's
/// dot as `*` (it was `*` for both: `Backward * + z4 * AddBackward0`); Unicode shows `·` for both.
struct AsciiSeparatorTests {
    @Test func theSeparatorIsABarAndTheProductAStar() throws {
        var ascii = try makeState("xor", width: 120, height: 40, options: AppOptions(glyphs: .ascii))
        ascii.seek(to: 26)
        let text = ascii.screenText
        #expect(text.contains("Backward | + z4 | AddBackward0"), "\(text)")
        #expect(text.contains("graph | f: whole graph"), "\(text)")
        #expect(text.contains("dloss/dz3 = dloss/dz4 * 1"), "\(text)")
        var unicode = try makeState("xor", width: 120, height: 40)
        unicode.seek(to: 26)
        #expect(unicode.screenText.contains("Backward · + z4 · AddBackward0"))
        #expect(!unicode.screenText.contains(SeparatorDot.marked), "the marked dot is drawn as ·")
    }

    @Test func aTeachersOwnDotStaysAProduct() {
        #expect(AsciiFold.text("∂loss/∂w = ∂loss/∂y_pred · x") == "dloss/dw = dloss/dy_pred * x")
        #expect(AsciiFold.text("Forward \(SeparatorDot.marked) x arrives") == "Forward | x arrives")
    }
}

/// Under `--ascii` a node's title is measured as it is written: `σ h` is `sigmoid h`, too long for
/// a box or one-row node sized for `σ h`, so the name shows (`[y_pred]`), never `[sigmoid ]`.
struct AsciiGraphTitleTests {
    @Test func aTitleTooLongInAsciiGivesWayToTheName() throws {
        var state = try makeState("xor", width: 80, height: 24, options: AppOptions(glyphs: .ascii))
        state.press(.character("f"))
        let graph = state.screenText.split(separator: "\n").prefix { !$0.contains("inspector") }.joined(separator: "\n")
        #expect(!graph.contains("[sigmoid ]") && !graph.contains("[sig]"), "\(graph)")
        #expect(graph.contains("[y_pred") && graph.contains("[h"), "\(graph)")
        let title = GraphBox(id: 0, title: "sigmoid h", shortTitle: "σ h", name: "h")
        #expect(title.flatTitle(fitting: 4) == "σ h" && title.flatTitle(fitting: 4, ascii: true) == "h")
    }
}

/// Under `--ascii` a heat map's scale is measured as written (`±` is `+-`): whole, or not at all.
@Test func asciiHeatMapScalesShowWhole() throws {
    var state = try makeState("circle", width: 80, height: 24, options: AppOptions(glyphs: .ascii))
    state.seek(to: 33)
    state.press(.character("v"), .character("v"))
    let text = state.screenText
    #expect(text.contains("W1 4x2  +-0.52") && text.contains("b1 4x1  +-0.67"), "\(text)")
}

/// Under `--ascii` a one-row node's value keeps its closing bracket (`…` folded to `...` pushed
/// it out: `[W1 = [-0.731 ..]`); every bracket of the graph is closed on its row.
@Test func asciiOneRowNodesKeepTheirBrackets() throws {
    var state = try makeState("xor", width: 120, height: 40, options: AppOptions(glyphs: .ascii))
    state.press(.character("f"))
    state.seek(to: 22)
    let graph = state.screenText.split(separator: "\n").prefix { !$0.hasPrefix("+ inspector") }
    #expect(graph.joined().contains("[W1 = [-0.731 ~]"), "\(graph.joined(separator: "\n"))")
    for row in graph {
        #expect(row.filter { $0 == "[" }.count == row.filter { $0 == "]" }.count, "\(row)")
    }
}
