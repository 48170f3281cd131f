import Autograd
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// One chain-rule sentence, built as terms and rendered per target.
struct ChainRuleTests {
    func rule(_ name: String, step: Int = 0) throws -> ChainRule {
        let record = try Timeline(scenario: Builtins.load(name)).record(ofStep: step)
        return ChainRule(record: record, names: NodeNames(record))
    }

    /// The node `y_pred = x · w` of the lecture, at its first step.
    @Test func theLecturesProductForwardAndBackInUnicodeAndAscii() throws {
        let r = try rule("linear")
        let mul = try #require(r.record.nodes.indices.first { r.record.nodes[$0].op == .mul })
        let (symbols, numbers) = r.forward(mul)
        #expect(symbols.text() == "y_pred = x · w")
        #expect(try #require(numbers).text() == "1.0 × 1.0")
        #expect(r.kept(mul).map { $0.text() } == ["kept: ∂y_pred/∂x = w = 1.0", "kept: ∂y_pred/∂w = x = 1.0"])
        let send = try #require(r.sends(mul).first { r.names[$0.input] == "w" })
        #expect(send.rule.text() == "∂loss/∂w = ∂loss/∂y_pred · ∂y_pred/∂w")
        #expect(send.numbers.text() == "    = -2.0 × 1.0 = -2.0")
        // ASCII is folded on the terms, not on the finished line.
        #expect(send.rule.text(ascii: true) == "dloss/dw = dloss/dy_pred * dy_pred/dw")
        #expect(send.numbers.text(ascii: true) == "    = -2.0 * 1.0 = -2.0")
    }

    /// A matrix product reads with its operands' names, in order, with shapes.
    @Test func matrixProductsReadWithRealNamesInOrderWithShapes() throws {
        let r = try rule("activation")
        let h = try #require(r.record.nodes.indices.first { r.names[$0] == "h" })
        let mm = try #require(r.record.nodes.indices.first { r.record.nodes[$0].op == .matmul && r.record.nodes[$0].b == h })
        let z = r.names[mm]
        let sends = r.sends(mm)
        let w2 = try #require(sends.first { r.names[$0.input] == "W2" })
        #expect(w2.rule.text() == "∂loss/∂W2 = ∂loss/∂\(z) · hᵀ  (1×8 · 8×3 = 1×3)")
        let toH = try #require(sends.first { $0.input == h })
        #expect(toH.rule.text() == "∂loss/∂h = W2ᵀ · ∂loss/∂\(z)  (3×1 · 1×8 = 3×8)")
        #expect(toH.rule.text(ascii: true) == "dloss/dh = W2T * dloss/d\(z)  (3x1 * 1x8 = 3x8)")
        // Forward keeps operands, not backward's rule: the rule is written when backward runs it.
        #expect(r.kept(mm).map { $0.text() } == ["kept: h 3×8 (backward needs it for ∂loss/∂W2)", "kept: W2 1×3 (backward needs it for ∂loss/∂h)"])
    }

    /// A constant local derivative is written once, with one minus sign (`−1`, not `−1 = -1.0`).
    @Test func aConstantLocalDerivativeIsWrittenOnce() throws {
        let r = try rule("linear")
        let sub = try #require(r.record.nodes.indices.first { r.names[$0] == "z1" })
        #expect(r.kept(sub).map { $0.text() } == ["kept: ∂z1/∂y_pred = 1", "kept: ∂z1/∂y = -1"])
    }

    /// The numbers of one matrix step of `activation` are PyTorch autograd's (torch 2.x, float32:
    /// W2.grad and z3.grad after `loss.backward()` on the first full batch).
    @Test func activationMatrixStepNumbersEqualPyTorch() throws {
        let r = try rule("activation")
        let h = try #require(r.record.nodes.indices.first { r.names[$0] == "h" })
        let mm = try #require(r.record.nodes.indices.first { r.record.nodes[$0].op == .matmul && r.record.nodes[$0].b == h })
        let w2 = try #require(r.record.nodes.indices.first { r.names[$0] == "W2" })
        let torchW2Grad = [-0.7491087913513184, -0.8016261458396912, -0.753129243850708]
        let torchZ3Grad = [-0.34751248359680176, -0.30561384558677673, -0.38941118121147156, -0.26896727085113525,
                           -0.11130779981613159, -0.08371716737747192, -0.07526100426912308, -0.04881076514720917]
        #expect(r.record.grad(mm) == torchZ3Grad)
        #expect(r.record.backward.contribution(from: mm, to: w2) == torchW2Grad)
        let send = try #require(r.sends(mm).first { $0.input == w2 })
        #expect(send.numbers == [.text("    = "), .tensor(torchW2Grad, Shape(rows: 1, cols: 3))])
    }

    /// The quiz asks the same sentence the inspector writes.
    @Test func theQuizAsksTheInspectorsSentence() throws {
        let r = try rule("linear")
        let mul = try #require(r.record.nodes.indices.first { r.record.nodes[$0].op == .mul })
        let event = TimelineEvent(epoch: 0, batch: 0, step: 0, phase: .forward, node: mul, indexInStep: 0)
        let q = try #require(Quiz.question(record: r.record, event: event, names: r.names))
        let (symbols, numbers) = r.forward(mul)
        #expect(q.prompt == (symbols + [.text(" = ")] + (numbers ?? []) + [.text(" = "), .unknown]).text())
        #expect(q.prompt == "y_pred = x · w = 1.0 × 1.0 = ?")
    }
}
