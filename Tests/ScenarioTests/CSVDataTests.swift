import Foundation
import Testing
import TestSupport
@testable import Scenario

/// `[data] file = "points.csv"`: samples from a CSV beside the scenario, and every way a CSV can
/// be wrong named by its line and column and by the scenario line that asked for it.
struct CSVDataTests {
    static let points = "x1,x2,label\n0.0,1.0,0\n1.0,0.0,1\n0.5,0.5,1\n"

    static func scenario(_ data: String = TestScenarios.csvData) -> String { TestScenarios.logistic(data: data) }

    /// A fresh folder holding `scenario.toml` and the given files.
    static func folder(_ toml: String, files: [String: String]) throws -> String {
        try TestFolder.make("csvdata", files: files.merging(["scenario.toml": toml]) { file, _ in file })
    }

    func load(_ toml: String = scenario(), csv: String? = points, name: String = "points.csv") throws -> Result<Scenario, Diagnostic> {
        let dir = try Self.folder(toml, files: csv.map { [name: $0] } ?? [:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            return .success(try ScenarioLoader.load(path: dir + "/scenario.toml"))
        } catch {
            return .failure(error)
        }
    }

    func failure(_ toml: String = scenario(), csv: String? = points, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic? {
        guard case .failure(let d) = try load(toml, csv: csv) else {
            Issue.record("expected the CSV to be refused", sourceLocation: sourceLocation)
            return nil
        }
        return d
    }

    @Test func columnsMakeColumnVectorsAndALabel() throws {
        let s = try load().get()
        #expect(s.data.map(\.name) == ["x", "y"])
        #expect(s.data[0].rows == [[0, 1], [1, 0], [0.5, 0.5]])
        #expect(s.data[0].vectorLength == 2)
        #expect(s.data[1].vectorLength == nil && s.data[1].values == [0, 1, 1])
        #expect((0..<3).map(s.data[1].text(ofSample:)) == ["0.0", "1.0", "1.0"])
        #expect(s.dataFile?.written == "points.csv")
        #expect(s.dataFile?.columns.map(\.csvColumns) == [["x1", "x2"], ["label"]])
    }

    @Test func trainsLikeTheSameDataWrittenInline() throws {
        let fromCSV = try load().get()
        let inline = try ScenarioLoader.load(bytes: Array(Self.scenario("x = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]]\ny = [0.0, 1.0, 1.0]").utf8), file: "inline.toml")
        var a = "", b = ""
        try TranscriptWriter(scenario: fromCSV, format: .transcript).run { a += $0 }
        try TranscriptWriter(scenario: inline, format: .transcript).run { b += $0 }
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func aRangeNamesNumberedColumns() throws {
        let csv = "p0,p1,p2,label\n1,2,3,0\n4,5,6,1\n"
        let s = try load(Self.scenario("file = \"points.csv\"\nx = \"p1..p2\"\ny = \"label\""), csv: csv).get()
        #expect(s.data[0].rows == [[2, 3], [5, 6]])
    }

    @Test func quotedFieldsAndCRLFAndABlankLastLineRead() throws {
        let csv = "\u{FEFF}x1,x2,\"label\"\r\n\"0.0\",1.0,0\r\n1.0, 0.0 ,1\r\n0.5,0.5,1\r\n\r\n"
        let s = try load(csv: csv).get()
        #expect(s.data[0].rows == [[0, 1], [1, 0], [0.5, 0.5]])
    }

    @Test func aMissingFileNamesTheScenarioLine() throws {
        let d = try failure(csv: nil)
        #expect(d?.file.hasSuffix("scenario.toml") == true)
        #expect(d?.line == 3)
        #expect(d?.column == 8)
        #expect(d?.message.contains("no such file") == true)
    }

    @Test func anUnknownColumnPointsAtItsNameAndSuggests() throws {
        let d = try failure(Self.scenario("file = \"points.csv\"\nx = [\"x1\", \"x3\"]\ny = \"label\""))
        #expect(d?.line == 4)
        #expect(d?.column == 13)
        #expect(d?.message.contains("no column 'x3' (did you mean 'x1'?)") == true)
    }

    @Test func aNonNumberNamesTheCSVLineAndColumnAndTheAskingLine() throws {
        let d = try failure(csv: "x1,x2,label\n0.0,1.0,0\n1.0,abc,1\n")
        #expect(d?.file.hasSuffix("points.csv") == true)
        #expect(d?.line == 3)
        #expect(d?.column == 5)
        #expect(d?.message.contains("x2 is 'abc', not a number") == true)
        #expect(d?.message.contains("scenario.toml:4:5") == true, "\(String(describing: d))")
    }

    @Test func nanAndEmptyCellsAreNotNumbers() throws {
        #expect(try failure(csv: "x1,x2,label\nnan,1.0,0\n")?.message.contains("'nan', not a number") == true)
        let empty = try failure(csv: "x1,x2,label\n0.0,,0\n")
        #expect(empty?.column == 5)
        #expect(empty?.message.contains("x2 is empty") == true)
    }

    @Test func aRaggedRowIsNamed() throws {
        let short = try failure(csv: "x1,x2,label\n0.0,1.0,0\n1.0,0.0\n")
        #expect(short?.line == 3)
        #expect(short?.column == 8)
        #expect(short?.message.contains("row 2 has 2 fields but the header has 3") == true)
        let long = try failure(csv: "x1,x2,label\n0.0,1.0,0,7\n")
        #expect(long?.line == 2)
        #expect(long?.column == 11)
        #expect(long?.message.contains("scenario.toml:3:8") == true)
    }

    @Test func anEmptyFileAndAHeaderAloneAreRefused() throws {
        #expect(try failure(csv: "")?.message.contains("the file is empty") == true)
        let header = try failure(csv: "x1,x2,label\n")
        #expect(header?.message.contains("no samples") == true)
    }

    @Test func aGigabyteFileIsRefusedByItsSizeBeforeReading() throws {
        let dir = try Self.folder(Self.scenario(), files: [:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A sparse file: a gigabyte by its size, nothing on the disk.
        #expect(FileManager.default.createFile(atPath: dir + "/points.csv", contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: dir + "/points.csv"))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        #expect(throws: Diagnostic.self) { try ScenarioLoader.load(path: dir + "/scenario.toml") }
        do {
            _ = try ScenarioLoader.load(path: dir + "/scenario.toml")
        } catch {
            #expect(error.line == 1)
            #expect(error.message.contains("1.0 GB"))
        }
    }

    @Test func aBackwardsRangeIsRefused() throws {
        let d = try failure(Self.scenario("file = \"points.csv\"\nx = \"x2..x1\"\ny = \"label\""))
        #expect(d?.line == 4)
        #expect(d?.message.contains("not a range of columns") == true)
    }

    @Test func aQuotedNewlineKeepsLaterLinesRight() throws {
        let csv = "x1,x2,label\n0.0,1.0,\"0\"\n\"1.0\",0.0,1\n0.5,zz,1\n"
        #expect(try failure(csv: csv)?.line == 4)
        let multiline = "x1,x2,\"la\nbel\"\n0.0,1.0,0\n0.5,zz,1\n"
        let d = try failure(Self.scenario("file = \"points.csv\"\nx = [\"x1\", \"x2\"]"), csv: multiline)
        #expect(d?.line == 4)
        #expect(d?.column == 5)
    }
}
