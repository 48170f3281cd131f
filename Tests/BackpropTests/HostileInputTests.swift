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
}
