import Autograd
import Testing
@testable import Scenario

/// `check` works out a model's shapes without its numbers (`ModelRunner.shapes`): every shape it
/// finds is the one the tape builds, and a mismatch is named as the tape names it.
struct ShapePassTests {
    @Test(arguments: Builtins.names)
    func everyShippedScenarioShapesAsItRuns(_ name: String) throws {
        let scenario = try Builtins.load(name)
        let runner = ModelRunner(scenario: scenario, program: scenario.program)
        for b in Set([0, runner.batchCount - 1]).sorted() {
            let shapes = try runner.shapes(ofBatch: b)
            try runner.run(batch: b)
            #expect(shapes.count == scenario.program.instructions.count)
            for k in shapes.indices {
                #expect(runner.tensor(ofSlot: k)?.shape == shapes[k], "\(name) batch \(b) instruction \(k)")
            }
        }
        for inputs in PredictInputs.batches(of: scenario, program: scenario.program) {
            let shapes = try runner.shapes(ofInputs: inputs.map(\.shape))
            _ = try runner.predict(inputs)
            #expect(shapes.count == scenario.program.forwardEnd)
            for k in shapes.indices { #expect(runner.tensor(ofSlot: k)?.shape == shapes[k], "\(name) predict instruction \(k)") }
        }
    }

    @Test func aMismatchIsNamedAsTheTapeNamesIt() throws {
        let text = """
            [data]
            x = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
            y = [1.0, 2.0, 3.0]
            [params]
            W = [[1.0, 2.0]]
            [model]
            forward = ["h = softmax(x)", "y_pred = W @ h"]
            loss = "(y_pred - y)^2"
            [train]
            batch_size = 2

            """
        let good = try ScenarioLoader.load(bytes: Array(text.utf8), file: "s.toml")
        // W of three columns: check refuses it at load; past the checker, working the shapes out
        // and running the model fail at the same instruction with the same words.
        let bad = text.replacingOccurrences(of: "W = [[1.0, 2.0]]", with: "W = [[1.0, 2.0, 3.0]]")
        #expect(throws: Diagnostic.self) { try ScenarioLoader.load(bytes: Array(bad.utf8), file: "s.toml") }
        var wrong = good
        wrong.parameters[0].values = [1, 2, 3]
        wrong.parameters[0].shape = .matrix(1, 3)
        let runner = ModelRunner(scenario: wrong, program: good.program)
        var fromShapes: ModelRunner.Failure?
        do { _ = try runner.shapes(ofBatch: 0) } catch { fromShapes = error }
        var fromRun: ModelRunner.Failure?
        do { try runner.run(batch: 0) } catch { fromRun = error }
        #expect(fromShapes != nil && fromShapes?.instruction == fromRun?.instruction && fromShapes?.error == fromRun?.error,
                "\(String(describing: fromShapes)) vs \(String(describing: fromRun))")
        #expect(fromShapes?.error.description == "shapes do not fit for A @ B: 1×3 and 2×2")
    }
}
