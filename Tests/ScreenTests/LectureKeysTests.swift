import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Keys do what the screen says they do; in the quiz, typed keys belong to the answer.
struct LectureKeysTests {
    /// The lecture in quiz mode with its first question open.
    func quizWithAQuestion() throws -> AppState {
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
