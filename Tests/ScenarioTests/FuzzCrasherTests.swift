import Foundation
import Testing

/// Every input in `Fuzz/regressions/loader` and `Fuzz/regressions/csv` — crashers the fuzzers found
/// and the edge cases they start from — checked as the fuzzers check them (FuzzChecks): a crasher
/// copied there is a regression test from then on.
struct FuzzCrasherTests {
    struct Input: CustomTestStringConvertible, Sendable {
        var path: String
        var testDescription: String { (path as NSString).lastPathComponent }
        var bytes: [UInt8] { FileManager.default.contents(atPath: path).map { Array($0) } ?? [] }
    }

    static func inputs(_ kind: String) -> [Input] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/regressions/\(kind)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { Input(path: folder + "/" + $0) }
    }

    @Test func theRegressionFoldersHoldInputs() {
        #expect(Self.inputs("loader").count >= 8)
        #expect(Self.inputs("csv").count >= 8)
    }

    @Test(arguments: inputs("loader"))
    func aScenarioInputLoadsOrIsRefusedInsideTheFile(input: Input) {
        #expect(FuzzChecks.loader(input.bytes) == nil)
    }

    @Test(arguments: inputs("csv"))
    func aCSVInputReadsOrIsRefusedInsideTheFile(input: Input) {
        #expect(FuzzChecks.csv(input.bytes) == nil)
    }

    /// The checks catch what they are for: a message outside the file is a finding.
    @Test func theChecksCanFail() {
        #expect(FuzzChecks.inside(3, 1, lines: 2, "x") != nil)
        #expect(FuzzChecks.inside(1, 0, lines: 2, "x") != nil)
        #expect(FuzzChecks.inside(2, 1, lines: 2, "") != nil)
        #expect(FuzzChecks.inside(2, 7, lines: 2, "x") == nil)
        #expect(FuzzChecks.lineCount(Array("a\r\nb\rc\n".utf8)) == 4)
    }
}
