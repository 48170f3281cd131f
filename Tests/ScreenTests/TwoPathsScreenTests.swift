import Scenario
import Testing
import TextCanvas
@testable import Screen

/// two-paths (ŷ = x·w + w·w·x): w feeds three edges; its gradient arrives by each, is written as
/// their sum, and when it is complete (AccumulateGrad) every edge it came back along lights up.
struct TwoPathsScreenTests {
    func atBackward(of name: String, width: Int, height: Int) throws -> TestScreen {
        var state = try makeState("two-paths", width: width, height: height)
        let names = NodeNames(state.timeline.firstStep)
        let id = try #require(state.timeline.firstStep.nodes.indices.first { names[$0] == name })
        let index = try #require(state.timeline.template.firstIndex { $0.phase == .backward && $0.node == id })
        state.seek(to: index)
        return state
    }

    @Test func everyEdgeOfWLightsWhenItsGradIsComplete() throws {
        let state = try atBackward(of: "w", width: 120, height: 40)
        let record = try #require(state.shown.record)
        let w = state.event.node
        let picture = GraphPictureBuilder.picture(record: record, event: state.event, template: state.timeline.template, names: NodeNames(record))
        let fromW = picture.edges.filter { $0.from == w }
        #expect(fromW.count == 3, "x·w once, w·w twice")
        #expect(fromW.allSatisfy { $0.style == .active }, "\(fromW.map(\.style))")
        #expect(picture.edges.filter { $0.from != w }.allSatisfy { $0.style != .active })
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theGradientIsWrittenAsTheSumOfItsPaths(_ size: (Int, Int)) throws {
        let state = try atBackward(of: "w", width: size.0, height: size.1)
        let text = state.screenText
        let record = try #require(state.shown.record)
        let parts = record.backward.messages.filter { $0.to == state.event.node }
        #expect(parts.count == 3)
        #expect(abs(parts.map { $0.contribution[0] }.reduce(0, +) - record.grad(state.event.node)[0]) < 1e-6)
        #expect(text.contains("(via z2)") && text.contains("(via z1)"), "\(text)")
    }

    /// At w·w each use of w gets its own part, said to add.
    @Test func wTimesWWritesBothUses() throws {
        let state = try atBackward(of: "z2", width: 120, height: 40)
        let text = state.screenText
        #expect(text.contains("∂z2/∂w (left w)"), "\(text)")
        #expect(text.contains("∂z2/∂w (right w; the parts add)"), "\(text)")
    }
}
