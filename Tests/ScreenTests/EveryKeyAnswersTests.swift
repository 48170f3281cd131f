import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Every key answers: it changes the screen, or the footer says why it cannot, whole, at 80×24.
struct EveryKeyAnswersTests {
    /// The keys a student presses, one per binding (quit, suspend and help left out: they always act;
    /// the theme too: it changes colours, which the canvas of style roles does not hold).
    static let keys: [Key] = KeyMap.bindings.flatMap(\.keys).filter { key in
        guard let command = KeyMap.command(for: key) else { return false }
        return ![.quit, .suspend, .toggleHelp, .cycleTheme].contains(command)
    }

    static let scenarios = ["linear", "chain-rule", "xor", "collapse", "activation", "logistic", "gauss", "momentum"]

    /// Presses `key` at `cursor` and checks the screen changed or a notice says why, in full.
    func expectAnswer(_ base: TestScreen, _ key: Key, _ where_: String) {
        var state = base
        let before = base.render()
        state.press(key)
        let after = state.render()
        guard let notice = state.notice else {
            let changed = after != before
            #expect(changed, "\(where_): \(key) changed nothing and said nothing")
            return
        }
        expectWhole(notice, on: after, "\(where_): \(key)")
    }

    /// The notice's words, in order, on the last two rows, and the hints that end every footer.
    func expectWhole(_ notice: String, on canvas: Canvas, _ what: String) {
        let bottom = [canvas.line(canvas.height - 2), canvas.line(canvas.height - 1)].joined(separator: " ")
        let shown = bottom.split(separator: " ").joined(separator: " ")
        let words = notice.split(separator: " ").joined(separator: " ")
        #expect(shown.contains(words), "\(what): the notice is cut: \(notice) | \(bottom)")
        #expect(canvas.line(canvas.height - 1).trimmingCharacters(in: .whitespaces).hasSuffix("? help  q quit"), "\(what)")
    }

    @Test(arguments: scenarios)
    func everyKeyChangesTheScreenOrSaysWhy(_ name: String) throws {
        var start = try makeState(name, width: 80, height: 24)
        start.seek(to: 0)
        var middle = start
        middle.seek(to: start.timeline.eventsPerStep / 2 + 1)
        for key in Self.keys {
            expectAnswer(start, key, "\(name) at the start")
            expectAnswer(middle, key, "\(name) in step 0")
        }
    }

    @Test func keysAtTheEndOfTrainingSayWhy() throws {
        var state = try makeState("linear", width: 80, height: 24)
        state.press(.character("G"))
        for key in [Key.right, .character("n"), .character("]"), .character("G")] {
            expectAnswer(state, key, "linear at the end")
            var pressed = state
            pressed.press(key)
            #expect(pressed.notice != nil, "\(key) at the end")
        }
    }

    @Test func sBeforeTheFirstEpochEndsSaysWhenTheScaleShows() throws {
        var state = try makeState("linear", width: 80, height: 24)
        state.press(.character("s"))
        #expect(state.notice?.contains("once epoch 0 ends") == true, "\(state.notice ?? "no notice")")
    }

    @Test func mOutsideTheHeatMapsSaysWhereItActs() throws {
        var xor = try makeState("xor", width: 80, height: 24)
        xor.press(.character("m"))
        #expect(xor.notice?.contains("v shows them") == true, "\(xor.notice ?? "no notice")")
        var linear = try makeState("linear", width: 80, height: 24)
        linear.press(.character("m"))
        #expect(linear.notice?.contains("no heat maps here") == true, "\(linear.notice ?? "no notice")")
    }

    @Test func aLongNoticeWrapsToTwoRowsAndKeepsTheHints() throws {
        var state = try makeState("xor", width: 80, height: 24)
        state.press(.character("t"))
        let notice = try #require(state.notice)
        #expect(displayWidth(of: notice) > 62, "a notice longer than the footer's room")
        expectWhole(notice, on: state.render(), "xor, t at 80 columns")
    }
}
