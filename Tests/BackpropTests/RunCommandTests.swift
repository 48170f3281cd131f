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
}
