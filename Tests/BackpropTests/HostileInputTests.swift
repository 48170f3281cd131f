import Foundation
import Testing

/// Files a careless user (or a hostile one) might hand to `check`: refused in words, fast, with
/// nothing from the file reaching the terminal as an escape code.
struct HostileInputTests {
    func expectRefused(_ arguments: [String], in folder: TemporaryFolder, _ fragment: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Backprop.run(arguments, in: folder.url, timeout: 20)
        #expect(result.exitCode == 65 && !result.killedBySignal && !result.timedOut, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result)", sourceLocation: sourceLocation)
    }

    @Test func aDeviceIsRefusedUnread() throws {
        let folder = try TemporaryFolder()
        try expectRefused(["check", "/dev/zero"], in: folder, "/dev/zero:1:1: error: this is a device, not a scenario file")
    }

    /// A FIFO nobody writes to, named as the scenario or as its CSV: refused at once as a pipe
    /// (it read as "the file is empty"), never waited on.
    @Test func aPipeWithNoWriterIsRefusedAsAPipeWithoutWaiting() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.url.appendingPathComponent("f.toml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try Backprop.run(["check", fifo], in: folder.url, timeout: 10)
        #expect(!result.timedOut && result.exitCode == 65, "\(result)")
        #expect(result.stderr.contains("f.toml:1:1: error: this is a pipe (a FIFO) with nothing written to it, not a scenario file"), "\(result)")
        #expect(!result.stderr.contains("empty"), "\(result)")

        #expect(mkfifo(folder.url.appendingPathComponent("points.csv").path, 0o600) == 0)
        let scenario = try folder.write("s.toml", CheckCSVTests.toml)
        let csv = try Backprop.run(["check", scenario], in: folder.url, timeout: 10)
        #expect(!csv.timedOut && csv.exitCode == 65, "\(csv)")
        #expect(csv.stderr.contains("this is a pipe (a FIFO) with nothing written to it, not a CSV data file"), "\(csv)")
    }

    /// A small file whose model would make a huge tensor (`x @ x.T` of a 100 000-wide row: 10^10
    /// numbers) passed check and ended train, frame, run and a whole served class in the allocator
    /// (SIGABRT); a watch expression did the same to check. Refused at the expression, every command.
    @Test func aTensorTooBigToHoldIsRefusedAtItsExpressionNotInTheAllocator() throws {
        let folder = try TemporaryFolder()
        let row = Array(repeating: "0.5", count: 100_000).joined(separator: ", ")
        let outer = try folder.write("outer.toml", """
            title = "T"
            [data]
            x = [[\(row)]]
            y = [1.0]
            [params]
            w = 1.0
            [model]
            forward = "sum(x @ x.T) * w"
            loss = "(y_pred - y)^2"
            [train]
            epochs = 1
            lr = 0.01

            """)
        let message = "would make a 100000×100000 tensor, 10000000000 numbers; one tensor may hold at most 16777216"
        for command in [["check", outer], ["train", outer], ["frame", outer, "--step", "3"], ["export", outer, "--to", "pytorch", "-o", "o.py"]] {
            try expectRefused(command, in: folder, "outer.toml:8:18: error: A @ B " + message)
        }
        let watch = try folder.write("watch.toml", """
            title = "T"
            [data]
            x = [1.0]
            y = [1.0]
            [params]
            w = [[\(row)]]
            [model]
            forward = "sum(w) * x"
            loss = "(y_pred - y)^2"
            watch = ["w.T @ w"]
            [train]
            epochs = 1
            lr = 0.01

            """)
        try expectRefused(["check", watch], in: folder, "watch.toml:10:")
        try expectRefused(["check", watch], in: folder, message)
    }

    @Test func aFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        try expectRefused(["check", folder.url.path], in: folder, "this is a folder, not a scenario file")
    }

    @Test func anOversizedFileIsRefusedBeforeParsingWithTheLimit() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("huge.toml", "")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 17 << 20)  // sparse: 17 MB of NULs, written in no time
        try handle.close()
        try expectRefused(["check", path], in: folder, "the file is 17.0 MB; scenario files are limited to 16.0 MB")
    }

    @Test func escapeCodesInATitleNeverReachTheTerminal() throws {
        let folder = try TemporaryFolder()
        let text = BadFile.good.replacingOccurrences(of: "title = \"t\"", with: "title = \"\\u001b]0;pwned\\u0007\\u001b[2J\"")
        let path = try folder.write("escape.toml", text)
        let result = try Backprop.run(["check", path], in: folder.url)
        #expect(result.exitCode == 65, "\(result)")
        #expect(result.stderr.contains("title holds a control character U+001B"), "\(result)")
        #expect(!result.stdoutData.contains(0x1B) && !result.stderrData.contains(0x1B) && !result.stderrData.contains(0x07), "\(result)")
    }

    @Test func aFileNameWithAnEscapeCodeIsPrintedEscaped() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a\u{1B}[2Jb.toml", BadFile.good)
        let result = try Backprop.run(["check", path], in: folder.url)
        #expect(result.exitCode == 0, "\(result)")
        #expect(!result.stdoutData.contains(0x1B) && result.stdout.contains("a\\u{1B}[2Jb.toml: ok"), "\(result)")
    }

    @Test func aScenarioThatReadsOutsideItsFolderIsExit65AndEchoesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write("secret.csv", "password,x,y\nhunter2,1,2\n")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("class"), withIntermediateDirectories: true)
        try folder.write("class/s.toml", CheckCSVTests.toml.replacingOccurrences(of: "\"points.csv\"", with: "\"../secret.csv\"")
            .replacingOccurrences(of: "[\"x1\", \"x2\"]", with: "[\"password\", \"x\"]").replacingOccurrences(of: "\"label\"", with: "\"y\""))
        for command in [["check"], ["train"], ["frame"], ["export", "--to", "dot"]] {
            let result = try Backprop.run(command + ["class/s.toml"], in: folder.url)
            #expect(result.exitCode == 65, "\(result)")
            #expect(result.stderr.contains("class/s.toml:3:8: error: ../secret.csv is outside the scenario's folder"), "\(result)")
            #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"), "\(result)")
        }
        // Trusted by the user: read, and its cell (not a number) may now be named.
        let allowed = try Backprop.run(["check", "--allow-data-outside", "class/s.toml"], in: folder.url)
        #expect(allowed.exitCode == 65 && allowed.stderr.contains("'hunter2', not a number"), "\(allowed)")
    }

    @Test func aRightToLeftOverrideInATitleIsRefusedWithItsPositionAndShownEscaped() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bidi.toml", BadFile.good.replacingOccurrences(of: "title = \"t\"", with: "title = \"gradient \u{202E}evil\""))
        let result = try Backprop.run(["check", path], in: folder.url)
        #expect(result.exitCode == 65, "\(result)")
        #expect(result.stderr.contains("bidi.toml:1:19: error: this text holds an invisible character U+202E (right-to-left override)"), "\(result)")
        #expect(result.stderr.contains("gradient \\u{202E}evil"), "\(result)")
        #expect(!result.stderr.unicodeScalars.contains("\u{202E}"), "\(result)")
    }
}
