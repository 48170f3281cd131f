import Scenario
@testable import Screen
import Testing

/// Numbers from flags and from training that runs away never trap the screen: `--speed 1e100`
/// once killed `run` in the header's count, with the terminal left in the alternate screen.
struct HostileNumbersTests {
    @Test(arguments: [1e100, 1e-300, .infinity, .nan, -1, 0, .greatestFiniteMagnitude, .leastNonzeroMagnitude])
    func anySpeedDrawsAndPlays(speed: Double) throws {
        var state = try makeState(options: AppOptions(autoplay: true, speed: speed))
        #expect(AppState.speedRange.contains(state.eventsPerSecond))
        _ = state.render()
        _ = state.update(.tick(now: 0))
        _ = state.update(.tick(now: 1e300))
        #expect(state.cursor == state.lastEvent || !state.playing, "a huge gap plays to the end, no further")
        _ = state.render()
    }

    @Test func aClockThatJumpsBackOrToInfinityDoesNotTrap() throws {
        var state = try makeState(options: AppOptions(autoplay: true, speed: AppState.speedRange.upperBound))
        for now in [5, 1, -1e300, .infinity, .nan, 1e18, 0] as [Double] {
            _ = state.update(.tick(now: now))
            _ = state.render()
        }
    }

    @Test func countsOfAnySizeReadAsText() {
        for value in [1e100, .infinity, 9.3e18, 1e-300, 0.5, 12_345] as [Double] {
            #expect(!HeaderPanel.count(value).isEmpty)
        }
        #expect(HeaderPanel.count(12_345) == "12k")
        #expect(DecisionField.level(.nan, levels: 8) == 4)
        #expect(DecisionField.level(1e300, levels: 8) == 7)
    }
}
