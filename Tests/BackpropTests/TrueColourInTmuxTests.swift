import Foundation
import Testing

/// The decision boundary in a real terminal: 24-bit colour where the terminal description has
/// direct colour (xterm-direct, compiled here with tic from ncurses' xterm+direct), the 256-colour
/// palette under xterm-256color whatever COLORTERM says. tmux keeps each cell's colour as sent,
/// and `capture-pane -e` writes it back: `48;2;r;g;b` or `48;5;n`.
struct TrueColourInTmuxTests {
    static let ticAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/tic")
        || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tic")

    /// ncurses' direct-colour description (terminfo.src, ncurses ≥ 6.1); tmux reads its SGR.
    static let directSource = """
        xterm+direct|xterm with direct-color indexing,
        \tRGB, colors#0x1000000, pairs#0x10000, CO#8,
        \tinitc@, op=\\E[39;49m,
        \tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48\\:2\\:\\:%p1%{65536}%/%d\\:%p1%{256}%/%{255}%&%d\\:%p1%{255}%&%d%;m,
        \tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38\\:2\\:\\:%p1%{65536}%/%d\\:%p1%{256}%/%{255}%&%d\\:%p1%{255}%&%d%;m,
        \tsetb@, setf@,
        xterm-direct|xterm with direct-color indexing,
        \tuse=xterm+direct, use=xterm-256color,

        """

    /// The circle scenario's boundary view as tmux holds it, with colours.
    func boundaryScreen(terminal: String) throws -> String {
        let tmux = ScreenInTmuxTests.Tmux()
        defer { tmux.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-direct-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.directSource.write(to: folder.appendingPathComponent("direct.src"), atomically: true, encoding: .utf8)
        let binary = try ScreenInTmuxTests().binaryPath()
        // The test runner's environment may say NO_COLOR=1 (it does here): a terminal user's does not.
        tmux.start("unset NO_COLOR; tic -x -o '\(folder.path)' '\(folder.path)/direct.src' && TERMINFO='\(folder.path)' TERM=\(terminal) COLORTERM=truecolor '\(binary)' run circle",
                   width: 120, height: 40)
        tmux.waitFor("A circle")
        for _ in 0..<6 where !tmux.screen.contains("decision boundary") {
            tmux.keys("v")
            usleep(300_000)
        }
        #expect(tmux.waitFor("decision boundary").contains("decision boundary"))
        let screen = tmux.run(["capture-pane", "-p", "-e", "-t", "t"], capture: true)
        tmux.keys("q")
        return screen
    }

    @Test(.enabled(if: ScreenInTmuxTests.tmuxAvailable && ticAvailable, "tmux or tic is not installed"))
    func directColourTerminalGetsTheBoundaryIn24Bit() throws {
        let screen = try boundaryScreen(terminal: "xterm-direct")
        #expect(screen.contains("48;2;"), "24-bit backgrounds on a direct-colour terminal")
        #expect(!screen.contains("48;5;") && !screen.contains("38;5;"), "no palette colours left: every role converted")
    }

    @Test(.enabled(if: ScreenInTmuxTests.tmuxAvailable && ticAvailable, "tmux or tic is not installed"))
    func paletteTerminalGetsThe256ColourBoundaryWhateverCOLORTERMSays() throws {
        let screen = try boundaryScreen(terminal: "xterm-256color")
        #expect(screen.contains("48;5;"))
        #expect(!screen.contains("48;2;") && !screen.contains("38;2;"), "COLORTERM=truecolor alone never sends 24-bit colour")
    }
}
