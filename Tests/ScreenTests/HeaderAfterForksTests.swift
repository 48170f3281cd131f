import Scenario
import Testing
import TextCanvas
@testable import Screen

/// At 80 columns, after `z` and forks of lr, the header keeps a readable head of the title: an lr
/// fork gives up the lr it was (`lr 0.000625`, not `lr 0.000625 (was 0.01)`) and the room kept for
/// the widest position before the title is cut to `Li…`.
struct HeaderAfterForksTests {
    @Test(arguments: ["z<<", "z<<<<", "zA<<"])
    func theTitleKeepsTwoWordsAfterForksOfLr(_ keys: String) throws {
        var state = try makeState("linear", width: 80, height: 24)
        for _ in 0..<25 { state.press(.right) }
        for k in keys { state.press(.character(k)) }
        let header = state.render().line(0)
        #expect(header.hasPrefix(" Linear model "), "\(keys): \(header)")
        let title = header.prefix { $0 != " " || true }.split(separator: " ").prefix(2).joined(separator: " ")
        #expect(title.count >= 12, "\(header)")
        // What was given up is said again where it matters: the lr now, the phase, the epoch.
        #expect(header.contains("lr 0.00") && header.contains("epoch 0/99") && header.contains("NO zero_grad"), "\(header)")
    }
}
