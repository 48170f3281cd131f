import Foundation
import NIOPosix
import Scenario
import Screen
@testable import Serve
import Testing
import TestSupport
import TextCanvas

/// The same screen tests as local sessions hold for a served one because a served screen is the
/// local screen, cell for cell and colour for colour: the same keys at the same size give what
/// `AppState.render()` gives locally, through views, help, panes, the quiz, ASCII and themes, at
/// the sizes a lecture uses and below the smallest layout.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ServedEqualsLocalTests {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// Keys as a terminal sends them, and as the local screen reads them.
    static let script: [(bytes: String, key: Key)] = [
        ("l", .character("l")), ("\u{1B}[C", .right), ("v", .character("v")), ("?", .character("?")), ("x", .character("x")),
        ("c", .character("c")), ("t", .character("t")), ("s", .character("s")), ("]", .character("]")), ("n", .character("n")),
        ("T", .character("T")), ("a", .character("a")), ("\u{1B}[D", .left), ("G", .character("G")), ("T", .character("T")),
    ]

    /// What a terminal shows for the local screen's canvas: every cell's text and SGR, through the one encoder.
    static func cells(_ state: AppState, depth: ColourDepth = .palette256) -> [String] {
        var screen = AnsiScreen(width: state.width, height: state.height)
        let encoder = AnsiText(theme: state.theme, depth: depth, usesColour: true, ascii: !state.glyphs.usesBraille)
        screen.feed(Array(encoder.frame(state.render(), after: nil).utf8))
        return screen.cells.map { "\($0.text)\u{1}\($0.sgr)" }
    }

    static func cells(_ seen: TestClient.Seen) -> [String] {
        seen.screen.cells.map { "\($0.text)\u{1}\($0.sgr)" }
    }

    @Test(arguments: [("linear", 80, 24), ("xor", 120, 40), ("deep193", 160, 45), ("linear", 39, 11)])
    func aServedScreenIsTheLocalScreenKeyForKey(_ name: String, _ width: Int, _ height: Int) throws {
        let server = try TestServer.sessions([name])
        defer { server.stop() }
        let client = try TestClient.connect(port: server.port, width: width, height: height, group: group)
        defer { client.close() }
        try client.startScreen(exec: name)
        let training = try Training(scenario: try Builtins.load(name))
        var local = AppState(training: training, width: width, height: height)
        var expected = Self.cells(local)
        #expect(client.wait { Self.cells($0) == expected }, "\(name) at \(width)×\(height), first frame:\n\(client.text)")
        for (bytes, key) in Self.script {
            _ = local.update(.key(key), training: training)
            expected = Self.cells(local)
            try client.type(bytes)
            let same = client.wait { Self.cells($0) == expected }
            #expect(same, "\(name) at \(width)×\(height) after \(key):\n\(client.text)\n--- local:\n\(local.render().text)")
            if !same { return }
        }
    }
}
