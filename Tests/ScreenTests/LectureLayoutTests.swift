import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// 80×24 is what most terminals open at: graph, inspector and plot fit there; every size keeps
/// `? help  q quit`; captions wrap at words in reserved rows, so nothing jumps from step to step.
struct LectureLayoutTests {
    func trimmed(_ line: String) -> String { line.trimmingCharacters(in: .whitespaces) }

    @Test(arguments: Builtins.names)
    func at80x24EveryScenarioHasGraphInspectorAndPlot(_ name: String) throws {
        var state = try makeState(name, width: 80, height: 24)
        for _ in 0..<3 { state.press(.right) }
        let text = state.screenText
        #expect(text.contains("┌ graph") || text.contains("┌ whole graph"), "\(name): \(text)")
        #expect(text.contains("┌ inspector"), "\(name): \(text)")
        #expect(text.contains("┌ mean loss per epoch"), "\(name): \(text)")
    }

    @Test func theFooterAlwaysEndsWithHelpAndQuit() throws {
        for (width, height) in [(40, 12), (60, 20), (80, 24), (100, 30), (120, 40), (160, 45), (200, 60)] {
            for name in ["linear", "xor"] {
                let state = try makeState(name, width: width, height: height)
                let footer = trimmed(state.render().lines.last ?? "")
                #expect(footer.hasSuffix("? help  q quit"), "\(name) at \(width)×\(height): \(footer)")
            }
        }
    }

    @Test func aPlotThatDoesNotFitSaysSo() throws {
        var state = try makeState(width: 60, height: 20)
        state.press(.character("]"))
        let text = state.screenText
        #expect(!text.contains("┌ mean loss per epoch"))
        #expect(text.contains("the loss plot needs \(AppState.plotMinimumWidth) columns"), "\(text)")
        #expect(text.contains("mean loss of epoch 0: 4.05"), "the number the plot would show: \(text)")
    }

    /// The rows under the header that hold the caption, at the state's cursor.
    func captionText(_ state: TestScreen) -> [String] {
        let rows = state.captionHeight
        let lines = state.render().lines
        return Array(lines[(lines.count - 1 - rows)..<(lines.count - 1)])
    }

    @Test(arguments: [(60, 20), (80, 24), (100, 30)])
    func captionsWrapAtWordsAndKeepTheirMarkerWhole(_ width: Int, _ height: Int) throws {
        for name in Builtins.names {
            var state = try makeState(name, width: width, height: height)
            for (index, note) in state.noteEvents {
                state.seek(to: index)
                let rows = captionText(state)
                let words = Set(note.text.split(separator: " ").map(String.init))
                for token in rows.joined(separator: " ").split(separator: " ").map(String.init)
                where !["✎", "…", "[space:", "go", "on]"].contains(token) {
                    #expect(words.contains(token), "\(name) at \(width)×\(height): '\(token)' is cut from a word: \(rows)")
                }
                if note.pause {
                    #expect(rows.contains { $0.contains("[space: go on]") }, "\(name) at \(width)×\(height): \(rows)")
                }
            }
        }
    }

    @Test(arguments: [(80, 24), (100, 30), (160, 45)])
    func theLayoutAndTheParamsTableNeverMove(_ width: Int, _ height: Int) throws {
        var state = try makeState("linear", width: width, height: height)
        var inspectorRow: Int?, tableRow: Int?
        // Two samples: captions of one and two rows, notes and none, forward, backward and update.
        for _ in 0..<(2 * state.timeline.eventsPerStep) {
            let lines = state.render().lines
            let inspector = lines.firstIndex { $0.contains("┌ inspector") }
            let table = lines.firstIndex { $0.contains("param  value") }
            #expect(inspector != nil && table != nil, "\(width)×\(height) at \(state.cursor): \(lines.joined(separator: "\n"))")
            #expect(inspectorRow == nil || inspector == inspectorRow, "the inspector moved at event \(state.cursor)")
            #expect(tableRow == nil || table == tableRow, "the params table moved at event \(state.cursor)")
            inspectorRow = inspector
            tableRow = table
            state.press(.right)
        }
    }

    @Test func helpScrollsWhereItDoesNotFit() throws {
        var state = try makeState(width: 60, height: 20)
        state.press(.character("?"))
        #expect(state.showHelp)
        #expect(!state.screenText.contains("any other key closes this help"), "60×20 is too short for all of the help")
        #expect(state.screenText.contains("scroll"))
        for _ in 0..<30 { state.press(.down) }
        #expect(state.showHelp, "arrows scroll; they do not close the help")
        #expect(state.screenText.contains("any other key closes this help"))
        #expect(state.screenText.contains("quit"))
        state.press(.character("x"))
        #expect(!state.showHelp)
    }
}

/// `--ascii` folds to stand-ins a class reads: never one that is also a name on screen.
struct AsciiFoldTests {
    @Test func asciiWritesYHatStarAndOk() throws {
        var state = try makeState(width: 100, height: 30, options: AppOptions(glyphs: .ascii))
        state.seek(to: 8)
        let text = state.screenText
        #expect(text.contains("Linear model y_hat = x*w"), "\(text)")
        #expect(text.contains("* y_pred"), "the multiply node is not mistaken for the input x: \(text)")
        #expect(text.contains("vs backward -2.0 ok"), "\(text)")
        #expect(!text.contains { !$0.isASCII }, "\(text)")
    }

    @Test func theTableSaysWhatEachStandInIs() {
        #expect(AsciiFold.text("∂loss/∂ŷ = 2(ŷ − y)") == "dloss/dy_hat = 2(y_hat - y)")
        #expect(AsciiFold.text("-2.0 × 1.0 ✓ xᵀ x²") == "-2.0 * 1.0 ok x.T x^2")
        #expect(Glyphs.unicode.paused != "⏸", "DejaVu Sans Mono has no ⏸")
    }
}

extension LectureLayoutTests {
    @Test func aNarrowHeaderKeepsThePositionAndLrWhole() throws {
        let header = try makeState(width: 60, height: 20).render().line(0)
        #expect(header.contains("epoch 0/99  sample 0/2  forward  lr 0.01"), "\(header)")
        #expect(header.contains("‖"), "the play state stays: \(header)")
    }
}
