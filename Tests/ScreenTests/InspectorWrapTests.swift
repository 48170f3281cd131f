import Testing
@testable import Screen

/// The inspector wraps its sentences between tensors, never inside one's brackets.
struct InspectorWrapTests {
    @Test func theSeveralPathSumWrapsBetweenItsTensors() throws {
        // xor at 120×40, backward at sigmoid y_pred: ∂loss/∂y_pred = 1×4 […] (via z8) + 1×4 […] (via z5).
        var state = try makeState("xor", width: 120, height: 40)
        state.seek(to: 25)
        let rows = state.screenText.split(separator: "\n").map(String.init)
        let sum = try #require(rows.firstIndex { $0.contains("(via z8)") })
        #expect(rows[sum].contains("1×4 [0.4197 0.0000 …] (via z8) +"), "\(rows[sum])")
        #expect(rows[sum + 1].contains("1×4 [-0.000 -0.625 …] (via z5)"), "\(rows[sum + 1])")
        for row in rows where row.contains("∂loss") {
            let opened = row.filter { $0 == "[" }.count, closed = row.filter { $0 == "]" }.count
            #expect(opened == closed, "a row of the inspector ends inside a tensor: \(row)")
        }
    }

    @Test func aTensorWiderThanARowKeepsItsWords() {
        let words = ["=", "1×4", "[0.1", "0.2", "0.3]", "(via", "z8)"]
        #expect(InspectorPanel.keepingTensorsWhole(words, width: 40) == ["=", "1×4 [0.1 0.2 0.3]", "(via", "z8)"])
        #expect(InspectorPanel.keepingTensorsWhole(words, width: 10) == words)
    }
}
