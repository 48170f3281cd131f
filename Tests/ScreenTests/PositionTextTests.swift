import Scenario
import Testing
@testable import Screen

/// The header says what a step is: a sample (batch_size 1), a mini-batch, or the whole data set.
struct PositionTextTests {
    func position(_ name: String, event index: Int) throws -> String {
        let run = try TrainingRun(scenario: Builtins.load(name))
        return HeaderPanel.positionText(run.event(at: index), in: run)
    }

    @Test func aLectureStepIsASample() throws {
        #expect(try position("linear", event: 0) == "epoch 0/99  sample 0/2")
    }

    @Test func aMiniBatchStepIsABatch() throws {
        // circle: 200 points in batches of 20, so ten steps an epoch.
        #expect(try position("circle", event: 0) == "epoch 0/99  batch 0/9")
    }

    @Test func oneStepAnEpochIsTheFullBatch() throws {
        #expect(try position("xor", event: 0) == "epoch 0/1999  full batch")
    }
}
