import Foundation
import Testing

/// The served screen as students meet it: Debian's OpenSSH client in a real terminal (tmux),
/// against the real binary. Skipped where tmux or ssh is missing (CI installs both).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct OpenSSHInTmuxTests {
    static let sshAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh")
    static let ready = ScreenInTmuxTests.tmuxAvailable && sshAvailable

    typealias Tmux = ScreenInTmuxTests.Tmux

    func binary() throws -> String {
        switch Backprop.binary {
        case .success(let url): return url.path
        case .failure(let error): throw error
        }
    }

    /// A folder for the host key (never the user's own config) and a free-looking port.
    func place() -> (folder: String, port: Int) {
        let folder = NSTemporaryDirectory() + "ssh-test-\(UUID().uuidString)"
        return (folder, Int.random(in: 20_000...40_000))
    }

    static func ssh(_ port: Int, _ extra: String = "") -> String {
        "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p \(port) \(extra) localhost"
    }

    /// Starts a second terminal in the same tmux server, running `command`.
    func startSecond(_ tmux: Tmux, name: String, _ command: String, width: Int = 100, height: Int = 30) {
        let shell = "export TERM=xterm-256color LANG=C.UTF-8 SWIFT_BACKTRACE=interactive=no; \(command); echo \"[exit $?]\"; sleep 60"
        tmux.run(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "/bin/sh", "-c", shell])
        tmux.run(["set-option", "-t", name, "status", "off"])
    }

    func screen(_ tmux: Tmux, _ name: String) -> String { tmux.run(["capture-pane", "-p", "-t", name], capture: true) }

    func waitFor(_ tmux: Tmux, _ name: String, _ text: String, seconds: Double = 20) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = screen(tmux, name)
            if last.contains(text) { return last }
            usleep(100_000)
        }
        return last
    }

    @Test(.enabled(if: ready, "tmux or ssh (openssh-client) is not installed"))
    func aStudentConnectsStepsResizesAndQuits() throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        let (folder, port) = place()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        startSecond(tmux, name: "server", "XDG_CONFIG_HOME='\(folder)' '\(try binary())' serve linear xor --port \(port)")
        var server = waitFor(tmux, "server", "students type")
        #expect(server.contains("host key SHA256:"), "\(server)")
        #expect(server.contains("loopback only"))

        tmux.start(Self.ssh(port, "-t") + " xor")
        var student = tmux.waitFor("XOR")
        #expect(student.contains("epoch 0/1999"), "\(student)")
        tmux.keys("Right")
        student = tmux.waitFor("Forward · node MM")
        #expect(student.contains("z1 = W1 @ x"), "\(student)")
        tmux.run(["resize-window", "-t", "t", "-x", "80", "-y", "24"])
        student = tmux.waitFor("└──────────────────────────────────────────────┘")
        #expect(student.split(separator: "\n").allSatisfy { $0.count <= 80 })
        tmux.keys("q")
        student = tmux.waitFor("[exit")
        #expect(student.contains("[exit 0]"), "\(student)")
        server = screen(tmux, "server")
        #expect(!server.contains("[exit"), "the server goes on: \(server)")
    }

    @Test(.enabled(if: ready, "tmux or ssh (openssh-client) is not installed"))
    func aStudentFollowsExploresComesBackAndSigtermEndsTheLectureCleanly() throws {
        let tmux = Tmux()
        defer { tmux.stop() }
        let (folder, port) = place()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let flag = folder + "/stop"
        // The lecturer: SIGTERM once the test says so; the shell then says whether the terminal came back cooked.
        let lecture = "mkdir -p '\(folder)'; XDG_CONFIG_HOME='\(folder)' '\(try binary())' run linear --serve \(port) </dev/tty & pid=$!; "
            + "while [ ! -e '\(flag)' ]; do sleep 0.1; done; kill -TERM $pid; wait $pid"
        startSecond(tmux, name: "lecturer", Tmux.sayingIfCooked(lecture))
        var lecturer = waitFor(tmux, "lecturer", "0 following · 0 exploring")
        #expect(lecturer.contains("epoch 0/99"), "\(lecturer)")

        tmux.start(Self.ssh(port), width: 80, height: 24)
        var student = tmux.waitFor("following the lecture")
        #expect(student.contains("Forward · x arrives"), "\(student)")
        lecturer = waitFor(tmux, "lecturer", "1 following · 0 exploring")
        #expect(lecturer.contains("1 following · 0 exploring"))

        tmux.run(["send-keys", "-t", "lecturer", "Right"])
        student = tmux.waitFor("y_pred = x · w = 1.0 × 1.0 = 1.0")
        #expect(student.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"), "the lecturer's step on the student's screen: \(student)")

        tmux.keys("Right")
        student = tmux.waitFor("exploring · r: back to the lecture")
        #expect(student.contains("Forward · y arrives"), "→ explores and steps on, past the lecture: \(student)")
        lecturer = waitFor(tmux, "lecturer", "0 following · 1 exploring")
        #expect(lecturer.contains("0 following · 1 exploring"), "\(lecturer)")

        tmux.keys("r")
        student = tmux.waitFor("following the lecture")
        #expect(student.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"), "back where the lecture is: \(student)")

        _ = FileManager.default.createFile(atPath: flag, contents: Data())
        lecturer = waitFor(tmux, "lecturer", "[exit")
        #expect(lecturer.contains("[exit 143]"), "\(lecturer)")
        #expect(lecturer.contains("cooked"), "the lecturer's terminal is restored: \(lecturer)")
        student = tmux.waitFor("[exit")
        #expect(student.contains("the lecture ended"), "\(student)")
        #expect(student.contains("[exit 0]"))
    }
}
