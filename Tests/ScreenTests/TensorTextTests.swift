import Autograd
import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// A screen number is shortened by precision, never cut: a digit is never followed by `…`
/// (the ellipsis marks left-out entries or words, after a space). Ranges such as `-1.5…1.5` are fine.
func cutNumbers(in text: String) -> [String] {
    let pattern = #"[-+]?[0-9][0-9.e+-]*[…~](?![0-9-])"#
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return ["bad pattern"] }
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
}

/// Node boxes and short tensor texts: as many entries as the width holds, numbers never cut.
struct TensorTextTests {
    @Test func entriesFillTheWidthWithAnEllipsisOnlyWhenSomeAreLeftOut() {
        let values = [0.0169, 0.0434, 0.12, 0.5, -0.25]
        #expect(TensorText.entries(values, width: 22) == "[0.017 0.043 0.120 …]")
        #expect(TensorText.entries(values, width: 40) == "[0.017 0.043 0.120 0.500 -0.250]")
        #expect(TensorText.entries(values, width: 27) == "[0.017 0.043 0.120 0.500 …]")
        // A 1×3 whose only non-zero entry is the third: it shows as soon as the width holds it.
        #expect(TensorText.value([0, 0, -0.749], Shape(rows: 1, cols: 3), width: 16) == "[0.000 0.000 …]")
        #expect(TensorText.value([0, 0, -0.749], Shape(rows: 1, cols: 3), width: 20) == "[0.000 0.000 -0.749]")
        #expect(TensorText.describe([0, 0, -0.749], Shape(rows: 1, cols: 3), width: 24) == "1×3 [0.000 0.000 -0.749]")
    }

    @Test func narrowWidthsShortenByPrecisionNeverCut() {
        // The tensor's one form, however narrow: fewer entries, never other digits.
        #expect(TensorText.entries([0.425, 0.4074, 0.4471, 0.4], width: 21) == "[0.4250 0.4074 …]")
        // Not one entry fits: the shape alone, not the entry rounded further.
        #expect(TensorText.value([-0.974, 0.6, 0.1], Shape(rows: 1, cols: 3), width: 10) == "[-0.974 …]")
        #expect(TensorText.value([-0.974, 0.6, 0.1], Shape(rows: 1, cols: 3), width: 8) == "1×3")
        #expect(TensorText.value([-0.974, 0.6, 0.1], Shape(rows: 1, cols: 3), width: 4) == "1×3")
        // A tiny non-zero number is never written as zero to fit.
        #expect(TensorText.value([9.094947017729282e-13, 1], Shape(rows: 1, cols: 2), width: 7) == "1×2")
        #expect(TensorText.value([9.094947017729282e-13], Shape(rows: 1, cols: 1), width: 8) == "9.09e-13")
        for width in 0...30 {
            for values in [[9.094947017729282e-13, -1.5e-7, 123456.0], [-0.3475, 0.0, 1e30]] {
                let text = TensorText.value(values, Shape(rows: 1, cols: 3), width: width)
                #expect(text.count <= max(width, 3) || text == "1×3", "\(text) in \(width)")
                #expect(cutNumbers(in: text).isEmpty, "\(text)")
            }
        }
    }

    /// A small negative number is never written as `-0.0`, nor in another exponent style than its
    /// neighbours (`-2e-5` beside `3e-05`): the tensor is scientific for all, as PyTorch prints it.
    @Test func aSmallNegativeEntryKeepsPythonsExponentAndItsValue() {
        #expect(TensorText.entries([-0.002, 0.6969, 0.5], width: 16) == "[-0.002 0.697 …]")
        #expect(TensorText.entries([3e-5, -2e-5, 0.5], width: 26) == "[3.0e-05 -2.0e-05 5.0e-01]")
        #expect(TensorText.entries([-2e-5, 1], width: 8) == nil, "no honest entry fits")
    }

    /// xor at 160×45, forward: a gradient of -0.002 beside 0.697 in one box, and no exponent in the
    /// screen written other than as Python writes it.
    @Test func xorsBoxesWriteSmallNegativesWhole() throws {
        var state = try makeState("xor", width: 160, height: 45)
        state.seek(to: 80)
        let text = state.screenText
        #expect(text.contains("[-0.002 0.69") && !text.contains("-2e-3"), "\(text)")
        for event in stride(from: 0, to: 400, by: 20) {
            state.seek(to: event)
            let lines = state.screenText
            #expect(lines.firstMatch(of: /[0-9]e[+-]?[0-9](?![0-9])/) == nil, "event \(event): \(lines)")
        }
    }

