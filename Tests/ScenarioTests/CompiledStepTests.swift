import Autograd
import Scenario
import Testing

/// The compiled step (the planned graph replayed, sends fused into the grads, SGD in one loop)
/// against the path the screen takes: the graph built anew at every step and walked node by node
/// with a recorder. Every shipped scenario, the loss and every parameter bit for bit.
@Suite struct CompiledStepTests {
    @Test(arguments: Builtins.names)
    func compiledStepsEqualBuildingAndWalkingTheGraph(name: String) throws {
        let scenario = try Builtins.load(name)
        let compiled = Trainer(scenario: scenario)
        let walked = Trainer(scenario: scenario)
        let batches = compiled.runner.batchCount
        for step in 0..<min(24, max(1, scenario.train.epochs) * batches) {
            let b = step % batches
            let loss = try compiled.step(batch: b)
            walked.tape.startGraph()
            let graph = try walked.runner.run(batch: b)
            let expected = graph.item
            var log = BackwardLog()
            try walked.tape.backward(graph, recorder: &log)
            walked.optimizer.step(walked.tape)
            if walked.zeroesGrad { walked.tape.zeroGrad() }
            #expect(loss.bitPattern == expected.bitPattern, "\(name) step \(step): loss \(loss) vs \(expected)")
            for (p, q) in zip(compiled.runner.parameters, walked.runner.parameters) {
                let same = p.value.count == q.value.count && zip(p.value, q.value).allSatisfy { $0.bitPattern == $1.bitPattern }
                #expect(same, "\(name) step \(step): parameter \(p.id) differs")
            }
        }
    }
}
