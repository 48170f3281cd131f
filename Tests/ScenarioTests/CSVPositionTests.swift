import Foundation
import Testing
import TestSupport
@testable import Scenario

/// A CSV is read a row at a time, and every mistake is named where a spreadsheet's user finds it:
/// CRLF lines, quoted line breaks, an open quote, a loop of links, a file saved with two BOMs,
/// and files that would cost more than their numbers.
struct CSVPositionTests {
    func failure(_ csv: String, data: String = TestScenarios.csvData, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic? {
        let dir = try TestFolder.make("csvpos", files: ["scenario.toml": TestScenarios.logistic(data: data), "points.csv": csv])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try ScenarioLoader.load(path: dir + "/scenario.toml")
            Issue.record("expected the CSV to be refused", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Every row of a reader, as text.
    func rows(_ csv: String) throws -> [[String]] {
        var reader = try CSVReader(bytes: Array(csv.utf8))
        var rows: [[String]] = []
        while try reader.nextRow() { rows.append(reader.fields.indices.map { reader.string($0) }) }
        return rows
    }

    @Test func aCRLFFileNamesTheBadCellsOwnColumn() throws {
        let d = try failure("x1,x2,label\r\n0.0,1.0,0\r\n1.0,abc,1\r\n")
        #expect(d?.line == 3)
        #expect(d?.column == 5)
        let last = try failure("x1,x2,label\r\n0.0,1.0,0\r\n1.0,0.5,yes\r\n")
        #expect(last?.line == 3)
        #expect(last?.column == 9)
        #expect(last?.message.contains("label is 'yes', not a number") == true)
    }

    @Test func aQuotedLineBreakCountsAsALine() throws {
        // Row 1's unused note runs over two lines (CRLF inside the quotes), so the bad cell is on line 5.
        let d = try failure("x1,x2,label,note\r\n0.0,1.0,0,\"a\r\nb\"\r\n1.0,0.0,1,\r\n2.0,zz,1,\r\n")
        #expect(d?.line == 5)
        #expect(d?.column == 5)
    }

    @Test func anOpenQuoteIsNamedWhereItOpens() throws {
        let d = try failure("x1,x2,label\n0.0,1.0,0\n1.0,\"0.0,1\n0.5,0.5,1\n")
        #expect(d?.line == 3)
        #expect(d?.column == 5)
        #expect(d?.message.contains("quote") == true)
        #expect(d?.message.contains("never closed") == true)
    }

    @Test func textAfterAClosingQuoteIsNamed() throws {
        let d = try failure("x1,x2,label\n\"0.0\"x,1.0,0\n")
        #expect(d?.line == 2)
        #expect(d?.column == 6)
        #expect(d?.message.contains("closes a field") == true)
    }

    @Test func aLoopOfLinksIsNotNoSuchFile() throws {
        let dir = try TestFolder.make("csvloop", files: ["scenario.toml": TestScenarios.logistic()])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/points.csv", withDestinationPath: dir + "/other.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/other.csv", withDestinationPath: dir + "/points.csv")
        #expect(throws: Diagnostic.self) { try ScenarioLoader.load(path: dir + "/scenario.toml") }
        do {
            _ = try ScenarioLoader.load(path: dir + "/scenario.toml")
        } catch {
            #expect(error.message.contains("loop of symbolic links"), "\(error)")
            #expect(!error.message.contains("no such file"))
            #expect(error.line == 3)
        }
    }

    @Test func aDoubledByteOrderMarkIsNamedNotSuggestedAsItself() throws {
        let d = try failure("\u{FEFF}\u{FEFF}x1,x2,label\n0.0,1.0,0\n")
        #expect(d?.line == 1)
        #expect(d?.column == 1)
        #expect(d?.message.contains("byte-order mark") == true)
        #expect(d?.message.contains("did you mean") == false)
        // One mark is what spreadsheets write, and is read.
        #expect(try rows("\u{FEFF}x1,x2\n1,2\n") == [["x1", "x2"], ["1", "2"]])
    }

    @Test func aBidiControlInTheHeaderIsRefusedAndACellIsEchoedEscaped() throws {
        let header = try failure("x1,x2\u{202E},label\n0.0,1.0,0\n")
        #expect(header?.column == 6)
        #expect(header?.message.contains("U+202E") == true)
        let cell = try failure("x1,x2,label\n0.0,1\u{202E}0,0\n")
        #expect(cell?.message.contains("\\u{202E}") == true)
        #expect(cell?.message.unicodeScalars.contains("\u{202E}") == false)
    }

    @Test func aNumberTooLargeIsRefusedByName() throws {
        let d = try failure("x1,x2,label\n0.0,1e400,0\n")
        #expect(d?.line == 2)
        #expect(d?.column == 5)
        #expect(d?.message.contains("too large") == true)
    }

    /// A lone carriage return ends a line inside quotes as outside (old Macs' files): the cell after
    /// a quoted line break was named a line too early. A text column beside the numbers holds the breaks.
    @Test func aLoneCarriageReturnInsideQuotesEndsALine() throws {
        let d = try failure("note,x1,x2,label\r\"a\rb\",0.5,1,0\rq,0.5,1,zz\r")
        #expect(d?.line == 4 && d?.column == 9, "\(String(describing: d))")
        let mixed = try failure("note,x1,x2,label\n\"a\nb\",0.5,1,0\n\"c\r\nd\",0.5,1,1\n\"e\rf\",0.5,1,zz\n")
        #expect(mixed?.line == 7 && mixed?.column == 10, "\(String(describing: mixed))")
    }

    /// A number as long as Python reads (pi to 76 places) is a number in a CSV as in TOML; one past
    /// what a cell keeps says so, not "not a number".
    @Test func aLongNumberIsANumberAndOneTooLongSaysSo() throws {
        let pi = "3.14159265358979323846264338327950288419716939937510582097494459230781640628"
        let dir = try TestFolder.make("csvlong", files: ["scenario.toml": TestScenarios.logistic(data: TestScenarios.csvData),
                                                         "points.csv": "x1,x2,label\n\(pi),1,0\n0.5,1,1\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: Never.self) { try ScenarioLoader.load(path: dir + "/scenario.toml") }
        let long = try failure("x1,x2,label\n0.5,1\(String(repeating: "0", count: 300)),0\n")
        #expect(long?.message.contains("longer than the 256 characters a number may take") == true, "\(String(describing: long))")
    }

    @Test func aCellPastFloat32IsRefusedInAFloat32Scenario() throws {
        let d = try failure("x1,x2,label\n0.0,1e39,0\n")
        #expect(d?.line == 2 && d?.column == 5)
        #expect(d?.message.contains("x2 is '1e39', past float32's largest number") == true, "\(String(describing: d))")
    }

    @Test func theDialect() throws {
        #expect(try rows("a,b\r\n\"1,5\",\"say \"\"hi\"\"\"\r\n\r\n  3 , 4 \n") == [["a", "b"], ["1,5", "say \"hi\""], ["3", "4"]])
        #expect(try rows("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
        #expect(try rows("a,\n,\n") == [["a", ""], ["", ""]])
        #expect(try rows("") == [])
        #expect(try rows("a") == [["a"]])
    }

    @Test func invalidUTF8AndNULAreNamed() throws {
        #expect(throws: CSVReader.Problem.self) { _ = try rows("a,b\n1,\u{0}\n") }
        var reader = try CSVReader(bytes: Array("a,b\n1,2".utf8) + [0xFF, 0x0A])
        #expect(try reader.nextRow())
        do {
            _ = try reader.nextRow()
            Issue.record("0xFF is not UTF-8")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func aFileOfCommasIsRefusedAtItsHeaderUnread() throws {
        let commas = String(repeating: ",\n", count: 200_000)
        let d = try failure(commas)
        #expect(d?.message.contains("no column 'x1'") == true)
    }

    @Test func tooManyNumbersAreRefusedAtTheRowThatCrossesTheBound() throws {
        // A bound of 30 numbers, 3 a row: row 11 (line 12) crosses it; the message says the bound and what to do.
        let csv = "x1,x2,label\n" + String(repeating: "1,2,0\n", count: 12)
        let dir = try TestFolder.make("csvbound", files: ["scenario.toml": TestScenarios.logistic(data: TestScenarios.csvData), "points.csv": csv])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: Never.self) { try ScenarioLoader.load(path: dir + "/scenario.toml", name: nil, allowDataOutside: false, dataLimit: 36) }
        let d = #expect(throws: Diagnostic.self) { try ScenarioLoader.load(path: dir + "/scenario.toml", name: nil, allowDataOutside: false, dataLimit: 30) }
        #expect(d?.file.hasSuffix("points.csv") == true && d?.line == 12 && d?.column == 1)
        #expect(d?.message.contains("more than 30 numbers by this row (11 rows of 3); backprop takes up to 30 numbers from a data file (10 rows of these columns). Keep fewer rows") == true)
    }

    @Test func aMillionRowsFitUnderTheBound() {
        #expect(ScenarioLoader.maximumDataNumbers >= 3_000_000 * 2)
    }

    @Test func aRowThatNeverEndsKeepsOnlyWhatIsShown() throws {
        // One field of 2 MB: kept up to a number's length, refused as too long for one.
        let d = try failure("x1,x2,label\n" + String(repeating: "1", count: 2 << 20) + ",1,0\n")
        #expect(d?.line == 2)
        #expect(d?.column == 1)
        #expect(d?.message.contains("longer than the 256 characters a number may take") == true)
        #expect((d?.message.count ?? .max) < 300)
    }

    @Test func readsFromAFileInChunksAsFromMemory() throws {
        var csv = "x1,x2,label\n"
        for i in 0..<20_000 { csv += "\(i),\"\(i % 7)\",\(i % 2)\r\n" }
        let dir = try TestFolder.make("csvchunks", files: ["points.csv": csv])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var file = try CSVReader(path: dir + "/points.csv")
        var memory = try CSVReader(bytes: Array(csv.utf8))
        var count = 0
        while try file.nextRow() {
            #expect(try memory.nextRow())
            #expect(file.fields.indices.map { file.string($0) } == memory.fields.indices.map { memory.string($0) })
            #expect(file.rowLine == memory.rowLine)
            count += 1
        }
        #expect(try !memory.nextRow())
        #expect(count == 20_001)
    }
}
