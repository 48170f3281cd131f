import Foundation
import Testing

/// Drives the real binary in a real terminal (tmux), as a user would: start, step, help, resize
/// to 20×6 and back, quit. Skipped where tmux is not installed (CI installs it).
struct ScreenInTmuxTests {
    static let tmuxAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
        || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")

    /// One private tmux server per session, so tests never touch a user's tmux.
    struct Tmux {
        let socket = "backprop-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        /// Runs a tmux command with posix_spawn and waitpid (Foundation's Process can stall when
        /// many tests wait at once); only `capture` reads its output, since a pipe handed to the
        /// command that starts the server would stay open as long as the server lives.
        @discardableResult
        func run(_ arguments: [String], capture: Bool = false) -> String {
            let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
            var fds: [Int32] = [-1, -1]
            if capture && pipe(&fds) != 0 { return "" }
            var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            if capture {
                posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
                posix_spawn_file_actions_addclose(&actions, fds[0])
            } else {
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            }
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var cArgs = argv.map { strdup($0) } + [nil]
            defer { cArgs.forEach { free($0) } }
            // The test runner's threads block signals, and a child inherits that mask: tmux (and the
            // program under test) must start with none blocked and default handlers.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            sigdelset(&all, SIGKILL)
            sigdelset(&all, SIGSTOP)
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var pid: pid_t = 0
            let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArgs, environ)
            if capture { close(fds[1]) }
            var output = [UInt8]()
            if capture {
                var buffer = [UInt8](repeating: 0, count: 65536)
                while spawned == 0 {
                    let n = read(fds[0], &buffer, buffer.count)
                    if n > 0 { output.append(contentsOf: buffer[0..<n]) } else if n < 0 && errno == EINTR { continue } else { break }
                }
                close(fds[0])
            }
            if spawned == 0 {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            return String(decoding: output, as: UTF8.self)
        }

        func start(_ command: String, width: Int = 100, height: Int = 30) {
            let shell = "export TERM=xterm-256color LANG=C.UTF-8 SWIFT_BACKTRACE=interactive=no; \(command); echo \"[exit $?]\"; sleep 60"
            run(["new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "/bin/sh", "-c", shell])
            run(["set-option", "-t", "t", "status", "off"])
        }

        var screen: String { run(["capture-pane", "-p", "-t", "t"], capture: true) }

        func keys(_ keys: String...) {
            for key in keys {
                run(["send-keys", "-t", "t", key])
                usleep(60_000)
            }
        }

        /// Waits up to `seconds` for the screen to contain `text`; returns the last screen seen.
        @discardableResult
        func waitFor(_ text: String, seconds: Double = 15) -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = screen
                if last.contains(text) { return last }
                usleep(100_000)
            }
            return last
        }

        func stop() { run(["kill-server"]) }

        /// `command`, then "cooked" on the screen if it gave the terminal back in cooked mode; its exit status kept.
        static func sayingIfCooked(_ command: String) -> String {
            "\(command); s=$?; stty -a </dev/tty | grep -q ' icanon' && echo cooked; (exit $s)"
        }
    }

    func binaryPath() throws -> String {
        switch Backprop.binary {
        case .success(let url): return url.path
        case .failure(let error): throw error
        }
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func startStepHelpResizeAndQuitInARealTerminal() throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("'\(try binaryPath())' run linear")
        var screen = tmux.waitFor("Linear model")
        #expect(screen.contains("epoch 0/99"), "\(screen)")
        #expect(screen.contains("Forward · x arrives"))

        tmux.keys("Right")
        screen = tmux.waitFor("y_pred = x · w = 1.0 × 1.0 = 1.0")
        #expect(screen.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"), "\(screen)")

        tmux.keys("?")
        screen = tmux.waitFor("this help")
        #expect(screen.contains("previous epoch"))
        tmux.keys("x")
        screen = tmux.waitFor("inspector")
        #expect(!screen.contains("this help"))

        tmux.run(["resize-window", "-t", "t", "-x", "20", "-y", "6"])
        screen = tmux.waitFor("Enlarge")
        #expect(screen.contains("Enlarge"), "\(screen)")
        tmux.run(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
        screen = tmux.waitFor("inspector")
        #expect(screen.contains("y_pred = x · w"), "\(screen)")

        tmux.keys("q")
        screen = tmux.waitFor("[exit")
        #expect(screen.contains("[exit 0]"), "\(screen)")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func ctrlCAndSigtermLeaveWithTheirExitCodes() throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("'\(try binaryPath())' run linear --autoplay")
        tmux.waitFor("Linear model")
        tmux.keys("C-c")
        #expect(tmux.waitFor("[exit").contains("[exit 130]"))

        let second = Tmux()
        defer { second.stop() }
        second.start("'\(try binaryPath())' run linear </dev/tty & pid=$!; sleep 2; kill -TERM $pid; wait $pid")
        #expect(second.waitFor("[exit").contains("[exit 143]"))
    }

    /// Every signal whose default ends the process gives the terminal back (not only INT/TERM/HUP/QUIT).
    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"), arguments: [("USR1", 138), ("ALRM", 142), ("PIPE", 141)])
    func otherTerminatingSignalsRestoreTheTerminal(signal: String, code: Int) throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start(Tmux.sayingIfCooked("'\(try binaryPath())' run linear </dev/tty & pid=$!; sleep 2; kill -\(signal) $pid; wait $pid"))
        let screen = tmux.waitFor("[exit")
        #expect(screen.contains("[exit \(code)]") && screen.contains("cooked"), "\(screen)")
    }

