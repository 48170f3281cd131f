import Export
import Scenario
import Testing
@testable import Screen

/// One name per node, the same everywhere (graph, inspector, captions, quiz, DOT); constants fold
/// into their op's label instead of standing as nodes.
struct NodeNamesTests {
    @Test(arguments: Builtins.names)
    func noTwoNodesShareANameAndTheFinalReductionIsLoss(_ name: String) throws {
        let record = try makeState(name).timeline.firstStep
        let names = NodeNames(record)
        let shown = record.nodes.indices.filter { record.nodes[$0].op != .constant }.map { names[$0] }
        #expect(Set(shown).count == shown.count, "\(name): \(shown)")
        #expect(names[record.lossNode] == "loss")
    }

    @Test func collapseFoldsTheConstantIntoItsOp() throws {
        var state = try makeState("collapse", width: 160, height: 45)
        let record = state.timeline.firstStep
        let names = NodeNames(record)
        let div = try #require(record.nodes.indices.first { names.opLabel($0) == "÷ 2" })
        #expect(names[div] == "z9", "the ÷ node has its own z-name; only mean is loss")
        state.seek(to: try #require(state.timeline.template.firstIndex { $0.phase == .forward && $0.node == div }))
        let text = state.render().lines.joined(separator: "\n")
        #expect(text.contains("(÷ 2) z9"), "the graph box: \(text)")
        #expect(text.contains("Forward · node ÷ 2 computes z9"))
        #expect(text.contains("kept: ∂z9/∂z8 = 1/2"))
        #expect(!text.contains("∂loss/∂2") && !text.contains("∂z9/∂2"), "a constant gets no gradient: \(text)")
        #expect(!text.contains("b²"))
    }

    @Test func theDotExportNamesNodesAsTheScreenDoes() throws {
        let dot = try DotGraph.render(try Builtins.load("collapse"), step: 0)
        for label in ["MM → z1", "+ → h", "÷ 2 → z9", "mean → loss"] { #expect(dot.contains(label), "\(label) in \(dot)") }
        #expect(dot.components(separatedBy: "→ loss").count == 2, "one node is loss")
        #expect(!dot.contains("style=dashed"), "no constant node")
    }
}
