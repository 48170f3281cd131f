import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Whole tensors in the inspector: every entry when it fits, aligned, the discussed entry lit,
/// shortened by precision (never cut), scrolled with ↑ ↓ { } when it does not fit.
struct TensorGridTests {
    /// The entries of a canvas row as numbers (the row's text split at spaces).
    func numbers(_ line: String) -> [Double] {
        line.split(separator: " ").compactMap { Double($0) }
    }

    /// One form for the whole grid (`GridFormat`): 9.09e-13 beside 100 makes every entry scientific.
    @Test func everyEntryAlignedWhenItFits() {
        let grid = TensorGrid(title: "W 2×3", values: [1, -2.5, 9.094947017729282e-13, 0.125, 100, -0.001], rows: 2, cols: 3)
        var canvas = Canvas(width: 30, height: 3, fill: Cell("x"))
        grid.render(into: &canvas, rect: canvas.bounds)
        #expect(canvas.lines == [
            "W 2×3                         ",
            " 1.0e+00 -2.5e+00  9.1e-13    ",
            " 1.2e-01  1.0e+02 -1.0e-03    ",
        ])
    }

    /// An 8×8 tensor fits the grid's width in the inspector at 120 columns (62 cells): all 64
    /// entries show, each a number that reads back within its rounding.
    @Test func eightByEightFitsAt120Columns() {
        let values: [Double] = (0..<64).map { (i: Int) -> Double in
            let sign: Double = i % 3 == 0 ? -1 : 1
            return sign * Double(i + 1) * 0.0123456
        }
        let grid = TensorGrid(title: "h 8×8", values: values, rows: 8, cols: 8, highlight: 27)
        var canvas = Canvas(width: 62, height: 9)
        grid.render(into: &canvas, rect: canvas.bounds)
        #expect(!canvas.line(0).contains("row") && !canvas.line(0).contains("col"), "\(canvas.line(0))")
        for r in 0..<8 {
            let row = numbers(canvas.line(1 + r))
            #expect(row.count == 8, "\(canvas.line(1 + r))")
            for (c, v) in row.enumerated() {
                let truth = values[r * 8 + c]
                #expect(abs(v - truth) <= abs(truth) * 0.05, "[\(r),\(c)] \(v) vs \(truth)")
            }
        }
        // The lit entry [3,3] in the active style, its digits whole in the title.
        #expect(canvas.line(0).contains("[3,3] = -0.3456768"), "\(canvas.line(0))")
        let litRow = 1 + 3
        let lit = (0..<62).filter { canvas[$0, litRow].style == .active }
        #expect(!lit.isEmpty && lit.allSatisfy { canvas[$0, litRow].character != " " })
    }

    /// Eight columns in 47 cells would be five columns each, where `-2e-05` has no honest form: the
    /// grid takes six and scrolls rather than show `-0.0` or an exponent Python would not write.
    @Test func aSmallNegativeEntryGetsSixColumns() {
        let values: [Double] = (0..<16).map { $0 == 9 ? -2e-5 : 0.25 * Double($0 % 4) }
        let grid = TensorGrid(title: "g 2×8", values: values, rows: 2, cols: 8)
        var canvas = Canvas(width: 47, height: 3)
        grid.render(into: &canvas, rect: canvas.bounds)
        #expect(canvas.line(2).contains("-2e-05"), "\(canvas.lines)")
        #expect(!canvas.lines.joined().contains("-0.0"), "\(canvas.lines)")
        #expect(canvas.line(0).contains("cols 0–5 of 8"), "\(canvas.line(0))")
        // Without it, every column shows in five cells.
        let plain = TensorGrid(title: "g 2×8", values: values.map { abs($0) }, rows: 2, cols: 8)
        #expect(plain.window(width: 47, height: 3).shownCols == 8)
    }

    /// A 1×3 whose only non-zero entry is the third: the grid shows it, lit.
    @Test func theOnlyNonZeroEntryShowsAndIsLit() throws {
        let values = [0.0, 0.0, -0.749]
        let lit = InspectorPanel.largest(values)
        #expect(lit == 2)
        var grid = TensorGrid(title: "∂loss/∂W2 1×3", values: values, rows: 1, cols: 3, highlight: lit)
        grid.highlightNote = "(the largest)"
        var canvas = Canvas(width: 40, height: 2)
        grid.render(into: &canvas, rect: canvas.bounds)
        let row = canvas.line(1).trimmingCharacters(in: .whitespaces)
        #expect(row == "0.0000  0.0000 -0.7490", "\(canvas.line(1))")
        let last = try #require(Array(canvas.line(1)).lastIndex { $0 != " " })
        #expect(canvas[last, 1].style == .active && canvas[last, 1].character == "0")
        #expect(InspectorPanel.largest([0, 0, 0]) == nil)
    }

    /// Too wide or too tall: the lit entry is in view, the title says which part shows, and the
    /// scroll moves the window but never past the tensor's edge.
    @Test func aWindowOnABigTensorScrolls() {
        let values = (0..<(6 * 20)).map { Double($0) }
        var grid = TensorGrid(title: "x 6×20", values: values, rows: 6, cols: 20, highlight: 5 * 20 + 19)
        let w = grid.window(width: 30, height: 4)
        #expect(w.shownRows == 3 && w.top == 3, "the lit row 5 shows: \(w)")
        #expect(w.left + w.shownCols == 20, "the lit column 19 shows: \(w)")
        #expect(SeparatorDot.shown(in: grid.heading(w, width: 80)) == "x 6×20 · rows 3–5 of 6 · cols 15–19 of 20 · [5,19] = 119.0", "\(grid.heading(w, width: 80))")
        grid.scroll = GridScroll(rows: -2, cols: -100)
        let moved = grid.window(width: 30, height: 4)
        #expect(moved.top == 1 && moved.left == 0)
        grid.scroll = GridScroll(rows: 50, cols: 50)
        #expect(grid.window(width: 30, height: 4).top == 3)
    }

    /// The screen row of the inspector's grid title, found by its text.
    func gridTop(_ lines: [String], _ title: String) -> Int? {
        lines.firstIndex { $0.contains("│ \(title)") }
    }

    /// deep193 at 120×40, backward at sigmoid h3: ∂loss/∂h3 (7×8) whole in the inspector, its
    /// largest entry lit.
    @Test func deep193ShowsA7x8GradientWholeAt120x40() throws {
        var state = try makeState("deep193", width: 120, height: 40)
        let at = try #require(state.firstEvent(.backward, at: "h3"))
        state.seek(to: at)
        let canvas = state.render()
        let lines = canvas.lines
        let top = try #require(gridTop(lines, "∂loss/∂h3 7×8"), "\(lines.joined(separator: "\n"))")
        let inspector = try #require(state.visibleBodyAreas?.inspector)
        var lit = 0
        for r in 0..<7 {
            let row = String(lines[top + 1 + r].dropFirst(inspector.x + 1).prefix(inspector.width - 2))
            #expect(numbers(row).count == 8, "\(row)")
            lit += (inspector.x..<inspector.maxX).filter { canvas[$0, top + 1 + r].style == .active }.count
        }
        #expect(lit > 0, "the largest entry is lit")
        #expect(cutNumbers(in: lines.joined(separator: "\n")).isEmpty)
    }

    /// activation, backward at MM z3 at 160×45: ∂loss/∂z3 (1×8) whole, and z3's value below it.
    @Test func activationShowsGradientAndValue() throws {
        var state = try makeState("activation", width: 160, height: 45)
        let at = try #require(state.firstEvent(.backward, at: "z3"))
        state.seek(to: at)
        let lines = state.render().lines
        let top = try #require(gridTop(lines, "∂loss/∂z3 1×8"), "\(lines.joined(separator: "\n"))")
        #expect(lines[top].contains("[0,2] = -0.38941118 (the largest |value|)"), "\(lines[top])")
        #expect(lines[top + 1].contains("-0.3475 -0.3056 -0.3894 -0.2690 -0.1113 -0.0837 -0.0753 -0.0488"), "\(lines[top + 1])")
        #expect(gridTop(lines, "z3 1×8") == top + 2)
    }

    /// ↓ and } move the grid's window where the tensor does not fit (deep193 at 80×24), ↑ and {
    /// move it back, and at the edge the footer says so instead of moving.
    @Test func arrowsAndBracesScrollTheGrid() throws {
        var state = try makeState("deep193", width: 80, height: 24)
        let at = try #require(state.firstEvent(.backward, at: "h3"))
        state.seek(to: at)
        let before = state.render().lines
        let top = try #require(gridTop(before, "∂loss/∂h3 7×8"), "\(before.joined(separator: "\n"))")
        #expect(state.press(.character("}")) == [.idle])
        #expect(state.gridScroll.cols == 1)
        let right = state.render().lines
        #expect(right[top + 1] != before[top + 1], "the columns moved")
        state.press(.character("{"))
        #expect(state.render().lines[top + 1] == before[top + 1])
        state.press(.down)
        #expect(state.gridScroll.rows == 1)
        state.press(.up, .up, .up, .up, .up, .up, .up, .up)
        #expect(state.notice?.contains("edge") == true, "\(state.notice ?? "no notice")")
        // Moving the cursor starts the next grid where it shows by itself.
        state.press(.right)
        #expect(state.gridScroll == GridScroll())
    }
}

