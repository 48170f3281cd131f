import Autograd
import Foundation
import PyTorchCode
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// A function row the program has never heard of, defined here and nowhere else: softsign,
/// a / (1 + |a|). Added to a function table, it is parsed, trained (the compiled step and the
/// recorded one), drawn on its node, exported to PyTorch, differentiated right, and a feature may
/// call it: a new row needs nothing but itself.
struct MadeUpOpRowTests {
    /// a / (1 + |a|), each step rounded to the dtype; ∂z/∂a = 1 / (1 + |a|)².
    enum SoftsignRule: ElementRule {
        static func value<S: EngineScalar>(_ e: Element<S>) -> S { e.r(e.a / e.r(1 + Swift.abs(e.a))) }
        static func local<S: EngineScalar>(_ slot: Int, _ e: Element<S>) -> S {
            let d = e.r(1 + Swift.abs(e.a))
            return e.r(1 / e.r(d * d))
        }
    }

    /// PyTorch's F.softsign is a division (`a / (a.abs() + 1)`), so its grad_fn is DivBackward0.
    static let softsign = OpRow(
        function: "softsign", pytorch: "torch.nn.functional.softsign", local: [.text("1/(1+|"), .operand(0), .text("|)²")],
        gradFn: "DivBackward0", python: PythonFloat([.text("(("), .operand(0), .text(") / (1 + abs("), .operand(0), .text(")))")]),
        rule: SoftsignRule.self)

    static func table() throws -> FunctionTable { try #require(FunctionTable.standard.adding(softsign)) }

    static func load(_ text: String, functions: FunctionTable) throws(Diagnostic) -> Scenario {
        try ScenarioLoader.load(bytes: Array(text.utf8), file: "softsign.toml", functions: functions)
    }

    @Test func withoutTheRowTheNameIsUnknownAtItsPlace() throws {
        do {
            _ = try Self.load(TestScenarioText.oneFunction("softsign"), functions: .standard)
            Issue.record("softsign parsed without its row")
        } catch {
            #expect(error.message.contains("unknown function 'softsign'"), "\(error)")
            #expect(error.line == 8 && error.column == 17, "\(error)")
        }
        #expect(FunctionTable.standard.adding(Op.sigmoid.row) == nil, "a name the table has is not added twice")
    }

    @Test func theRowIsParsedDrawnAndExported() throws {
        let scenario = try Self.load(TestScenarioText.oneFunction("softsign"), functions: try Self.table())
        let op = Op.added(Self.softsign)
        #expect(scenario.program.makes(op), "the parser made no softsign instruction")
        let screen = try EveryOpReachesTests.screenAfterForward(scenario)
        #expect(screen.contains("softsign h"), "no node titled softsign h on the graph\n\(screen)")
        let script = try PyTorchScript(scenario: scenario).text()
        #expect(script.contains("torch.nn.functional.softsign("),
                "the export does not call softsign on x · v\n\(script)")
    }

    /// Every step of two epochs (the first recorded as it is built, the later ones replayed by the
    /// compiled step): the engine's gradients of v and w against central differences of the
    /// loss (w · softsign(x · v) − y)², written out here in float64.
    @Test func theRowIsDifferentiatedRight() throws {
        let scenario = try Self.load(TestScenarioText.oneFunction("softsign"), functions: try Self.table())
        let timeline = try Timeline(scenario: scenario)
        let xs = [1.0, 2.0], ys = [0.5, 1.0]
        func loss(_ v: Double, _ w: Double, _ sample: Int) -> Double {
            let a = xs[sample] * v
            let d = w * (a / (1 + Swift.abs(a))) - ys[sample]
            return d * d
        }
        for step in 0..<4 {
            let record = try timeline.record(ofStep: step)
            let v = record.paramsBefore[0][0], w = record.paramsBefore[1][0], sample = record.batch
            let h = 1e-6
            let dv = (loss(v + h, w, sample) - loss(v - h, w, sample)) / (2 * h)
            let dw = (loss(v, w + h, sample) - loss(v, w - h, sample)) / (2 * h)
            let engine = (v: record.grad(0)[0], w: record.grad(1)[0])
            #expect(Swift.abs(engine.v - dv) <= 1e-5 * Swift.abs(dv), "step \(step): ∂loss/∂v \(engine.v), finite difference \(dv)")
            #expect(Swift.abs(engine.w - dw) <= 1e-5 * Swift.abs(dw), "step \(step): ∂loss/∂w \(engine.w), finite difference \(dw)")
        }
    }

    /// The feature list reads the same table: softsign(x1) is computed in float64 as the row's
    /// rule computes it, and the export writes it in Python's float arithmetic.
    @Test func aFeatureMayCallTheRow() throws {
        let text = """
            [data]
            x1 = [0.5, -1.0, 2.0]
            y = [1.0, 0.0, 1.0]
            features = ["x1", "softsign(x1)"]
            [params]
            w = [[0.1, 0.2]]
            [model]
            forward = "w @ x"
            loss = "(y_pred - y)^2"
            """
        let scenario = try Self.load(text, functions: try Self.table())
        let x = try #require(scenario.data.first { $0.name == "x" })
        #expect(x.vectorLength == 2 && x.values == [0.5, 0.5 / 1.5, -1.0, -0.5, 2.0, 2.0 / 3.0])
        let script = try PyTorchScript(scenario: scenario).text()
        #expect(script.contains("((x1) / (1 + abs(x1)))"), "\(script)")
        do {
            _ = try Self.load(text, functions: .standard)
            Issue.record("a feature called softsign without its row")
        } catch {
            #expect(error.line == 4 && error.column == 20 && error.message.contains("unknown function 'softsign'"), "\(error)")
        }
    }
}
