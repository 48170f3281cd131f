import Foundation
import Testing
import TestSupport
@testable import Scenario

/// The messages of issue 12's list, said as a teacher needs them.
struct MessageTests {
    func diagnose(_ text: String) -> Diagnostic? {
        do {
            _ = try ScenarioLoader.load(bytes: Array(text.utf8), file: "bad.toml")
            return nil
        } catch {
            return error
        }
    }

    func lecture(_ train: String) -> String {
        TestScenarios.lecture(train: train) + "\n"
    }

    @Test func aNonFiniteSettingSaysWhatItFound() {
        #expect(diagnose(lecture("lr = nan"))?.message == "lr must be a finite number, found nan")
        #expect(diagnose(lecture("optimizer = \"sgd\"\nmomentum = inf"))?.message == "momentum must be a finite number, found inf")
        #expect(diagnose(lecture("optimizer = \"adam\"\neps = -inf"))?.message == "eps must be a finite number, found -inf")
    }

    @Test func aFractionalEpochCountIsQuoted() {
        #expect(diagnose(lecture("epochs = 1.5"))?.message == "epochs must be a whole number, found 1.5")
        #expect(diagnose(lecture("epochs = \"ten\""))?.message == "epochs must be a whole number, found a string")
    }

    @Test func lrZeroIsAcceptedAsPyTorchDoesAndOnlyANegativeOneRefused() {
        #expect(diagnose(lecture("lr = 0")) == nil)
        #expect(diagnose(lecture("lr = -0.01"))?.message == "lr must be 0 or more, found -0.01")
    }

    @Test func aShapeErrorInXorIsNotHiddenBehindPredict() throws {
        let text = try #require(Builtins.text(of: "xor"))
            .replacingOccurrences(of: "\"h = sigmoid(W1 @ x + b1)\"", with: "\"h = sigmoid(W1 @ W2 + b1)\"")
        let d = diagnose(text)
        #expect(d?.message.contains("[predict]") == false && d?.message.contains("shapes do not fit") == true, "\(String(describing: d))")
    }
}
