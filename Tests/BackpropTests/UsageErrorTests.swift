import Foundation
import Testing

/// Bad usage exits 64 with a message; a scenario name that does not exist is a bad scenario (65).
struct UsageErrorTests {
    func expectUsageError(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Backprop.run(arguments)
        #expect(result.exitCode == 64, "backprop \(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        #expect(!result.killedBySignal && !result.timedOut, sourceLocation: sourceLocation)
        #expect(!result.stderr.isEmpty, "no message on stderr: \(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "usage errors belong on stderr: \(result)", sourceLocation: sourceLocation)
    }

    /// Serving flags without --serve were taken and then ignored (the screen opened and served
    /// nothing); a password of two words was taken though the help says one.
    @Test func servingFlagsNeedServeAndAPasswordIsOneWord() throws {
        try expectUsageError(["run", "linear", "--password", "secret"])
        try expectUsageError(["lecture", "--max-clients", "5"])
        try expectUsageError(["serve", "--password", "a b", "--port", "1"])
        let result = try Backprop.run(["run", "linear", "--password", "secret", "--host", "0.0.0.0"])
        #expect(result.stderr.contains("--host, --password are for lecture mode: add --serve PORT"), "\(result)")
    }

    /// A host key that is a folder, a device or nothing is said plainly (it was Foundation's "Code=256 (null)").
    @Test func aBadHostKeyIsSaidPlainly() throws {
        let folder = try TemporaryFolder()
        for (key, words) in [(folder.url.path, "is a folder, not a host key file"), ("/dev/null", "cannot be read as a host key"),
                             ("", "--host-key needs a file name")] {
            let result = try Backprop.run(["serve", "--port", "1", "--host-key", key], in: folder.url, timeout: 20)
            #expect(result.exitCode == 1 && result.stderr.contains(words) && !result.stderr.contains("NSCocoaErrorDomain"), "\(result)")
        }
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        try expectUsageError(["train", "linear", "--format", "xml"])
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        try expectUsageError(["train", "linear", "--colour"])
    }

    @Test func trainWithoutAScenarioIsAUsageError() throws {
        try expectUsageError(["train"])
    }

    @Test func checkWithoutFilesIsAUsageError() throws {
        try expectUsageError(["check"])
    }

    @Test func negativeEpochsIsAUsageError() throws {
        try expectUsageError(["train", "linear", "--epochs", "-1"])
        try expectUsageError(["train", "linear", "--epochs=-1"])
    }

    @Test func epochsThatAreNotANumberIsAUsageError() throws {
        try expectUsageError(["train", "linear", "--epochs", "many"])
    }

    @Test func anUnknownScenarioNameSuggestsTheClosest() throws {
        let result = try Backprop.run(["train", "lineer"])
        #expect(result.exitCode == 65, "\(result)")
        #expect(result.stderr.contains("did you mean 'linear'"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func helpExitsZeroAndNamesTheCommands() throws {
        let result = try Backprop.run(["--help"])
        #expect(result.exitCode == 0, "\(result)")
        for command in ["run", "train", "list", "check"] {
            #expect(result.stdout.contains(command), "--help does not mention \(command): \(result)")
        }
    }
}

/// One limit for epochs, sizes with their limit, a dumb terminal refused in words.
struct LimitMessageTests {
    @Test(arguments: [
        (["train", "linear", "--epochs", "10000001"], "--epochs must be a whole number from 0 to 10000000"),
        (["run", "linear", "--epochs", "10000001"], "--epochs must be a whole number from 1 to 10000000"),
        (["export", "linear", "--to", "csv", "--until", "10000001"], "--until must be a whole number from 0 to 10000000"),
        (["frame", "linear", "--size", "2000x2000"], "--size must be COLSxROWS from 40x12 to 1000x1000"),
        (["export", "linear", "--to", "cast", "--size", "80x1001"], "--size must be COLSxROWS from 40x12 to 1000x1000"),
        (["export", "linear", "--to", "svg", "--size", "0x0"], "--size must be COLSxROWS from 40x12 to 1000x1000"),
        (["run", "linear", "--speed", "1e100"], "--speed must be a number from 0.01 to 1000000 events a second"),
        (["export", "linear", "--to", "cast", "--speed", "1e-300"], "--speed must be a number from 0.01 to 1000000 events a second"),
    ])
    func limitsAreSaidWithTheirValue(arguments: [String], fragment: String) throws {
        let result = try Backprop.run(arguments)
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.stderr.contains(fragment), "\(result)")
    }

    @Test func aDumbTerminalIsRefusedClearly() throws {
        let result = try runInShell("TERM=dumb \"$B\" run linear")
        #expect(result.exitCode == 1, "\(result)")
        #expect(result.stderr.contains("TERM=dumb cannot draw the screen"), "\(result)")
    }
}
