import Testing
import Scenario
@testable import Screen

/// The live check compares backward with the finite difference in float64 and fails past 1e-6
/// relative: a ✓ never stands beside a mismatch.
struct GradientCheckLinesTests {
    /// The lecture's inspector at w's gradient, with the check's backward number replaced.
    private func lines(backward: Double) throws -> [String] {
        var state = try makeState()
        while !(state.event.phase == .backward && state.event.node == 0) { state.press(.right) }
        let record = try #require(state.shown.record)
        var check = try #require(state.activeCheck)
        check.backward = [backward]
        let (_, relative) = GradientCheck.difference(check.finiteDifference, check.backward,
                                                     floor: GradientCheck.noiseFloor(loss: check.loss))
        check.relativeDifference = relative
        return state.state.inspectorPanel(record).checkLines(check)
    }

    @Test func aMismatchPastOneInAMillionIsACross() throws {
        let right = try lines(backward: -2.0)
        #expect(right == ["check in float64: finite difference -2.0", "  vs backward -2.0 ✓ (relative diff. 8.3e-11)"], "\(right)")
        // 5e-6 relative: float32 rounding could make this much, but the check is in float64.
        let off = try lines(backward: -2.00001)
        #expect(off[1].contains("✗"), "\(off)")
        #expect(off[1].contains("relative diff. 5e-06"), "\(off)")
        // Within 1e-6 still passes.
        #expect(try lines(backward: -2.000001)[1].contains("✓"))
    }

    @Test func theGradColumnsFloat32NumberIsMeasuredAgainstFloat64() throws {
        // The grad column holds float32's -2.0; a float64 backward of -2.1 is 5% off it.
        let off = try lines(backward: -2.1)
        #expect(off.contains { $0.contains("the grad column (float32) is 5% off it: rounding") }, "\(off)")
        #expect(try lines(backward: -2.0).count == 2, "no such line when float32 agrees")
    }

    @Test func aGradientOfAboutZeroIsNotAMismatch() {
        // The finite difference of a true 0 carries rounding noise near 1e-10·|loss|.
        let (_, relative) = GradientCheck.difference([3e-11], [0], floor: GradientCheck.noiseFloor(loss: 0.69))
        #expect(relative <= GradientCheck.tolerance)
        let (_, wrong) = GradientCheck.difference([2e-3], [0], floor: GradientCheck.noiseFloor(loss: 0.69))
        #expect(wrong > GradientCheck.tolerance)
    }
}
