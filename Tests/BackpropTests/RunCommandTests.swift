import Foundation
import Testing

/// `backprop run` needs a terminal: with stdout captured by a pipe it must refuse at once, not hang or spin.
struct RunCommandTests {
    @Test(arguments: [["run", "linear"], ["run"], []])
    func runRefusesWhenStdoutIsNotATerminal(arguments: [String]) throws {
        let result = try Backprop.run(arguments, timeout: 20)
        #expect(!result.timedOut, "backprop \(arguments.joined(separator: " ")) hung without a terminal")
        #expect(!result.killedBySignal, "\(result)")
        #expect(result.exitCode == 1, "\(result)")
        #expect(!result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "no message on stderr: \(result)")
        // No escape sequences may leak into a captured stdout.
        #expect(!result.stdout.contains("\u{1B}["), "\(result)")
    }

    /// A TERM this machine has no description of (xterm-kitty over SSH, say) ends with the command
    /// to type instead: the same one with TERM=xterm-256color in front. Run in a pseudo-terminal
    /// (util-linux `script`), as the check comes after stdin and stdout are found to be terminals.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func anUnknownTermSaysWhatToTypeInstead() throws {
        let binary = try Backprop.binary.get().path
        let result = try Backprop.run([], timeout: 20, executable: URL(fileURLWithPath: "/usr/bin/env"),
                                      prefix: ["TERM=xterm-no-such-terminal", "/usr/bin/script", "-qec", "'\(binary)' run linear --speed 2", "/dev/null"])
        #expect(!result.timedOut && result.exitCode == 1, "\(result)")
        #expect(result.stdout.contains("no description of TERM=xterm-no-such-terminal"), "\(result)")
        #expect(result.stdout.contains("TERM=xterm-256color backprop run linear --speed 2"), "\(result)")
    }
}
