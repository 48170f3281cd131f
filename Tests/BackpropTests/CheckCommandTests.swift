import Foundation
import Testing
import TestSupport

/// A broken scenario file and what `backprop check` must say about it.
struct BadFile: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    /// The line the error must point at, when it is unambiguous.
    var line: Int?
    /// A piece of the message a teacher needs to see.
    var fragment: String

    var testDescription: String { name }

    static let good = TestScenarios.lecture(title: "t") + "\n"

    static func replacing(_ name: String, _ old: String, _ new: String, line: Int?, _ fragment: String) -> BadFile {
        precondition(good.contains(old))
        return BadFile(name: name, bytes: Array(good.replacingOccurrences(of: old, with: new).utf8), line: line, fragment: fragment)
    }

    static let all: [BadFile] = [
        replacing("broken-toml.toml", "w = 1.0", "w = = 1.0", line: 6, "TOML"),
        replacing("unknown-key.toml", "epochs = 3", "epoch = 3", line: 11, "did you mean 'epochs'"),
        replacing("undefined-name.toml", "\"x * w\"", "\"x * ww\"", line: 8, "did you mean 'w'"),
        replacing("unknown-function.toml", "\"x * w\"", "\"sigmod(x * w)\"", line: 8, "did you mean 'sigmoid'"),
        BadFile(name: "shapes.toml",
                bytes: Array(good.replacingOccurrences(of: "w = 1.0", with: "w = [[1.0, 2.0], [3.0, 4.0]]")
                    .replacingOccurrences(of: "\"x * w\"", with: "\"w @ x\"").utf8),
                line: 8, fragment: "shapes do not fit"),
        BadFile(name: "empty.toml", bytes: [], line: 1, fragment: "empty"),
        BadFile(name: "binary.toml", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00], line: 1, fragment: "binary"),
        BadFile(name: "latin1.toml", bytes: Array("title = \"caf".utf8) + [0xE9] + Array("\"\n".utf8), line: 1, fragment: "UTF-8"),
    ]
}

/// `backprop check`: exit 0 for good files; 65 and one `FILE:LINE:COL: error: …` line per bad one.
struct CheckCommandTests {
    /// Checks that `stderr` is exactly one compiler-style diagnostic about `file`; returns its line number.
    @discardableResult
    func expectOneDiagnostic(_ result: RunResult, file: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
        let lines = result.stderrLines.filter { !$0.isEmpty }
        #expect(lines.count == 1, "expected one line on stderr\n\(result)", sourceLocation: sourceLocation)
        guard let line = lines.first else { return nil }
        guard line.hasPrefix(file + ":") else {
            Issue.record("the diagnostic does not start with '\(file):'\n\(result)", sourceLocation: sourceLocation)
            return nil
        }
        // LINE:COL: error: message
        let rest = line.dropFirst(file.count + 1).split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        let lineNumber = rest.count > 0 ? Int(rest[0]) : nil
        let column = rest.count > 1 ? Int(rest[1]) : nil
        let ok = rest.count == 4 && (lineNumber ?? 0) >= 1 && (column ?? 0) >= 1
            && rest[2] == " error" && rest[3].hasPrefix(" ") && rest[3].count > 1
        #expect(ok, "not of the form FILE:LINE:COL: error: message: '\(line)'", sourceLocation: sourceLocation)
        return lineNumber
    }

    @Test(arguments: BadFile.all)
    func checkRejectsABadFileWithOneLocatedError(bad: BadFile) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(bad.name, bytes: bad.bytes)
        let result = try Backprop.run(["check", path], in: folder.url)
        #expect(result.exitCode == 65, "\(result)")
        #expect(!result.killedBySignal && !result.timedOut)
        let line = expectOneDiagnostic(result, file: path)
        if let expected = bad.line { #expect(line == expected, "\(result)") }
        #expect(result.stderr.contains(bad.fragment), "\(result)")
    }

    @Test func checkNamesAFileAsTheUserWroteIt() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.toml", "title = \"t\"\n[data\n")
        let result = try Backprop.run(["check", "bad.toml"], in: folder.url)
        #expect(result.exitCode == 65, "\(result)")
        expectOneDiagnostic(result, file: "bad.toml")
    }

    @Test func checkRejectsAMissingFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("nowhere.toml").path
        let result = try Backprop.run(["check", path], in: folder.url)
        #expect(result.exitCode == 65, "\(result)")
        expectOneDiagnostic(result, file: path)
    }

    @Test func checkAcceptsAGoodFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("good.toml", BadFile.good)
        let result = try Backprop.run(["check", path], in: folder.url)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")
    }

    @Test func checkOfTwoFilesWithOneBadExits65AndNamesOnlyTheBadOne() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("good.toml", BadFile.good)
        let bad = try folder.write("bad.toml", BadFile.good.replacingOccurrences(of: "epochs = 3", with: "epoch = 3"))
        for order in [[good, bad], [bad, good]] {
            let result = try Backprop.run(["check"] + order, in: folder.url)
            #expect(result.exitCode == 65, "\(order): \(result)")
            expectOneDiagnostic(result, file: bad)
            #expect(!result.stderr.contains(good), "\(result)")
        }
    }

    @Test func checkReportsEveryBadFileNotJustTheFirst() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("first.toml", bytes: [])
        let second = try folder.write("second.toml", "w = = 1\n")
        let result = try Backprop.run(["check", first, second], in: folder.url)
        #expect(result.exitCode == 65, "\(result)")
        let lines = result.stderrLines.filter { !$0.isEmpty }
        #expect(lines.count == 2, "\(result)")
        #expect(lines.first?.hasPrefix(first + ":") == true && lines.last?.hasPrefix(second + ":") == true, "\(result)")
    }
}

/// Malformed TOML that aborted the old C++ reader: now exit 65 with a position, and the other
/// files on the same line are still checked.
struct MalformedTOMLTests {
    @Test(arguments: ["[\n", "[!]\n", "[[[notes]]\n", "[`arams]\n"])
    func malformedTOMLIsExit65AndTheNextFileIsStillChecked(text: String) throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("a.toml", text)
        let result = try Backprop.run(["check", bad, "linear"], in: folder.url)
        #expect(result.exitCode == 65 && !result.killedBySignal, "\(result)")
        #expect(result.stderrLines == ["\(bad):1:\(text.hasPrefix("[[[") ? 3 : 2): error: this is not valid TOML: "
            + (text == "[\n" ? "expected a key (a name such as x or \"my key\")" : "expected a key (a name of letters, digits, _ and -), found '\(text.dropFirst(text.hasPrefix("[[[") ? 2 : 1).prefix(1))'")],
                "\(result)")
        #expect(result.stdout.hasPrefix("linear: ok"), "\(result)")
    }
}
