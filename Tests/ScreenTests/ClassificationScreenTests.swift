import Scenario
import Testing
import TextCanvas
@testable import Screen

/// What a lecturer would trip on at 80×24 in the classification scenarios.
struct ClassificationAt80x24Tests {
    /// The plot's title shortens rather than cut the accuracy off, and keeps "mean".
    @Test func thePlotTitleKeepsTheAccuracy() throws {
        var state = try makeState("digits", width: 80, height: 24)
        state.press(.character("]"), .character("]"))
        let plot = try #require(state.visibleBodyAreas?.plot)
        let title = state.render().line(plot.y)
        #expect(title.contains("mean loss · accuracy 70.3%"), "\(title)")
    }

    /// Too few rows for ten bars: the true class, the pick and the likeliest others, and a line
    /// saying how many are left out.
    @Test func theSampleViewSaysWhichClassesItLeavesOut() throws {
        var state = try makeState("digits", width: 80, height: 24)
        while state.view != .sample { state.press(.character("v")) }
        while state.prepared(SampleView.self)?.computed != true { state.press(.right) }
        let text = state.screenText
        #expect(text.contains("◀ true"))
        #expect(text.contains("more, each ≤"), "\(text)")
        let picture = try #require(state.prepared(SampleView.self)?.picture)
        let shown = SamplePanel.shownClasses(picture, rows: 7)
        #expect(shown.count == 6 && shown == shown.sorted())
        #expect(picture.label.map(shown.contains) == true && shown.contains(picture.predicted))
        #expect(SamplePanel.shownClasses(picture, rows: 10) == Array(0..<10))
    }

    @Test func theBoundaryLegendNamesTheClassesFirst() throws {
        var state = try makeState("gauss", width: 80, height: 24)
        while state.view != .boundary { state.press(.character("v")) }
        #expect(state.screenText.contains("× orange 0, ● blue 1"))
    }
}
