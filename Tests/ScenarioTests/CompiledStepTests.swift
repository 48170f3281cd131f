import Autograd
import Scenario
import Testing

/// The compiled step (the planned graph replayed in the storage's own type — Float on a float32
/// tape — sends fused into the grads, SGD and zero_grad in one pass) against the path the screen
/// takes: the graph built anew at every step and walked node by node with a recorder, every rule
/// computed in Double and rounded. Every shipped scenario: the loss, every grad on the tape and
/// every parameter, bit for bit.
@Suite struct CompiledStepTests {
    @Test(arguments: Builtins.names)
    func compiledStepsEqualBuildingAndWalkingTheGraph(name: String) throws {
        let scenario = try Builtins.load(name)
        let compiled = Trainer(scenario: scenario)
        let walked = Trainer(scenario: scenario)
        let batches = compiled.runner.batchCount
        for step in 0..<min(24, max(1, scenario.train.epochs) * batches) {
            let b = step % batches
            var compiledGrads: [Double] = []
            let loss = try compiled.step(batch: b) { trainer, _ in compiledGrads = trainer.tape.allGrads }
            walked.tape.startGraph()
            let graph = try walked.runner.run(batch: b)
            let expected = graph.item
            var log = BackwardLog()
            try walked.tape.backward(graph, recorder: &log)
            let walkedGrads = walked.tape.allGrads
            walked.optimizer.step(walked.tape, thenZeroGrad: false)
            if walked.zeroesGrad { walked.tape.zeroGrad() }
            #expect(loss.bitPattern == expected.bitPattern, "\(name) step \(step): loss \(loss) vs \(expected)")
            // Every grad on the tape, the graph's nodes too (the compiled backward stores a node's
            // first gradient instead of clearing and adding), as the walk left them.
            let sameGrads = compiledGrads.count == walkedGrads.count
                && zip(compiledGrads, walkedGrads).allSatisfy { $0.bitPattern == $1.bitPattern }
            #expect(sameGrads, "\(name) step \(step): grads differ")
            for (p, q) in zip(compiled.runner.parameters, walked.runner.parameters) {
                let same = p.value.count == q.value.count && zip(p.value, q.value).allSatisfy { $0.bitPattern == $1.bitPattern }
                #expect(same, "\(name) step \(step): parameter \(p.id) differs")
            }
        }
    }
}
