import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Keys do what the screen says they do; in the quiz, typed keys belong to the answer.
struct LectureKeysTests {
    /// The lecture in quiz mode with its first question open.
    func quizWithAQuestion() throws -> TestScreen {
        var state = try makeState(options: AppOptions(quiz: true))
        for _ in 0..<10 where state.question == nil { state.press(.right) }
        try #require(state.question != nil)
        return state
    }

    @Test func anEmptyEnterSkipsTheQuestion() throws {
        var state = try quizWithAQuestion()
        let cursor = state.cursor
        let effect = state.update(.key(.enter))
        #expect(effect != .quit)
        #expect(state.question == nil, "an empty Enter skips")
        #expect(state.verdict?.hasPrefix("skipped") == true)
        #expect(state.cursor == cursor + 1)
        #expect(state.quiz?.asked == 0, "a skip is not counted")
    }

    @Test func escSkipsAndDoesNotQuit() throws {
        var state = try quizWithAQuestion()
        #expect(state.update(.key(.escape)) != .quit)
        #expect(state.question == nil)
        #expect(state.verdict?.hasPrefix("skipped") == true)
    }

    @Test func typedKeysBelongToTheAnswer() throws {
        var state = try quizWithAQuestion()
        let speed = state.speedLevel, view = state.view, log = state.logScale, pane = state.sidePane
        for c in "-2=svct+" { _ = state.update(.key(.character(c))) }
        #expect(state.answer.text == "-2+", "only a number's characters are typed")
        #expect(state.speedLevel == speed, "- and = typed into an answer do not change the speed")
        #expect(state.view == view && state.logScale == log && state.sidePane == pane)
        #expect(state.question != nil)
        #expect(state.update(.key(.character("?"))) != .quit, "? still opens the help")
    }
}

/// `v`, `c`, `t`, `s` and Ctrl-Z say what they do in this scenario at this size.
struct KeysThatDependOnTheScenarioTests {
    func binding(_ command: Command) throws -> Binding {
        try #require(KeyMap.bindings.first { $0.command == command })
    }

    /// Three inputs and a vector param: no heat map, landscape, boundary or fit applies.
    func graphOnly(width: Int = 100, height: Int = 30) throws -> TestScreen {
        let text = """
            [data]
            x = [[1.0, 2.0, 3.0], [2.0, 1.0, 0.0]]
            y = [1.0, 2.0]
            [params]
            w = [0.1, 0.2, 0.3]
            [model]
            forward = "sum(w * x)"
            loss = "(y_pred - y)^2"
            """
        let scenario = try ScenarioLoader.load(bytes: Array(text.utf8), file: "graph-only.toml")
        return TestScreen(timeline: try Timeline(scenario: scenario), width: width, height: height)
    }

    @Test func helpSaysWhatVDoesInThisScenario() throws {
        let v = try binding(.cycleView)
        #expect(try graphOnly().state.help(for: v).contains("only the graph"))
        #expect(try makeState("linear").state.help(for: v).contains("loss landscape"))
        #expect(try makeState("collapse").state.help(for: v).contains("weight heat maps"))
        var state = try makeState("linear", width: 100, height: 40)
        state.press(.character("?"))
        #expect(state.screenText.contains("cycle the view: graph · loss landscape"), "\(state.screenText)")
    }

    @Test func aKeyThatDoesNothingHereSaysWhyInTheFooterForAMoment() throws {
        var state = try graphOnly(width: 100, height: 30)
        let effect = state.update(.key(.character("v")))
        #expect(state.view == .graph)
        #expect(effect == .wake(after: AppState.noticeSeconds), "the notice needs a tick to go away, even when paused")
        // A notice longer than the footer's room wraps into the row above.
        let footer = state.render().lines.suffix(2).joined(separator: " ")
        #expect(footer.contains("v: only the graph here"), "\(footer)")
        #expect(footer.trimmingCharacters(in: .whitespaces).hasSuffix("? help  q quit"), "\(footer)")
        _ = state.update(.tick(now: 100))
        #expect(state.notice != nil, "still there at once")
        _ = state.update(.tick(now: 100 + AppState.noticeSeconds))
        #expect(state.notice == nil, "gone after a moment")
    }

    @Test func sWithNoPlotOnScreenSaysWhy() throws {
        var state = try makeState(width: 60, height: 20)
        state.press(.character("s"))
        #expect(state.notice?.contains("\(AppState.plotMinimumWidth) columns") == true)
        var wide = try makeState(width: 100, height: 30)
        wide.press(.character("s"))
        #expect(wide.notice?.contains("once epoch 0 ends") == true, "no point on the plot yet: the change is not seen")
        wide.press(.character("]"), .character("s"))
        #expect(wide.notice == nil, "with a point on the plot the scale is seen to change")
    }

    @Test func ctrlZIsAKeyOfTheMapAndSuspends() throws {
        #expect(KeyMap.command(for: .control("z")) == .suspend)
        var state = try makeState(width: 100, height: 40)
        #expect(state.update(.key(.control("z"))) == .suspend)
        state.press(.character("?"))
        #expect(state.screenText.contains("^Z"), "Ctrl-Z is in the help")
    }

    @Test func backwardLightsNoEdgeToData() throws {
        let state = try makeState()
        let record = state.timeline.firstStep
        let names = NodeNames(record)
        for (i, t) in state.timeline.template.enumerated() where t.phase == .backward {
            let e = state.timeline.event(at: i)
            let picture = GraphPictureBuilder.picture(record: record, event: e, template: state.timeline.template, names: names)
            for arrow in picture.edges where arrow.style == .active {
                #expect(record.nodes[arrow.from].requiresGrad, "backward at \(names[t.node]) lights the edge from \(names[arrow.from])")
            }
        }
    }
}