    @Test func theScanFindsCutNumbers() {
        #expect(cutNumbers(in: "│ ∂ = 9.094947e… │") == ["9.094947e…"])
        #expect(cutNumbers(in: "= 1×8 [-0.348 -0.306…]") == ["-0.306…"])
        #expect(cutNumbers(in: "x1 -1.5…1.5  [0.1 0.2 …]  words …").isEmpty)
    }

    /// xor at 200×60: the graph shows whole (folded), yet in boxes as wide as a fold allows, so
    /// wide boxes show several entries, and a box that holds them all has no ellipsis.
    @Test func nodeBoxesShowAsManyEntriesAsTheirWidthAllows() throws {
        var state = try makeState("xor", width: 200, height: 60)
        let backward = try #require(state.firstEvent(.backward, at: "z1"))
        state.seek(to: backward)
        #expect(WholeGraphTests.problems(state).isEmpty, "\(WholeGraphTests.problems(state))\n\(state.screenText)")
        let lines = state.screenText.split(separator: "\n").map(String.init)
        // A box's sides: its borders, and a tee where an arrow leaves it.
        let boxLines = lines.flatMap { $0.split(whereSeparator: { "│├┤".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) } }
        // W2 is 1×2: both entries, no ellipsis.
        #expect(boxLines.contains("= [0.3032 0.5774]"), "\(lines.joined(separator: "\n"))")
        // z1 is 2×4: three or more entries in its box, then the ellipsis.
        let z1 = try #require(OneFormatPerTensorTests.boxTensor(lines.map(Array.init), name: "MM z1", label: "∂ "))
        #expect(OneFormatPerTensorTests.entries(z1).count >= 3, "\(z1)")
    }

    /// The params table's columns grow with the inspector: collapse at 160×45 shows W (1×2) whole.
    @Test func theParamsTableShowsMoreEntriesWhenWide() throws {
        var state = try makeState("collapse", width: 160, height: 45)
        let at = try #require(state.firstEvent(.backward, at: "W2"))
        state.seek(to: at)
        let text = state.screenText
        #expect(text.contains("│ W      1×2 [0.2138 0.4723]"), "\(text)")
        #expect(text.contains("│ b1     3×1 [0.0 0.0 0.0]"), "\(text)")
    }

    /// The network scenarios at the lecture's sizes, at every fourth event of the first two steps,
    /// with the transcript and code panes and every view: no number anywhere on screen ends in `…`.
    @Test(arguments: ["activation", "collapse", "deep193", "xor", "adam", "momentum"])
    func noScreenCutsANumber(_ name: String) throws {
        for (width, height) in [(80, 24), (120, 40), (160, 45)] {
            for keys: [Key] in [[], [.character("t")], [.character("c")], [.character("v")], [.character("v"), .character("v")],
                                [.character("v"), .character("v"), .character("v")]] {
                var state = try makeState(name, width: width, height: height)
                for key in keys { state.press(key) }
                for cursor in stride(from: 0, to: min(state.lastEvent, 2 * state.timeline.eventsPerStep), by: keys.isEmpty ? 4 : 8) {
                    state.seek(to: cursor)
                    let text = state.screenText
                    #expect(cutNumbers(in: text).isEmpty, "\(name) \(width)×\(height) \(keys) event \(cursor): \(cutNumbers(in: text))\n\(text)")
                }
            }
        }
    }

    /// Cut lines (transcript, code, box titles) end before a number, never inside or right after one.
    @Test func cutLinesEndBeforeANumber() {
        #expect(GraphText.fit("predict [1.5, -0.5] [-0.3044, 0.2]", width: 26) == "predict [1.5, -0.5] […")
        #expect(GraphText.fit("grad: [[0.0, 0.0], [-1.0, -1.0]]", width: 26) == "grad: [[0.0, 0.0], [-1.0,…")
        #expect(GraphText.fit("progress: 0 0.9311878085136414", width: 20) == "progress: 0 …")
        #expect(GraphText.fit("w = w - lr * grad", width: 12) == "w = w - lr …")
    }
}
