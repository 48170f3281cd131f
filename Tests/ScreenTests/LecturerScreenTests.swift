import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The lecturer's screen in lecture mode: the class's count and answers join the screen without
/// taking what the lecture needs — the title in the header, the graph, the inspector and its params table.
struct LecturerScreenTests {
    func lecturer(_ name: String, width: Int, height: Int, following: Int = 23, exploring: Int = 4,
                  answers: ClassAnswers? = nil, quiz: Bool = false) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height, options: AppOptions(quiz: quiz))
        if quiz { for _ in 0..<40 where state.question == nil { state.press(.right) } }
        _ = state.update(.lecture(.lecturer(following: following, exploring: exploring, answers: answers)))
        return state
    }

    /// From 100 columns the title's first words are on the header's row, whole or shortened with
    /// `…`; at every size the epoch and the class's count stay (at 80 columns `full batch` may give way to the title).
    @Test(arguments: [80, 100, 120], Builtins.names)
    func theLecturersHeaderKeepsTheTitle(_ width: Int, _ name: String) throws {
        let state = try lecturer(name, width: width, height: 30, following: 123, exploring: 45)
        let header = state.render().line(0)
        let title = state.timeline.scenario.title
        let firstWords = title.split(separator: " ").prefix(2).joined(separator: " ")
        if width >= 100 {
            #expect(header.hasPrefix(" " + firstWords), "\(name) at \(width): \(header)")
            #expect(header.contains(title) || header.contains("…"), "\(name) at \(width): cut without an ellipsis: \(header)")
        }
        #expect(header.contains("123"), "the class's count stays: \(header)")
        // `full batch` (one step an epoch) is the last thing to give way for the title, the epoch never.
        let short = HeaderPanel.positionShortText(state.event, in: state.run).map { header.contains($0 + "  ") } ?? false
        #expect(header.contains(HeaderPanel.positionText(state.event, in: state.run)) || short, "\(header)")
    }

    @Test func atAHundredColumnsTheCountIsWholeBesideTheTitle() throws {
        let header = try lecturer("deep193", width: 100, height: 30).render().line(0)
        #expect(header.contains("23 following · 4 exploring"), "\(header)")
        #expect(header.contains("The 5-6-7-7-6-5") || header.contains("5-6-7-7-6-5"), "\(header)")
    }

    @Test(arguments: [(80, 24), (100, 30), (120, 40), (160, 45)])
    func theClassAnswersLeaveTheParamsTableAndGraphWhole(_ width: Int, _ height: Int) throws {
        let answers = ClassAnswers(values: [1, 1, 1.005, -4, 3, 0.5, 12], skipped: 2, waiting: 1)
        let plain = try lecturer("linear", width: width, height: height, quiz: true)
        let boxed = try lecturer("linear", width: width, height: height, answers: answers, quiz: true)
        try #require(boxed.question != nil)
        let before = plain.render().lines, after = boxed.render().lines
        let text = after.joined(separator: "\n")
        #expect(text.contains("the class's answers"), "\(text)")
        #expect(text.contains("7 answered · 2 skipped"), "\(text)")
        #expect(text.contains("1 still thinking"), "\(text)")
        #expect(text.contains("3 of 7 within"), "\(text)")
        // The box takes the loss plot's place; every row left of it is as it was.
        let plot = try #require(boxed.visibleBodyAreas?.plot)
        for (y, (a, b)) in zip(before, after).enumerated() {
            #expect(Array(a).prefix(plot.x) == Array(b).prefix(plot.x), "row \(y) changed left of the plot at \(width)×\(height):\n\(text)")
        }
        #expect(text.contains("param  value"), "\(text)")
        // Every row of the box is whole: no count or share cut at the box's edge.
        for line in after where line.contains("answered") || line.contains("within") || line.contains("thinking") {
            #expect(line.contains("│"), "\(line)")
        }
    }

    @Test func theNarrowBoxWritesTheCountsOnTwoRows() {
        let panel = ClassAnswersPanel(answers: ClassAnswers(values: [1, 2], skipped: 10, waiting: 200), correct: 1, glyphs: .unicode)
        for width in [30, 40, 56] {
            for (text, _) in panel.lines(width: width - 2) where !text.contains("█") {
                #expect(displayWidth(of: text) <= width - 2, "\(text) at \(width)")
            }
        }
        #expect(panel.height(width: 56) == panel.height(width: 30) - 1)
    }
}

/// `a` and `T`: each screen its own glyphs and colours, listed in the one key map.
struct GlyphAndThemeKeysTests {
    @Test func aSwitchesToAsciiAndBack() throws {
        var state = try makeState(width: 100, height: 30)
        let unicode = state.screenText
        #expect(state.press(.character("a")).allSatisfy { $0 != .quit })
        #expect(!state.screenText.contains { !$0.isASCII }, "\(state.screenText)")
        #expect(state.screenText.contains("+ graph"), "\(state.screenText)")
        state.press(.character("a"))
        #expect(state.screenText == unicode)
    }

    @Test func theThemeCyclesAndMonoDrawsInShapes() throws {
        var state = try makeState(width: 100, height: 30)
        #expect(state.theme == .dark && state.colour)
        state.press(.character("T"))
        #expect(state.theme == .light && state.colour)
        state.press(.character("T"))
        #expect(state.theme == .mono && !state.colour)
        state.press(.character("T"))
        #expect(state.theme == .dark)
    }

    @Test func aTerminalWithoutColoursSaysSo() throws {
        var options = AppOptions()
        options.colour = false
        var state = try makeState(width: 100, height: 30, options: options)
        state.press(.character("T"))
        #expect(state.screenText.contains("shows no colours"), "\(state.screenText)")
    }
}
