import Foundation
import Testing

/// Runs `backprop` under `sh -c SCRIPT`, the binary's path in $B: for redirections a Process
/// cannot make (/dev/full, a closed stdout, a pipe whose reader leaves).
func runInShell(_ script: String, timeout: TimeInterval = 60) throws -> RunResult {
    let binary = try Backprop.binary.get()
    return try Backprop.run([], timeout: timeout, executable: URL(fileURLWithPath: "/bin/sh"),
                            prefix: ["-c", "B='\(binary.path)'; " + script])
}

/// Every write is checked: a full disk or a closed stdout is exit 1 with the reason, never a
/// silent exit 0; a pipe whose reader has gone ends quietly.
struct OutputFailureTests {
    @Test(arguments: [
        "\"$B\" train linear > /dev/full",
        "\"$B\" train linear --format csv > /dev/full",
        "\"$B\" list > /dev/full",
        "\"$B\" check linear > /dev/full",
        "\"$B\" export linear --to dot > /dev/full",
        "\"$B\" frame linear --step 3 > /dev/full",
        "\"$B\" --help > /dev/full",
    ])
    func aFullDiskIsExit1WithTheReason(script: String) throws {
        let result = try runInShell(script)
        #expect(result.exitCode == 1, "\(result)")
        #expect(result.stderr == "backprop: cannot write to standard output: No space left on device\n", "\(result)")
    }

    @Test func aClosedStdoutIsExit1WithTheReason() throws {
        let result = try runInShell("\"$B\" train linear >&-")
        #expect(result.exitCode == 1, "\(result)")
        #expect(result.stderr == "backprop: cannot write to standard output: it is closed\n", "\(result)")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let result = try runInShell("\"$B\" train linear --epochs 1000000 | head -1", timeout: 30)
        #expect(!result.timedOut && result.stderr == "", "\(result)")
        #expect(result.stdout.hasPrefix("predict (before training) 4 4.0\n"), "\(result)")
    }
}