/// At 200×60 deep193's gradient grid shows whole and its value grid in part: ↓ scrolls the value.
struct SecondGridTests {
    @Test func arrowsScrollTheSecondGridWhenTheFirstShowsWhole() throws {
        var state = try makeState("deep193", width: 200, height: 60)
        let at = try #require(state.firstEvent(.backward, at: "h3"))
        state.seek(to: at)
        #expect(state.screenText.contains("│ h3 7×8 · rows 0–3 of 7"), "\(state.screenText)")
        state.press(.down)
        #expect(state.screenText.contains("│ h3 7×8 · rows 1–4 of 7"), "\(state.screenText)")
        #expect(state.screenText.contains("│ ∂loss/∂h3 7×8 · [4,4]"), "the gradient grid stays whole")
        state.press(.down, .down, .down, .down)
        #expect(state.screenText.contains("│ h3 7×8 · rows 3–6 of 7"))
        #expect(state.notice?.contains("edge") == true)
    }
}

/// In the neuron view the grid lights the weight the inspector's rule is about, also after ↓
/// chooses another one.
struct NeuronGridTests {
    @Test func theGridLightsTheRulesWeight() throws {
        var state = try makeState("deep193", width: 160, height: 45)
        state.press(.character("v"))
        let names = NodeNames(state.timeline.firstStep)
        while !(state.event.phase == .backward && names[state.event.node] == "W2") { state.press(.right) }
        func ruleEntry(_ text: String) -> String? {
            guard let range = text.range(of: #"∂loss/∂W2\[[0-9]+,[0-9]+\]"#, options: .regularExpression) else { return nil }
            return String(text[range].dropFirst("∂loss/∂W2".count))
        }
        for _ in 0..<2 {
            let text = state.screenText
            let entry = try #require(ruleEntry(text), "\(text)")
            #expect(text.contains("W2.grad 7×6 · \(entry) = "), "\(entry)\n\(text)")
            #expect(text.contains("(in the rule above)"))
            state.press(.down)
        }
    }
}

/// One format per grid: every entry of a grid the inspector shows, on the shipped network
/// scenarios at every event of the first step, in one form (all scientific or none) and, when
/// positional, with one count of decimals; no `-0.436` beside `0.4356`, no `-2e-04` beside `0.0003`.
struct OneFormatPerGridTests {
    /// The entries' forms of a grid row: the decimals of each positional entry, or -1 for scientific.
    static func forms(_ row: String) -> [Int] {
        row.split(separator: " ").compactMap { word -> Int? in
            guard Double(word) != nil else { return nil }
            if word.contains("e") { return -1 }
            return word.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        }
    }

