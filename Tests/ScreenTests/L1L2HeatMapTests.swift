import Scenario
import Testing
import TextCanvas
@testable import Screen

/// l1-l2 on the weight heat maps at epoch 150 (the lesson's caption): L1 has zeroed x5 (a noisy
/// copy of x1) and the useless inputs, L2 shares x1's weight with x5 and keeps small ones on the
/// rest, and the maps show it: every weight L1 zeroed draws lighter than L2's small one beside it.
struct L1L2HeatMapTests {
    /// x2 and x4…x8: L1 sets them to about 0 (jittering by lr·0.2), L2 to small but real values.
    static let zeroedByL1 = [1, 3, 4, 5, 6, 7]

    @Test(arguments: [(80, 24), (120, 40)])
    func l1ZeroesTheCopyL2SharesIt(_ size: (Int, Int)) throws {
        var state = try makeState("l1-l2", width: size.0, height: size.1)
        for _ in 0..<150 { state.press(.character("]")) }
        #expect(state.event.epoch == 150)
        let record = try #require(state.shown.record)
        let l1 = record.paramsBefore[0], l2 = record.paramsBefore[1]
        #expect(abs(l1[4]) < 0.03 && l2[4] > 0.3, "x5: L1 \(l1[4]), L2 \(l2[4])")
        #expect(l1[0] > l2[0], "L1 keeps x1's whole weight")
        for i in Self.zeroedByL1 {
            #expect(abs(l1[i]) <= 0.03 && abs(l2[i]) > abs(l1[i]), "x\(i + 1): L1 \(l1[i]) about 0, L2 \(l2[i]) small, not 0")
        }
        for _ in 0..<8 where state.view != .heatValues { state.press(.character("v")) }
        try #require(state.view == .heatValues)
        let canvas = state.render()
        let titleRow = try #require((0..<canvas.height).first { canvas.line($0).contains("W_L1") })
        let title = Array(canvas.line(titleRow)), line = Array(canvas.line(titleRow + 1))
        func start(_ name: String) -> Int? {
            let n = Array(name)
            return (0...(title.count - n.count)).first { Array(title[$0..<($0 + n.count)]) == n }
        }
        let a = try #require(start("W_L1")), b = try #require(start("W_L2"))
        let cell = (b - a - HeatMapRow.gap) / 8
        try #require(cell >= 1, "\(String(title))")
        // Light to dark: about 0, then ░ ▒ ▓ █.
        let order: [Character] = ["·", "░", "▒", "▓", "█"]
        func shade(_ map: Int, _ i: Int) -> Int { order.firstIndex(of: line[map + i * cell]) ?? -1 }
        for i in Self.zeroedByL1 {
            let one = shade(a, i), two = shade(b, i)
            #expect(one >= 0 && one <= 1, "x\(i + 1): L1's zeroed weight is · or ░: \(String(line))")
            #expect(two >= 2, "x\(i + 1): L2's small weight is ▒ or darker: \(String(line))")
        }
        #expect(shade(a, 0) == 4 && shade(b, 2) == 4, "each map's largest is █")
        // The legend gives the shades their numbers.
        #expect(state.screenText.contains("|value| of its ±: · <0.1 %  ░ <2 %  ▒ <10 %  ▓ <50 %  █ to 100 %"), "\(state.screenText)")
    }
}
