import Scenario
import Testing
import TextCanvas
@testable import Screen

/// At 80 columns the header shortens the title with `…` and never drops it, whatever else the
/// position has to say (a fork's lr or model, NO zero_grad, the lecture's ideas).
@Suite struct HeaderTitleTests {
    /// The title as the header shows it: the text before `epoch`.
    static func shownTitle(_ state: TestScreen) -> String {
        let header = state.render().line(0)
        let start = header.range(of: "epoch ")?.lowerBound ?? header.startIndex
        return header[..<start].trimmingCharacters(in: .whitespaces)
    }

    static func expectTitle(_ state: TestScreen, _ label: String) {
        let header = state.render().line(0)
        let shown = shownTitle(state), title = state.timeline.scenario.title
        #expect(!shown.isEmpty, "\(label): the title is dropped: \(header)")
        #expect(shown == title || (shown.hasSuffix("…") && title.hasPrefix(String(shown.dropLast()).trimmingCharacters(in: .whitespaces))),
                "\(label): `\(shown)` is not the title shortened with …: \(header)")
        #expect(header.contains("epoch \(state.event.epoch)/") && header.contains("lr "), "\(label): where it is shows: \(header)")
        #expect(header.contains(state.event.phase.rawValue), "\(label): the phase shows: \(header)")
    }

    @Test(arguments: ["activation", "deep193", "xor", "linear", "logistic"])
    func theTitleStaysBesideForksAndNoZeroGradAt80x24(_ name: String) throws {
        for keys in ["", "<", "A", "O", "z", "AO<", "zO", "zA", "zAO<<"] {
            var state = try makeState(name, width: 80, height: 24)
            for _ in 0..<40 { state.press(.right) }
            state.press(keys)
            Self.expectTitle(state, "\(name) after `\(keys)`")
        }
    }

    @Test func theLecturesIdeasKeepTheirTitlesAt80x24() throws {
        for index in Guide.ideas.indices {
            var state = try LectureStopTests().opened(index, width: 80, height: 24)
            Self.expectTitle(state, "idea \(index + 1)")
            state.press("O")
            Self.expectTitle(state, "idea \(index + 1) after O")
        }
    }

    @Test func aTitleWithNoWholeWordRoomShowsItsHead() {
        #expect(HeaderPanel.titleHead("The 5-6-7-7-6-5 network", width: 12) == "The 5-6-7-7…")
        #expect(HeaderPanel.titleHead("An activation breaks", width: 4) == "An…", "no space before …")
        #expect(HeaderPanel.titleHead("XOR", width: 3) == "XOR")
        #expect(HeaderPanel.titleHead("XOR", width: 1) == "")
    }
}