    @Test(arguments: ["activation", "xor", "deep193", "circle", "digits"])
    func everyGridHasOneForm(_ name: String) throws {
        var state = try makeState(name, width: 120, height: 40)
        let steps = state.timeline.template.count
        var grids = 0
        for event in 0..<steps {
            state.seek(to: event)
            var panel = state.state.inspectorPanel(try #require(state.shown.record))
            panel.gridScroll = GridScroll()
            for grid in panel.grids {
                var canvas = Canvas(width: 62, height: grid.fullHeight)
                grid.render(into: &canvas, rect: canvas.bounds)
                let forms = canvas.lines.dropFirst().flatMap(Self.forms)
                #expect(Set(forms).count <= 1, "\(name) event \(event) \(grid.title): \(canvas.lines.joined(separator: "\n"))")
                grids += 1
            }
        }
        #expect(grids > 0)
    }

    @Test func theFormsPyTorchWouldChoose() {
        // Positional, decimals from the largest's four digits; the smallest still shows a digit.
        #expect(GridFormat([-1.39, -1.222, -0.195], maxWidth: 8) == GridFormat(form: .positional, decimals: 3, width: 6))
        #expect(GridFormat([0.4356, -0.436], maxWidth: 8)?.text(-0.436) == "-0.4360")
        // Below 1e-4, or a ratio past 1000: scientific for every entry.
        let small = GridFormat([-2e-4, 0.0003, 0.5], maxWidth: 8)
        #expect(small?.form == .scientific)
        #expect(small?.text(0.0003) == "3.0e-04" && small?.text(-2e-4) == "-2.0e-04")
        #expect(NumberFormat.fixed(0.0006, decimals: 3) == "0.001")
        #expect(NumberFormat.fixed(9.9996, decimals: 3) == "10.000")
        #expect(NumberFormat.fixed(-0.04881076514720917, decimals: 4) == "-0.0488")
        #expect(NumberFormat.scientific(9.094947017729282e-13, decimals: 1) == "9.1e-13")
    }
}
