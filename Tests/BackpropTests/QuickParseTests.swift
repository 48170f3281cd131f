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

    /// `train` read without ArgumentParser (the lecture's start-up) gives what ArgumentParser gives:
    /// each line against the same line with `--` before the scenario, which only ArgumentParser reads.
    @Test func theQuickTrainReadsAsArgumentParserDoes() throws {
        for flags in [["--epochs", "2", "--format", "csv"], ["--format=jsonl", "--epochs=1"], ["--epochs", "3"], ["--epochs", "2", "--epochs", "1"], []] {
            let quick = try Backprop.run(["train"] + flags + ["xor"])
            let parsed = try Backprop.run(["train"] + flags + ["--", "xor"])
            #expect(quick.exitCode == 0 && parsed.exitCode == 0, "\(flags): \(quick)\n\(parsed)")
            #expect(quick.stdout == parsed.stdout, "\(flags)")
        }
        for bad in [["--epochs", "-1"], ["--format", "csv", "extra"], ["--formt", "csv"]] {
            let result = try Backprop.run(["train", "linear"] + bad)
            #expect(result.exitCode == 64 && result.stdout.isEmpty, "\(bad): \(result)")
            #expect(result.stderr.contains("Usage: backprop train") || result.stderr.contains("--epochs must be"), "\(bad): \(result)")
        }
    }

    /// `frame` read without ArgumentParser (a first frame's start-up) draws what ArgumentParser's
    /// reading draws, and leaves every mistake to it.
    @Test func theQuickFrameReadsAsArgumentParserDoes() throws {
        for flags in [["--step", "7", "--size", "80x24"], ["--size=120x40", "--ascii", "--keys", "v"], ["--keys=?"], []] {
            let quick = try Backprop.run(["frame"] + flags + ["xor"])
            let parsed = try Backprop.run(["frame"] + flags + ["--", "xor"])
            #expect(quick.exitCode == 0 && parsed.exitCode == 0, "\(flags): \(quick)\n\(parsed)")
            #expect(quick.stdout == parsed.stdout, "\(flags)")
        }
        for bad in [["--step", "-1"], ["--size", "10x10"], ["--step", "1", "extra"], ["--stpe", "1"]] {
            let result = try Backprop.run(["frame", "linear"] + bad)
            #expect(result.exitCode == 64 && result.stdout.isEmpty, "\(bad): \(result)")
            #expect(result.stderr.contains("Usage: backprop frame") || result.stderr.contains("must be"), "\(bad): \(result)")
        }
        let past = try Backprop.run(["frame", "linear", "--step", "100000"])
        #expect(past.exitCode == 64 && past.stderr.contains("--step 100000 is past the last event"), "\(past)")
    }
}
