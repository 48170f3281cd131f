import Scenario
import Testing
@testable import Screen

/// Issue 20, honest numbers: one minus sign on the screen. Python prints `-2.0`, so formulas,
/// boxes and the shipped notes write `-` too (`1.0 - 0.01 × (-2.0)`, not `1.0 − 0.01 × (-2.0)`).
struct OneMinusSignTests {
    @Test(arguments: Builtins.names)
    func noShippedScreenWritesATypographicMinus(_ name: String) throws {
        var state = try makeState(name, width: 120, height: 40)
        for _ in 0..<45 {
            state.press(.right)
            #expect(!state.screenText.contains("−"), "\(name) at event \(state.cursor)")
        }
        for _ in 0..<6 {
            state.press(.character("v"))
            #expect(!state.screenText.contains("−"), "\(name) in view \(state.view)")
        }
    }

    @Test func formulasAndNumbersShareTheSign() throws {
        var state = try makeState("linear")
        state.seek(to: 9)
        #expect(state.screenText.contains("w = 1.0 - 0.01 × (-2.0) = 1.02"), "\(state.screenText)")
    }
}
