import Foundation
import Testing

let binaryMissing = "the built `backprop` executable is not beside the test bundle: the command is not run"

/// `backprop export` as a user runs it: exit codes, stdout, -o.
struct ExportCommandTests {
    func backprop(_ arguments: String..., in directory: URL? = nil) throws -> ProcessResult {
        try Tools.run(try #require(Tools.backprop), ["export"] + arguments, directory: directory)
    }

    @Test(.enabled(if: Tools.backprop != nil, Comment(rawValue: binaryMissing)))
    func unknownFormatIsUsageErrorListingTheFormats() throws {
        let result = try backprop("linear", "--to", "png")
        #expect(result.status == 64)
        for format in ["dot", "csv", "pytorch"] { #expect(result.stderr.contains(format)) }
    }

    @Test(.enabled(if: Tools.backprop != nil, Comment(rawValue: binaryMissing)))
    func badScenarioExits65WithTheDiagnostic() throws {
        let result = try backprop("no-such-scenario", "--to", "csv")
        #expect(result.status == 65)
        #expect(result.stderr.contains("no scenario named 'no-such-scenario'"))
    }

    @Test(.enabled(if: Tools.backprop != nil, Comment(rawValue: binaryMissing)))
    func stepPastTheEndExits64() throws {
        let result = try backprop("linear", "--to", "dot", "--step", "300")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--step 300 is past the end"))
        #expect(result.stdout.isEmpty)
    }

    @Test(.enabled(if: Tools.backprop != nil, Comment(rawValue: binaryMissing)))
    func keysPressedBeforeTheSVGScreenAndRefusedWhereNoScreenIsDrawn() throws {
        let plain = try backprop("xor", "--to", "svg", "--step", "28")
        let viewed = try backprop("xor", "--to", "svg", "--step", "28", "--keys", "v")
        #expect(plain.status == 0 && viewed.status == 0)
        #expect(plain.stdout != viewed.stdout, "v chose another view")
        let refused = try backprop("linear", "--to", "csv", "--keys", "v")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--keys presses keys before the svg screen"))
    }

    @Test(.enabled(if: Tools.backprop != nil, Comment(rawValue: binaryMissing)))
    func outputFileGetsWhatStdoutWouldShow() throws {
        let dir = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let printed = try backprop("linear", "--to", "csv", "--until", "4")
        #expect(printed.status == 0)
        let written = try backprop("linear", "--to", "csv", "--until", "4", "-o", "loss.csv", in: dir)
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: dir.appendingPathComponent("loss.csv"), encoding: .utf8) == printed.stdout)
        let failed = try backprop("linear", "--to", "dot", "--step", "999", "-o", "loss.csv", in: dir)
        #expect(failed.status == 64)
        #expect(try String(contentsOf: dir.appendingPathComponent("loss.csv"), encoding: .utf8) == printed.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["loss.csv"])
    }
}
