import Scenario
import Testing
import TextCanvas
@testable import Screen

/// One count of epochs and samples everywhere, from 0 as the lecture's `progress: 0` counts, and
/// speeds in words a lecture hall reads.
struct LectureCountTests {
    @Test func headerCaptionAndPlotAgreeOnTheEpochAtTheEnd() throws {
        var state = try makeState(width: 120, height: 40)
        state.press(.character("G"))
        let text = state.screenText
        #expect(state.render().line(0).contains("epoch 99/99"), "\(text)")
        #expect(text.contains("epoch 99:"), "the plot's label names the same epoch: \(text)")
        #expect(!text.contains("epoch 100"), "\(text)")
    }

    @Test func theCaptionAboutEpochOneShowsWhileTheHeaderSaysEpochOne() throws {
        var state = try makeState(width: 120, height: 40)
        let note = try #require(state.noteEvents.first { $0.note.text.hasPrefix("Epoch 1:") })
        state.seek(to: note.index)
        let text = state.screenText
        #expect(text.contains("Epoch 1:"), "\(text)")
        #expect(state.render().line(0).contains("epoch 1/99"), "\(state.render().line(0))")
    }

    @Test func thePlotSaysItDrawsTheMeanLossPerEpoch() throws {
        var state = try makeState(width: 120, height: 40)
        state.press(.character("]"))
        #expect(state.screenText.contains("mean loss per epoch"))
    }

    @Test func anySpeedAboveZeroIsTakenAsGiven() throws {
        var state = try makeState(options: AppOptions(speed: 3))
        #expect(state.eventsPerSecond == 3, "--speed 3 must not become 2")
        #expect(state.render().line(0).contains("3 nodes a second"), "\(state.render().line(0))")
        state.press(.character("+"))
        #expect(state.eventsPerSecond == 4)
        state.press(.character("-"), .character("-"))
        #expect(state.eventsPerSecond == 2)
        let slow = try makeState(options: AppOptions(speed: 0.5))
        #expect(slow.eventsPerSecond == 0.5)
    }

    @Test func speedsReadAsWords() throws {
        var state = try makeState(options: AppOptions(speed: 1))
        #expect(state.speedText == "1 node a second")
        state.speedLevel = state.speeds.count - 1
        let fast = state.speedText
        #expect(fast.hasSuffix("epochs a second"), "\(fast)")
        #expect(!fast.contains("/"), "\(fast)")
    }
}
