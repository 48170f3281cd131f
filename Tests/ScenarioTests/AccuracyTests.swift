import Testing
@testable import Scenario

/// Classification scenarios get an accuracy column (counted before each update, over the epoch);
/// regression scenarios keep `epoch,loss`.
struct AccuracyTests {
    @Test func regressionHasNoAccuracy() throws {
        let linear = try Builtins.load("linear")
        #expect(AccuracyRule.of(linear) == nil)
        #expect(try train(linear, .csv, epochs: 1) == "epoch,loss\n0,4.052514632542928\n")
    }

    @Test func aSigmoidOutputWithBCEIsCountedAtHalf() throws {
        let logistic = try Builtins.load("logistic")
        #expect(AccuracyRule.of(logistic)?.kind == .threshold)
        // w = b = 0: every ŷ is exactly 0.5, which says 0 (PyTorch's y_pred > 0.5), right for 2 of 3.
        let lines = try train(logistic, .csv, epochs: 1).split(separator: "\n")
        #expect(lines == ["epoch,loss,accuracy", "0,0.6931471824645996,0.6666666666666666"])
        let json = try train(logistic, .jsonl, epochs: 1)
        #expect(json.hasPrefix("{\"epoch\": 0, \"loss\": 0.6931471824645996, \"accuracy\": 0.6666666666666666, \"params\""))
    }

    @Test func argmaxTakesTheFirstLargestRowOfEachColumn() {
        // 3 classes × 4 samples, samples as columns; column 2 ties rows 0 and 2 (the first wins).
        let logits: [Double] = [
            0.1, 2.0, 5.0, -1.0,
            0.9, 1.0, 1.0, -3.0,
            0.2, 0.5, 5.0, -2.0,
        ]
        #expect(AccuracyRule.right(.argmax, logits, samples: 4) { Double([1, 0, 0, 0][$0]) } == 4)
        #expect(AccuracyRule.right(.argmax, logits, samples: 4) { Double([1, 0, 2, 1][$0]) } == 2)
    }

    @Test func theTimelineKeepsAnAccuracyPerEpoch() throws {
        let timeline = try Timeline(scenario: try Builtins.load("gauss"), epochs: 3)
        try timeline.train(through: timeline.totalSteps)
        #expect(timeline.epochAccuracies.count == 3)
        let csv = try train(try Builtins.load("gauss"), .csv, epochs: 3).split(separator: "\n").dropFirst()
        #expect(timeline.epochAccuracies.map(NumberFormat.python) == csv.map { String($0.split(separator: ",")[2]) })
    }
}
