import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The quiz on matrix scenarios: one entry of each tensor, the one the inspector lights, with its
/// sum written out; Esc skips a question and never quits.
struct QuizMatrixTests {
    private func questions(_ name: String) throws -> (StepRecord, NodeNames, [(TimelineEvent, Quiz.Question?)]) {
        let scenario = try Builtins.load(name)
        let timeline = try Timeline(scenario: scenario, epochs: 1)
        let record = try timeline.record(ofStep: 0)
        let names = NodeNames(record)
        return (record, names, (0..<timeline.eventsPerStep).map { i in
            let e = timeline.event(at: i)
            return (e, Quiz.question(record: record, event: e, names: names, lr: scenario.train.lr))
        })
    }

    @Test func xorAsksAboutTheLargestEntryOfAWeightsGradientWithItsSumOverTheBatch() throws {
        let (record, names, all) = try questions("xor")
        let w2 = try #require((0..<record.parameterCount).first { names[$0] == "W2" })
        let q = try #require(all.first { $0.0.phase == .backward && $0.0.node == w2 }?.1)
        #expect(q.prompt.hasPrefix("∂loss/∂W2[0,0] = Σₛ ∂loss/∂z3[s] · h[0,s] = 0.10109446 × 0.49772504 + (-0.14996374) × 0.66503197 + "), "\(q.prompt)")
        #expect(q.prompt.hasSuffix(" = ?"))
        #expect(q.answer == record.grad(w2)[0])
        // The bias: its gradient is the sum over the four samples, each written.
        let b2 = try #require((0..<record.parameterCount).first { names[$0] == "b2" })
        let bias = try #require(all.first { $0.0.phase == .backward && $0.0.node == b2 }?.1)
        #expect(bias.prompt == "∂loss/∂b2 = Σₛ ∂loss/∂z4[s] = 0.10109446 + (-0.14996374) + (-0.14756516) + 0.10125466 = ?")
        // A hidden unit: the sum over the next layer's units (one here).
        let h = try #require(all.first { $0.0.phase == .backward && names[$0.0.node] == "h" }?.1)
        #expect(h.prompt.hasPrefix("∂loss/∂h[1,1] = W2[0,1] · ∂loss/∂z3[1] = 0.5774 × (-0.14996374) = ?"), "\(h.prompt)")
    }

    @Test func everyAnswerIsTheEntryTheInspectorLights() throws {
        for name in ["xor", "logistic", "gauss", "deep193", "collapse", "activation", "digits"] {
            let (record, _, all) = try questions(name)
            let asked = all.compactMap { e, q in q.map { (e, $0) } }
            #expect(asked.count >= 10, "\(name) asks only \(asked.count) questions: \(asked.map(\.1.prompt))")
            for (e, q) in asked where e.phase != .update {
                let values = e.phase == .forward ? record.value(e.node) : record.grad(e.node)
                let lit = InspectorPanel.largest(values) ?? 0
                #expect(q.answer == values[lit], "\(name): \(q.prompt) → \(q.answer), the grid lights \(values[lit])")
                #expect(q.prompt.contains(" = ?"))
            }
        }
    }

    @Test func aSumTooLongToWorkOutByHandIsNotAsked() throws {
        // deep193's weight gradients sum over 8 samples: not asked; its sigmoids are.
        let (_, names, all) = try questions("deep193")
        #expect(all.filter { $0.0.phase == .backward && names[$0.0.node].hasPrefix("W") }.allSatisfy { $0.1 == nil })
        #expect(all.contains { $0.1?.prompt.hasPrefix("h1[") == true })
    }

    @Test func escSkipsTheQuestionAndNeverQuits() throws {
        var options = AppOptions()
        options.quiz = true
        var state = try makeState("xor", width: 80, height: 24, options: options)
        state.press(.right)
        let question = try #require(state.question)
        #expect(state.screenText.contains("? z1[0,2] = Σₖ W1[0,k] · x[k,2]"), "\(state.screenText)")
        #expect(state.screenText.contains("your answer:"), "the answer's row shows at 80×24")
        #expect(state.press(.escape) == [.idle])
        #expect(state.verdict == "skipped: " + question.explanation)
        // No question open: Esc still does not quit the quiz; it says what it does.
        #expect(state.question == nil)
        let effects = state.press(.escape)
        #expect(effects != [.quit])
        #expect(state.screenText.contains("Esc skips questions in the quiz; q quits"))
        #expect(state.press(.character("q")) == [.quit])
    }
}
