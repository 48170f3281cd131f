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

    /// linear after `z`, `A`, `O` and two `<` at 80 columns had no title at all (`epoch 0/99  sample
    /// 2/2` has no short form): the position gives up its long form (`epoch 0/99, 2/2`), then a
    /// fork's `now `, for a head of the title of 12 columns at least; the rest still says where it is.
    @Test(arguments: ["zAO<<", "zAO", "AO<<", "zO<<"])
    func theTitleKeepsAReadableHeadAfterEveryFork(_ keys: String) throws {
        for rights in [25, 26, 40] {
            var state = try makeState("linear", width: 80, height: 24)
            for _ in 0..<rights { state.press(.right) }
            for k in keys { state.press(.character(k)) }
            let header = state.render().line(0)
            let title = HeaderTitleTests.shownTitle(state)
            #expect(displayWidth(of: title) >= 12 && "Linear model".hasPrefix(title.replacingOccurrences(of: "…", with: "").trimmingCharacters(in: .whitespaces)),
                    "\(keys) \(rights): \(header)")
            #expect(header.contains("epoch \(state.event.epoch)/99") && header.contains("\(state.event.batch)/2"), "\(header)")
            #expect(header.contains(state.event.phase.rawValue) && header.contains("momentum") && header.contains("lr 0.0"), "\(header)")
            if keys.hasPrefix("z") { #expect(header.contains("NO zero_grad"), "\(header)") }
        }
    }

    /// The short position is the long one without the step's word (no `·`, which ASCII writes `*`).
    @Test func theShortPositionSaysTheSameInFewerColumns() throws {
        var state = try makeState("linear", width: 80, height: 24)
        for _ in 0..<25 { state.press(.right) }
        #expect(HeaderPanel.positionText(state.event, in: state.run) == "epoch 0/99  sample 2/2")
        #expect(HeaderPanel.positionShortText(state.event, in: state.run) == "epoch 0/99, 2/2")
        var ascii = try makeState("linear", width: 80, height: 24, options: AppOptions(glyphs: .ascii))
        for _ in 0..<25 { ascii.press(.right) }
        ascii.press("zAO<<")
        let header = ascii.render().line(0)
        #expect(header.contains("epoch 0/99, 2/2"), "\(header)")
        #expect(header.allSatisfy { $0.isASCII }, "\(header)")
    }
}
