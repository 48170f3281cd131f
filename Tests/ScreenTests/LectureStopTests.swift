import Scenario
@testable import Screen
import Testing
import TextCanvas

/// `backprop lecture` as data: each idea's screen opens where the guide says, PgDn and PgUp ask
/// the run loop for the next and previous idea (and say why at either end), and outside the
/// lecture they say what they are for instead of panning.
struct LectureStopTests {
    func opened(_ index: Int, width: Int = 120, height: Int = 40) throws -> TestScreen {
        let stops = Guide.ideas
        var options = AppOptions()
        options.lectureStop = LectureStop(idea: index + 1, count: stops.count, title: stops[index].title)
        var state = try makeState(stops[index].scenario, width: width, height: height, options: options)
        state.open(stops[index])
        return state
    }

    @Test func theSevenIdeasAreInTheLecturesOrderEachWithItsScenario() {
        let ideas = Guide.ideas
        #expect(ideas.map(\.idea) == Array(1...7))
        #expect(ideas.map(\.scenario) == ["linear", "collapse", "collapse", "activation", "chain-rule", "two-paths", "linear"])
        #expect(ideas.allSatisfy { !$0.title.isEmpty })
    }

    @Test func eachIdeaOpensPausedAtItsScreenWithItsNumberInTheFooter() throws {
        for (index, stop) in Guide.ideas.enumerated() {
            for (width, height) in [(80, 24), (120, 40)] {
                let state = try opened(index, width: width, height: height)
                #expect(!state.playing)
                let text = state.render().text
                #expect(text.contains("idea \(index + 1)/7"), "\(stop.picture) at \(width)×\(height):\n\(text)")
                // The footer's notice is whole at 80 columns.
                #expect(text.contains("PgDn PgUp"), "\(stop.picture) at \(width)×\(height):\n\(text)")
            }
        }
        // The screens are the guide's: idea 3 opens at the end on the boundary, idea 7 without zero_grad.
        #expect(try opened(2).view == .boundary)
        #expect(try opened(2).cursor == opened(2).lastEvent)
        #expect(try opened(6).render().text.contains("w.grad = -2.0 + (-7.84) = -9.84: grads accumulate"))
    }

    @Test func pageDownAndUpMoveBetweenIdeasAndSayWhyAtEitherEnd() throws {
        var first = try opened(0)
        #expect(first.update(.key(.pageDown)) == .changeIdea(by: 1))
        #expect(first.update(.key(.pageUp)) != .changeIdea(by: -1))
        #expect(first.notice == "the first idea: PgDn goes on")
        var last = try opened(6)
        #expect(last.update(.key(.pageUp)) == .changeIdea(by: -1))
        #expect(last.update(.key(.pageDown)) != .changeIdea(by: 1))
        #expect(last.notice?.hasPrefix("the last idea (7/7)") == true)
        // Every key of run keeps its meaning: → steps, v changes the view.
        var middle = try opened(1)
        let cursor = middle.cursor
        _ = middle.update(.key(.right))
        #expect(middle.cursor == cursor + 1)
    }

    @Test func outsideTheLecturePageKeysSayWhatTheyAreForAndDoNotPan() throws {
        var state = try makeState("deep193", width: 160, height: 45)
        let scroll = state.camera.scroll
        let effect = state.update(.key(.pageDown))
        #expect(effect != .changeIdea(by: 1))
        #expect(state.camera.scroll == scroll)
        let text = state.render().text
        #expect(text.contains("PgDn PgUp: ideas in `backprop lecture`; pan: ⇧←→, the wheel"), "\(text)")
        var small = try makeState("deep193", width: 80, height: 24)
        _ = small.update(.key(.pageUp))
        #expect(small.render().text.contains("pan: ⇧←→, the wheel"), "whole at 80 columns")
    }
}
