import Scenario
import Testing
import TextCanvas
@testable import Screen

/// After a fork of the model (A, O) the code pane shows the code the run executes at the cursor:
/// the fork's activation and optimizer from its step on, the scenario's own before it.
struct ForkCodePaneTests {
    func forkedAtEpoch100(_ width: Int, _ height: Int) throws -> TestScreen {
        var state = try makeState("activation", width: width, height: height)
        state.press(.character("c"))
        #expect(state.sidePane == .code)
        for _ in 0..<100 { state.press(.character("]")) }
        return state
    }

    @Test func theListingIsTheCodeOfTheCursorsStep() throws {
        var state = try forkedAtEpoch100(120, 40)
        let before = try #require(state.codeListing).text
        #expect(before.contains("h = torch.sigmoid(W1 @ x + b1)"))
        state.press(.character("A"))
        let tanh = try #require(state.codeListing).text
        #expect(tanh.contains("h = torch.tanh(W1 @ x + b1)") && !tanh.contains("sigmoid"), "\(tanh)")
        state.press(.character("O"))
        let momentum = try #require(state.codeListing).text
        #expect(momentum.contains("optimizer = torch.optim.SGD([W1, b1, W2, b2], lr=0.5, momentum=0.9)"), "\(momentum)")
        #expect(momentum.contains("h = torch.tanh(W1 @ x + b1)"), "the activation fork stays")
        // Going back before the fork: the code as it ran there.
        state.press(.character("["))
        #expect(state.event.epoch == 99)
        #expect(try #require(state.codeListing).text == before)
    }

    /// The pane shows the loop; the lines the fork changed are kept in view (written above the
    /// loop when it scrolls past them, both ends of a long one), so after A the pane says tanh.
    @Test(arguments: [(80, 24), (120, 40)])
    func theCodePaneSaysTheFork(_ size: (Int, Int)) throws {
        var state = try forkedAtEpoch100(size.0, size.1)
        #expect(!state.screenText.contains("# forked"))
        state.press(.character("A"))
        var text = state.screenText
        #expect(text.contains("h = torch.tanh(W1 @ x + b1)  # forked") && !text.contains("torch.sigmoid"), "\(size)\n\(text)")
        #expect(text.contains("l = loss(stack(x), stack(y))"), "\(size): the loop's lit line stays\n\(text)")
        state.press(.character("O"))
        text = state.screenText
        #expect(text.contains("momentum=0.9)"), "\(size): the fork's optimizer, its end in view\n\(text)")
        #expect(text.contains("torch.tanh(W1 @ x + b1)"), "\(size)\n\(text)")
        // Back before the fork: the code as it ran there, nothing marked.
        state.press(.character("["))
        text = state.screenText
        #expect(!text.contains("# forked") && !text.contains("momentum=0.9"), "\(size)\n\(text)")
    }

    @Test func aLongLineKeepsBothEnds() {
        let line = "optimizer = torch.optim.SGD([W1, b1, W2, b2], lr=0.5, momentum=0.9)"
        #expect(CodePanel.keepingEnds(line, width: 44, ellipsis: "…") == "optimizer = torch.optim.SGD(…, momentum=0.9)")
        #expect(CodePanel.keepingEnds(line, width: 80, ellipsis: "…") == line)
        #expect(CodePanel.keepingEnds("h = torch.tanh(W1 @ x + b1)", width: 20, ellipsis: "~") == "h = torch.tanh(W1 @~", "too narrow for both ends: cut")
    }
}
