import Testing
import TextCanvas
@testable import Screen

/// The inspector wraps a long sum at its terms and every row, the later ones with their indent,
/// stays inside the box (a continuation row was a column too wide: `(-0.00143` lost its `)`).
struct InspectorWrapTests {
    @Test func everyWrappedRowFitsItsWidth() throws {
        let state = try makeState("deep193", width: 120, height: 40)
        let panel = state.state.inspectorPanel(try #require(state.shown.record))
        let terms = (0..<40).map { i in i % 3 == 0 ? "(-0.00\(100 + i * 7))" : i % 3 == 1 ? "×" : "0.\(i * 13)" }
        for indent in ["", " ", "   ", "      "] {
            for width in 20...70 {
                let rows = panel.rows(of: [(indent + "= " + terms.joined(separator: " "), .normal)], width: width, lines: 40)
                #expect(rows.count > 1, "the test is about wrapped rows")
                for row in rows {
                    #expect(displayWidth(of: row.line) <= width, "indent \(indent.count), width \(width): `\(row.line)`")
                }
            }
        }
    }
}
