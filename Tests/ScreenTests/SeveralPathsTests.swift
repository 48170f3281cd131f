import Scenario
import Testing
import TextCanvas
@testable import Screen

/// A gradient that arrives by several paths is written as the sum of its parts, on the shipped
/// scenarios where that happens (every BCE loss: y_pred feeds both log(y_pred) and 1 − y_pred).
@Suite struct SeveralPathsTests {
    /// The state with the cursor on `name`'s backward event in the first step.
    private func atBackward(of name: String, in scenario: String, width: Int, height: Int) throws -> TestScreen {
        var state = try makeState(scenario, width: width, height: height)
        let names = NodeNames(state.timeline.firstStep)
        let id = try #require(state.timeline.firstStep.nodes.indices.first { names[$0] == name })
        let index = try #require(state.timeline.template.firstIndex { $0.phase == .backward && $0.node == id })
        state.state.moveTo(index, training: state.training)
        state.state.keepFocusInView()
        #expect(state.event.node == id && state.event.phase == .backward)
        return state
    }

    @Test func xorsOutputGradientIsTheSumOfWhatItsTwoConsumersSent() throws {
        let state = try atBackward(of: "y_pred", in: "xor", width: 160, height: 45)
        let record = state.timeline.firstStep
        let names = NodeNames(record)
        let id = state.event.node
        let parts = record.backward.messages.filter { $0.to == id }
        // y·log(y_pred) sends through the log node, (1 − y)·log(1 − y_pred) through the 1 − node.
        #expect(parts.map { names[$0.from] }.sorted() == ["z5", "z8"])
        let sum = zip(parts[0].contribution, parts[1].contribution).map { $0 + $1 }
        for (a, b) in zip(sum, record.grad(id)) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b))) }
        let text = state.screenText
        let line = try #require(text.split(separator: "\n").first { $0.contains("(via z8)") })
        #expect(line.contains("∂loss/∂y_pred = "))
        #expect(line.contains(" + "))
        #expect(line.contains("(via z5)"))
        // The sum comes right under the arriving gradient, before the chain rule sends it on.
        let lines = text.split(separator: "\n").map(String.init)
        let arrives = try #require(lines.firstIndex { $0.contains("∂loss/∂y_pred = ") && $0.contains("arrives from downstream") })
        #expect(lines[arrives + 1].contains("(via z8)"))
    }

    @Test func logisticWritesTheSumAtEverySize() throws {
        for (width, height) in [(120, 40), (160, 45), (200, 60)] {
            let state = try atBackward(of: "y_pred", in: "logistic", width: width, height: height)
            let text = state.screenText
            #expect(text.contains("(via z6) + "), "\(width)×\(height)")
            #expect(text.contains("(via z3)"), "\(width)×\(height)")
        }
        // At 80×24 the sentence wraps inside the inspector, but it is all there.
        let small = try atBackward(of: "y_pred", in: "logistic", width: 80, height: 24).screenText
        #expect(small.contains("(via z3)") && small.contains("z6) + "))
    }
}