    /// G on ten million epochs trains for a long while: the footer shows how far it got, and q
    /// (or Ctrl-C) quits during it without waiting for training, the terminal given back.
    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"), arguments: [("q", 0), ("C-c", 130)])
    func quittingDuringAFarJumpDoesNotWaitForTraining(key: String, code: Int) throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        // Far longer than any timeout here in any build: only a quit that interrupts training ends it in time.
        tmux.start(Tmux.sayingIfCooked("'\(try binaryPath())' run linear --epochs 10000000"))
        tmux.waitFor("Linear model")
        tmux.keys("G")
        var screen = tmux.waitFor("preparing ")
        #expect(screen.contains("of 10000000"), "the footer shows the progress: \(screen)")
        tmux.keys(key)
        screen = tmux.waitFor("[exit", seconds: 30)
        #expect(screen.contains("[exit \(code)]") && screen.contains("cooked"), "\(screen)")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func playingAdvancesByItselfAndStopsAtACaption() throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("'\(try binaryPath())' run linear --speed 30")
        tmux.waitFor("Linear model")
        tmux.keys("Space")
        let screen = tmux.waitFor("[space: go on]")
        #expect(screen.contains("[space: go on]"), "autoplay stops at a caption marked pause: \(screen)")
        #expect(screen.contains("‖"))
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func recordWritesTheLiveSessionKeysAndAll() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("session.cast").path
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("'\(try binaryPath())' run linear --record '\(file)'")
        tmux.waitFor("Linear model")
        tmux.keys("Right")
        tmux.waitFor("y_pred = x · w = 1.0 × 1.0 = 1.0")
        tmux.keys("q")
        #expect(tmux.waitFor("[exit").contains("[exit 0]"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.contains("\"version\":2") == true)
        #expect(lines.contains { $0.contains("\"i\"") }, "the keys are in the recording")
        #expect(text.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"))
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func shiftArrowsPanAndAClickInspectsANode() throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("'\(try binaryPath())' run deep193", width: 120, height: 40)
        var screen = tmux.waitFor("Forward · x arrives")
        // A click (xterm's SGR mouse report, as a terminal sends it) on the box of "MM z1".
        let lines = screen.components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.contains("MM z1") }, "\(screen)")
        let column = try #require(lines[row].range(of: "MM z1")).lowerBound.utf16Offset(in: lines[row])
        let cells = lines[row].prefix(column).count
        tmux.run(["send-keys", "-t", "t", "-l", "\u{1B}[<0;\(cells + 2);\(row + 1)M"])
        tmux.run(["send-keys", "-t", "t", "-l", "\u{1B}[<0;\(cells + 2);\(row + 1)m"])
        screen = tmux.waitFor("computes z1")
        #expect(screen.contains("Forward · node MM computes z1"), "\(screen)")

        // Shift+→ pans the graph: the first graph row changes, and f brings the view back.
        let before = tmux.screen.components(separatedBy: "\n").prefix(24).joined(separator: "\n")
        tmux.keys("S-Right", "S-Right", "S-Right")
        usleep(300_000)
        let panned = tmux.screen.components(separatedBy: "\n").prefix(24).joined(separator: "\n")
        #expect(panned != before, "Shift+→ moved the view")
        tmux.keys("q")
        #expect(tmux.waitFor("[exit").contains("[exit 0]"))
    }
}

extension ScreenInTmuxTests {
    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func aLocaleThatIsNotUTF8GetsTheASCIIScreen() throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        tmux.start("LANG=C LC_ALL= LC_CTYPE= '\(try binaryPath())' run linear")
        // The footer is drawn last: a loaded machine showed the header alone when this waited for the title.
        let screen = tmux.waitFor("q quit")
        #expect(screen.contains("Linear model y_hat = x*w"), "ŷ reads y_hat, · reads *: \(screen)")
        #expect(screen.contains("+-"), "\(screen)")
        #expect(!screen.contains("┌"), "LANG=C asks for ASCII: \(screen)")
        #expect(!screen.contains { !$0.isASCII }, "\(screen)")
        tmux.keys("q")
    }
}
