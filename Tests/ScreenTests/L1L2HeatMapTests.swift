import Scenario
import Testing
import TextCanvas
@testable import Screen

/// l1-l2 on the weight heat maps at epoch 150: L1 has zeroed x5 (a noisy copy of x1), L2 shares
/// x1's weight with it, and the maps show it (a lighter shade for L1's x5 than for L2's).
struct L1L2HeatMapTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func l1ZeroesTheCopyL2SharesIt(_ size: (Int, Int)) throws {
        var state = try makeState("l1-l2", width: size.0, height: size.1)
        for _ in 0..<150 { state.press(.character("]")) }
        let record = try #require(state.shown.record)
        let l1 = record.paramsBefore[0], l2 = record.paramsBefore[1]
        #expect(abs(l1[4]) < 0.03 && l2[4] > 0.3, "x5: L1 \(l1[4]), L2 \(l2[4])")
        #expect(l1[0] > l2[0], "L1 keeps x1's whole weight")
        for _ in 0..<8 where state.view != .heatValues { state.press(.character("v")) }
        try #require(state.view == .heatValues)
        let canvas = state.render()
        let row = try #require((0..<canvas.height).first { canvas.line($0).contains("W_L1") }) + 1
        let line = Array(canvas.line(row))
        // Eight columns per map, each `run / 8` cells wide; x5 is the fifth. The shades run ░ ▒ ▓ █ with the size of |w|.
        let shades: [Character] = ["░", "▒", "▓", "█"]
        let mapStarts = (0..<line.count).filter { i in shades.contains(line[i]) && (i == 0 || !shades.contains(line[i - 1])) }
        try #require(mapStarts.count == 2, "\(String(line))")
        let run = line[mapStarts[0]...].prefix { shades.contains($0) }.count
        let cell = max(1, run / 8)
        func x5(_ start: Int) -> Int { shades.firstIndex(of: line[start + 4 * cell]) ?? -1 }
        #expect(x5(mapStarts[0]) < x5(mapStarts[1]), "L1's x5 lighter than L2's: \(String(line))")
    }
}
