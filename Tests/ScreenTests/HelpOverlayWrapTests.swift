import Testing
import TextCanvas
@testable import Screen

/// The `?` overlay breaks a long help text into rows under its key instead of cutting it.
struct HelpOverlayWrapTests {
    @Test(arguments: ["deep193", "spiral", "linear"])
    func everyHelpTextShowsWholeInTheOverlaysWidth(_ name: String) throws {
        let state = try makeState(name, width: 80, height: 24)
        let width = HelpOverlay.textWidth(in: state.screenAreas.body)
        let rows = HelpOverlay.rows(state.helpEntries, textWidth: width)
        for row in rows { #expect(displayWidth(of: row.text) <= width, "\(row.text)") }
        // Joined again, the rows say every word of every text, in order.
        let shown = rows.map(\.text).joined(separator: " ").split(separator: " ").joined(separator: " ")
        let written = KeyMap.bindings.map { state.state.help(for: $0) }.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(shown.hasPrefix(written))
    }

    @Test func deep193sViewListWrapsUnderTheKeyV() throws {
        var state = try makeState("deep193", width: 80, height: 24)
        state.press(.character("?"))
        let lines = state.screenText.split(separator: "\n").map(String.init)
        let v = try #require(lines.firstIndex { $0.contains(" v          cycle the view:") })
        #expect(lines[v + 1].contains("gradient heat maps"), "\(lines[v + 1])")
    }
}
