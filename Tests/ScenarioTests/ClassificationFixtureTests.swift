import Testing
import TestSupport
@testable import Scenario

/// Scenarios that classify, trained by our engine and by PyTorch (references/classify.py made the
/// fixtures): cross_entropy in float32 and float64 and softmax, with batches that do not divide
/// the 10 samples — the transcripts are equal byte for byte.
struct ClassificationFixtureTests {
    static func scenario(loss: String, y: String, batchSize: Int, dtype: String) -> String {
        TestScenarios.classification(loss: loss, y: y, batchSize: batchSize, dtype: dtype)
    }

    static let labels = TestScenarios.labels
    static let oneHot = TestScenarios.oneHot

    static let cases: [(fixture: String, toml: String)] = [
        ("classify-ce32", scenario(loss: "cross_entropy(y_pred, y)", y: labels, batchSize: 4, dtype: "float32")),
        ("classify-ce64", scenario(loss: "cross_entropy(y_pred, y)", y: labels, batchSize: 4, dtype: "float64")),
        ("classify-softmax32", scenario(loss: "mean((softmax(y_pred) - y)^2)", y: oneHot, batchSize: 4, dtype: "float32")),
    ]

    @Test(arguments: 0..<cases.count)
    func classificationTranscriptEqualsPyTorch(_ i: Int) throws {
        let scenario = try ScenarioLoader.load(bytes: Array(Self.cases[i].toml.utf8), file: "\(Self.cases[i].fixture).toml")
        #expect(try train(scenario) == fixture("\(Self.cases[i].fixture).transcript"))
    }
}

/// cross_entropy's targets are checked before training: a clear message at the call.
struct ClassIndexDiagnosticTests {
    func diagnose(y: String, loss: String = "cross_entropy(y_pred, y)") -> Diagnostic? {
        let text = ClassificationFixtureTests.scenario(loss: loss, y: y, batchSize: 4, dtype: "float32")
        do {
            _ = try ScenarioLoader.load(bytes: Array(text.utf8), file: "ce.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func labelsAreChecked() throws {
        #expect(diagnose(y: ClassificationFixtureTests.labels) == nil)
        let late = try #require(diagnose(y: "[1, 0, 2, 2, 0, 2, 0, 1, 1, 3]"), "a class 3 in the last batch")
        #expect(late.line == 9 && late.column == 9, "\(late)")
        #expect(late.message.contains("0…2 (the logits have 3 rows)") && late.message.contains("sample 9 is 3"), "\(late)")
        let fraction = try #require(diagnose(y: "[1, 0, 2, 2, 0.5, 2, 0, 1, 1, 2]"))
        #expect(fraction.message.contains("sample 4 is 0.5"), "\(fraction)")
        let negative = try #require(diagnose(y: "[1, 0, 2, 2, 0, -1, 0, 1, 1, 2]"))
        #expect(negative.message.contains("sample 5 is -1"), "\(negative)")
    }

    @Test func theTargetMustBeAColumnOfData() throws {
        let computed = try #require(diagnose(y: ClassificationFixtureTests.labels, loss: "cross_entropy(y_pred, y * 1)"))
        #expect(computed.message.contains("needs y to be a data column of class indices"), "\(computed)")
        let vectors = try #require(diagnose(y: ClassificationFixtureTests.oneHot))
        #expect(vectors.message.contains("one class index per sample"), "\(vectors)")
    }

    @Test func logitsAndLabelsMustAgreeInShape() throws {
        let wrong = try #require(diagnose(y: ClassificationFixtureTests.labels, loss: "cross_entropy(y_pred.T, y)"))
        #expect(wrong.message.contains("shapes do not fit for cross_entropy"), "\(wrong)")
    }
}
