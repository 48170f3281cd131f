import Foundation
import Testing

/// A command line that names its verb is parsed without ArgumentParser's completion-script search
/// (start-up), but whatever a user reads on a mistake or a help request comes from the real root.
struct QuickParseTests {
    @Test func aUsageErrorAfterAVerbReadsAsTheRealRootsOwn() throws {
        let result = try Backprop.run(["train", "linear", "--format", "bogus"])
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.stderr.contains("Usage: backprop train <scenario>"), "\(result)")
        #expect(!result.stderr.contains("backprop backprop"), "\(result)")
    }

    @Test func helpOfAVerbReadsAsTheRealRootsOwn() throws {
        let result = try Backprop.run(["train", "--help"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: backprop train <scenario>"), "\(result)")
    }

    @Test func aVerbParsedQuicklyTrainsAsBefore() throws {
        let result = try Backprop.run(["train", "linear", "--epochs", "1", "--format", "csv"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.hasPrefix("epoch,loss\n0,"), "\(result)")
    }
}
