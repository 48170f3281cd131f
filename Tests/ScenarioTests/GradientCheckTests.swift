import Foundation
import Testing
import Autograd
@testable import Scenario

extension GradientCheck {
    /// Every param, sharing one float64 model.
    static func checkAll(scenario: Scenario, params: [[Double]], batch: Int) -> [Result] {
        guard let surface = LossSurface(scenario: scenario, params: params, batch: batch) else { return [] }
        return surface.base.indices.compactMap { check(surface, parameter: $0) }
    }
}

/// The live gradient check: backward against central finite differences, in float64.
struct ScenarioGradientCheckTests {
    /// The promise: every param of every shipped scenario at step 0 agrees within 1e-6 relative.
    @Test(arguments: Builtins.names)
    func gradientCheckAgreesForEveryShippedScenarioAtStepZero(_ name: String) throws {
        let scenario = try Builtins.load(name)
        let record = try Timeline(scenario: scenario, epochs: 1).record(ofStep: 0)
        let results = GradientCheck.checkAll(scenario: scenario, params: record.paramsBefore, batch: record.batch)
        #expect(results.count == record.parameterCount)
        for r in results {
            #expect(r.agrees(within: 1e-6),
                    "\(name).\(r.name): relative \(r.relativeDifference), max |fd − bw| \(r.maxAbsoluteDifference), bw \(r.backward.prefix(4)), fd \(r.finiteDifference.prefix(4))")
        }
    }

    /// A big tensor is checked at `mostEntries` of its elements: the largest gradients (where a wrong
    /// rule shows most) and a spread; digits' W1 (1024) at its AccumulateGrad took 5 s, a frozen screen.
    @Test func aBigTensorIsCheckedAtItsLargestGradientsAndASpread() throws {
        let scenario = try Builtins.load("digits")
        let record = try Timeline(scenario: scenario, epochs: 1).record(ofStep: 0)
        let w1 = try #require(scenario.program.parameters.firstIndex(of: "W1"))
        let r = try #require(GradientCheck.check(scenario: scenario, params: record.paramsBefore, batch: record.batch, parameter: w1))
        #expect(r.backward.count == 1024 && !r.isWhole)
        #expect(r.entries.count <= GradientCheck.mostEntries && r.entries.count == r.finiteDifference.count)
        #expect(r.entries == r.entries.sorted() && Set(r.entries).count == r.entries.count)
        let largest = try #require(r.backward.indices.max { abs(r.backward[$0]) < abs(r.backward[$1]) })
        #expect(r.entries.contains(largest), "the largest gradient is among those checked")
        #expect(r.entries.first == 0 && r.entries.last! > 900, "a spread over the whole tensor: \(r.entries)")
        #expect(r.agrees())
        // A small tensor is checked whole.
        #expect(GradientCheck.entriesChecked([1, -2, 3]) == [0, 1, 2])
    }

    @Test func lectureGradientIsMinusTwoAtTheFirstSample() throws {
        let scenario = try Builtins.load("linear")
        let r = try #require(GradientCheck.check(scenario: scenario, params: [[1.0]], batch: 0, parameter: 0))
        #expect(r.name == "w")
        #expect(r.loss == 1)
        #expect(r.backward == [-2])
        #expect(abs(r.finiteDifference[0] + 2) < 1e-8)
        #expect(r.relativeDifference < 1e-8)
    }

    /// A later step's params and batch: the check follows whatever point training is at.
    @Test func checkUsesTheGivenParamsAndBatch() throws {
        let scenario = try Builtins.load("linear")
        // w = 1.5 on sample 2 (x = 3, y = 6): grad = 2·(4.5 − 6)·3 = −9.
        let r = try #require(GradientCheck.check(scenario: scenario, params: [[1.5]], batch: 2, parameter: 0))
        #expect(abs(r.backward[0] + 9) < 1e-12)
        #expect(abs(r.finiteDifference[0] + 9) < 1e-7)
    }

    /// Float64 on a float32 scenario: the check sees the maths, not float32 rounding.
    @Test func checkRunsInFloat64() throws {
        let scenario = try Builtins.load("linear")
        #expect(scenario.train.dtype == .float32)
        let r = try #require(GradientCheck.check(scenario: scenario, params: [[1.1]], batch: 0, parameter: 0))
        #expect(r.backward[0] == 2 * (1.1 - 2))   // 1.1 is not a float32: its float64 value is used
    }

    @Test func outOfRangeIndicesGiveNil() throws {
        let scenario = try Builtins.load("linear")
        #expect(GradientCheck.check(scenario: scenario, params: [[1.0]], batch: 3, parameter: 0) == nil)
        #expect(GradientCheck.check(scenario: scenario, params: [[1.0]], batch: 0, parameter: 1) == nil)
        #expect(GradientCheck.check(scenario: scenario, params: [[1.0, 2.0]], batch: 0, parameter: 0) == nil)
        #expect(GradientCheck.check(scenario: scenario, params: [], batch: 0, parameter: 0) == nil)
        #expect(GradientCheck.checkAll(scenario: scenario, params: [[1.0]], batch: -1).isEmpty)
    }

    @Test func stepIsRelativeToTheWeight() {
        #expect(GradientCheck.step(for: 0) == 1e-6)
        #expect(GradientCheck.step(for: -0.5) == 1e-6)
        #expect(GradientCheck.step(for: 300) == 3e-4)
    }

    /// Repeated checks on one surface do not accumulate grads.
    @Test func repeatedChecksGiveTheSameAnswer() throws {
        let scenario = try Builtins.load("linear-bias")
        let surface = try #require(LossSurface(scenario: scenario, params: [[1.0], [0.0]], batch: 0))
        let first = try #require(GradientCheck.check(surface, parameter: 0))
        let second = try #require(GradientCheck.check(surface, parameter: 0))
        #expect(first == second)
        #expect(first.backward == [-4])
    }
}

