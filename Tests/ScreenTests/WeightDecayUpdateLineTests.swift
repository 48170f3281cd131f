import Scenario
import Testing
import TestSupport
@testable import Screen

/// The update line with weight decay: `w = w − lr·(g + λ·w)` for sgd, λ·w in momentum's velocity
/// and Adam's moments, AdamW's decoupled `w·(1 − lr·λ)` before the step. The numbers are what
/// `python3 references/weight_decay_update.py` printed (torch.optim on TestScenarios.weightDecay,
/// the sixth update step, param w).
struct WeightDecayUpdateLineTests {
    func screen(_ name: String, width: Int = 200, height: Int = 60) throws -> String {
        let train = try #require(TestScenarios.weightDecaySettings.first { $0.name == name }?.train)
        let scenario = try ScenarioLoader.load(bytes: Array(TestScenarios.weightDecay(train).utf8), file: "\(name).toml")
        var state = TestScreen(timeline: try Timeline(scenario: scenario), width: width, height: height)
        let record = state.timeline.firstStep
        let within = try #require(state.timeline.template.firstIndex { $0.phase == .update && record.label($0.node) == "w" })
        state.seek(to: 5 * state.timeline.eventsPerStep + within)
        return state.render().lines.joined(separator: "\n")
    }

    func expectLines(_ text: String, _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines { #expect(text.contains(line), "missing \(line) in:\n\(text)", sourceLocation: sourceLocation) }
    }

    @Test func sgdWritesTheDecayInTheUpdate() throws {
        let text = try screen("sgd")
        expectLines(text, [
            "Update · w = w - lr·(g + λ·w), λ = weight_decay 0.1",
            "g + λ·w = -2.3321152 + 0.1 × 2.0009127 = -2.1320238",
            "w = 2.0009127 - 0.02 × (-2.1320238) = 2.043553",
        ])
        #expect(!text.contains("w.data = w.data - lr · w.grad.data"), "the plain line would be a wrong sum")
    }

    @Test func momentumsVelocityTakesTheDecayedGradient() throws {
        expectLines(try screen("momentum"), [
            "g = w.grad = 2.5797768",
            "g + λ·w = 2.5797768 + 0.05 × 2.497621 = 2.7046578",
            "v = 0.9·v + (g + λ·w) = ",
            " + 2.7046578 = -39.300785",
            "w = w - lr·v = 2.497621 - 0.01 × (-39.300785) = 2.8906288",
        ])
    }

    @Test func adamsMomentsTakeTheDecayedGradient() throws {
        expectLines(try screen("adam"), [
            "g + λ·w = -6.370427 + 0.2 × 1.4568262 = -6.079062",
            "m = 0.9·m + 0.1·(g + λ·w) = -5.4028683",
            "v = 0.999·v + 0.001·(g + λ·w)² = 1.3279105",
            "w = w + step = 1.4568262 + ",
            " = 1.5342382",
        ])
    }

    @Test func adamwShrinksTheWeightApartFromTheGradient() throws {
        let text = try screen("adamw")
        expectLines(text, [
            "Update · adamw, t = 6",
            "w·(1 - lr·λ) = 1.2867637 × 0.97 = 1.2481608 (AdamW: w shrinks apart from g, λ = 0.3)",
            "m = 0.9·m + 0.1·g = -6.0500655",
            "v = 0.999·v + 0.001·g² = 1.6249362",
            "w = w·(1 - lr·λ) + step = 1.2481608 + ",
            " = 1.3265238",
        ])
        #expect(!text.contains("g + λ·w"), "AdamW leaves the gradient alone")
    }

    /// At 80×24 the terse lines keep the decay.
    @Test(arguments: ["sgd", "momentum", "adam", "adamw"])
    func theDecayShowsAt80x24(_ name: String) throws {
        let text = try screen(name, width: 80, height: 24)
        #expect(text.contains(name == "adamw" ? "w·(1 - lr·λ) = 1.248" : "g + λ·w = "), "\(text)")
    }
}
