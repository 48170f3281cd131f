import Foundation
import Testing
@testable import Export
import Scenario

let dotMissing = "Graphviz `dot` is not installed here (apt-get install graphviz): DOT output is not rendered"

struct DotExportTests {
    @Test func dotShowsTheChosenStepsValuesAndGradients() throws {
        // Step 1 of the lecture: x = 2.0, w = 1.02 after the first update, ∂loss/∂w = -7.84.
        let dot = try DotGraph.render(Builtins.load("linear"), step: 1)
        #expect(dot.hasPrefix("digraph backprop {"))
        #expect(dot.contains("rankdir=LR"))
        #expect(dot.contains("label=\"w\\nparam · scalar\\nvalue = 1.02\\ngrad = -7.84\""))
        #expect(dot.contains("label=\"x\\ndata · scalar\\nvalue = 2.0\""))
        #expect(dot.contains("× → y_pred"))
        #expect(dot.contains("^2 → loss"))
        #expect(dot.contains("n0 -> n2;"))
    }

    @Test func tensorNodesShowShapeAndAFewValues() throws {
        let dot = try DotGraph.render(Builtins.load("collapse"), step: 0)
        #expect(dot.contains("MM"))
        #expect(dot.contains("W1\\nparam · 3×2\\nvalue = [-0.5241, 0.0885, -0.2601, 0.2078, …]"))
    }

    @Test func labelsAreEscaped() {
        #expect(DotGraph.quote("a \"b\" \\ c\nd ŷ") == "\"a \\\"b\\\" \\\\ c\\nd ŷ\"")
    }

    @Test func stepPastTheEndIsAUsageError() throws {
        let scenario = try Builtins.load("chain-rule")  // 5 epochs of 1 step
        #expect(throws: Never.self) { try DotGraph.render(scenario, step: 4) }
        do {
            _ = try DotGraph.render(scenario, step: 5)
            Issue.record("step 5 should be past the end")
        } catch let error as ExportError {
            #expect(error.isUsage)
            #expect(error.message.contains("past the end"))
        }
    }

    @Test(.enabled(if: Tools.dot != nil, Comment(rawValue: dotMissing)), arguments: Builtins.names)
    func dotGraphRendersWithGraphviz(_ name: String) throws {
        let scenario = try Builtins.load(name)
        for step in [0, scenario.train.epochs * scenario.stepsPerEpoch - 1] {
            let result = try Tools.run(try #require(Tools.dot), ["-Tsvg"], input: try DotGraph.render(scenario, step: step))
            #expect(result.status == 0, "dot failed: \(result.stderr)")
            #expect(result.stdout.contains("<svg"))
        }
    }

    @Test(.enabled(if: Tools.dot != nil, Comment(rawValue: dotMissing)))
    func awkwardTitlesStillRender() throws {
        let scenario = try ScenarioLoader.load(bytes: Array("""
            title = "quotes \\" and \\\\ backslashes { } | < > ŷ"
            [data]
            x = [1.0]
            y = [2.0]
            [params]
            w = 1.0
            [model]
            forward = "x * w"
            loss = "(y_pred - y)^2"
            """.utf8), file: "awkward.toml")
        let result = try Tools.run(try #require(Tools.dot), ["-Tsvg"], input: try DotGraph.render(scenario, step: 0))
        #expect(result.status == 0, "dot failed: \(result.stderr)")
    }
}
