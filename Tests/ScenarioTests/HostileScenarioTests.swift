import Foundation
import Testing
import TestSupport
@testable import Scenario

/// A scenario downloaded for a class is data, not a program: its numbers are finite, its text
/// shows what it says, and it reads files only from its own folder.
struct HostileScenarioTests {
    func failure(_ toml: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
        do {
            _ = try ScenarioLoader.load(bytes: Array(toml.utf8), file: "s.toml")
            Issue.record("expected the scenario to be refused", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    static func scalar(data: String = "x = [1.0, 2.0]\ny = [2.0, 4.0]", params: String = "w = 1.0", title: String = "t") -> String {
        "title = \"\(title)\"\n[data]\n\(data)\n[params]\n\(params)\n[model]\nforward = \"x * w\"\nloss = \"(y_pred - y)^2\"\n"
    }

    // MARK: one policy for numbers

    @Test(arguments: [
        ("x = [1.0, nan]\ny = [2.0, 4.0]", "w = 1.0", 3, 11),
        ("x = [1.0, 2.0]\ny = [2.0, -inf]", "w = 1.0", 4, 11),
        ("x = [[1.0, 2.0], [inf, 1.0]]\ny = [2.0, 4.0]", "w = [[1.0, 1.0]]", 3, 19),
        ("x = [1.0, 2.0]\ny = [2.0, 4.0]", "w = nan", 6, 5),
        ("x = [1.0, 2.0]\ny = [2.0, 4.0]", "w = [1.0, +inf]", 6, 11),
        ("x = [1.0, 2.0]\ny = [2.0, 4.0]", "w = [[1.0], [inf]]", 6, 14),
    ])
    func dataAndParamsMustBeFiniteInTOMLAsInCSV(data: String, params: String, line: Int, column: Int) {
        let d = failure(Self.scalar(data: data, params: params))
        #expect(d?.line == line)
        #expect(d?.column == column)
        #expect(d?.message.contains("must be finite") == true, "\(String(describing: d))")
    }

    @Test func aLiteralThatOverflowsIsAnErrorWhereItIsWritten() {
        let d = failure(Self.scalar(data: "x = [1.0, 1e400]\ny = [2.0, 4.0]"))
        #expect(d?.line == 3)
        #expect(d?.column == 11)
        #expect(d?.message.contains("'1e400' is too large") == true)
        let lr = failure(Self.scalar() + "[train]\nlr = -2e308\n")
        #expect(lr?.line == 11)
        #expect(lr?.message.contains("too large") == true)
        // Underflow is not overflow: 1e-400 is 0, as Python reads it.
        #expect(throws: Never.self) { try ScenarioLoader.load(bytes: Array(Self.scalar(params: "w = 1e-400").utf8), file: "s.toml") }
    }

    /// float32 is the dtype by default: a number past its largest (3.4e38) would train as inf
    /// (`w = 1e39` printed `grad: inf`), so it is refused where it is written; in float64 it is a number.
    @Test func aNumberPastFloat32IsRefusedInAFloat32Scenario() {
        let w = failure(Self.scalar(params: "w = 1e39"))
        #expect(w?.line == 6 && w?.column == 5)
        #expect(w?.message.contains("param w is 1e+39, past float32's largest number") == true, "\(String(describing: w))")
        let x = failure(Self.scalar(data: "x = [1.0, 3.5e38]\ny = [2.0, 4.0]"))
        #expect(x?.line == 3 && x?.column == 11)
        #expect(throws: Never.self) {
            try ScenarioLoader.load(bytes: Array((Self.scalar(params: "w = 1e39") + "[train]\ndtype = \"float64\"\n").utf8), file: "s.toml")
        }
        // The largest float32 itself is a number.
        #expect(throws: Never.self) { try ScenarioLoader.load(bytes: Array(Self.scalar(params: "w = 3.4028234663852886e38").utf8), file: "s.toml") }
    }

    @Test func predictInputsAreFiniteToo() {
        let d = failure(Self.scalar() + "[predict]\nx = [inf]\n")
        #expect(d?.line == 11)
        #expect(d?.column == 6)
    }

    // MARK: inert text

    static let invisible: [Unicode.Scalar] = ["\u{202E}", "\u{202A}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}",
                                              "\u{2028}", "\u{2029}", "\u{061C}", "\u{200B}", "\u{FEFF}", "\u{E0041}",
                                              // blank all the same: a grapheme joiner, Hangul fillers, format controls
                                              "\u{034F}", "\u{3164}", "\u{FFA0}", "\u{17B4}", "\u{0600}", "\u{1D173}", "\u{13430}"]

    @Test(arguments: invisible)
    func invisibleCharactersAreRefusedWithAPositionInEveryText(scalar: Unicode.Scalar) {
        let c = String(Character(scalar))
        let places: [(String, Int, Int)] = [
            (Self.scalar(title: "ab\(c)cd"), 1, 12),
            ("summary = \"x\(c)\"\n" + Self.scalar(), 1, 13),
            (Self.scalar() + "[[notes]]\nat = { epoch = 0 }\ntext = \"look \(c)here\"\n", 12, 14),
            (Self.scalar() + "[[notes]]\nat = { epoch = 0, node = \"w\(c)\" }\ntext = \"t\"\n", 11, 28),
            (Self.scalar().replacingOccurrences(of: "\"x * w\"", with: "\"x *\(c) w\""), 8, 15),
            (Self.scalar(data: "file = \"p\(c).csv\"\nx = \"x1\"\ny = \"y\""), 3, 10),
        ]
        for (toml, line, column) in places {
            let d = failure(toml)
            #expect(d?.line == line, "\(toml)")
            #expect(d?.column == column, "\(toml)")
            #expect(d?.message.contains("invisible character U+") == true)
            #expect(d?.description.unicodeScalars.contains(scalar) == false, "a message shows it escaped")
        }
    }

    @Test func aTitleTakenFromTheFileNameIsEscaped() throws {
        let toml = Self.scalar().replacingOccurrences(of: "title = \"t\"\n", with: "")
        let s = try ScenarioLoader.load(bytes: Array(toml.utf8), file: "/tmp/lecture\u{202E}txt.toml")
        #expect(s.title == "lecture\\u{202E}txt")
        #expect(!s.title.unicodeScalars.contains("\u{202E}"))
    }

    @Test func joinersThatScriptsAndEmojiNeedStayText() throws {
        let s = try ScenarioLoader.load(bytes: Array(Self.scalar(title: "می\u{200C}خواهم 👩\u{200D}🏫").utf8), file: "s.toml")
        #expect(s.title.unicodeScalars.contains("\u{200D}"))
    }

    // MARK: a scenario reads only its own folder

    func folderWithOutside(_ data: String, outside: String = "secret,x1,y\nTOPSECRET,1,2\n") throws -> (dir: String, scenario: String) {
        let root = try TestFolder.make("confine", files: ["outside.csv": outside])
        let dir = root + "/class"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.scalar(data: data).write(toFile: dir + "/s.toml", atomically: true, encoding: .utf8)
        try "x1,y\n1,2\n".write(toFile: dir + "/inside.csv", atomically: true, encoding: .utf8)
        return (root, dir + "/s.toml")
    }

    @Test(arguments: ["../outside.csv", "ABSOLUTE", "link.csv", "sub/../../outside.csv"])
    func aDataFileOutsideTheScenariosFolderIsRefusedUnread(path: String) throws {
        let (root, scenario) = try folderWithOutside("file = \"PATH\"\nx = \"secret\"\ny = \"y\"")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = (scenario as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: root + "/outside.csv")
        let written = path == "ABSOLUTE" ? root + "/outside.csv" : path
        let text = try String(contentsOfFile: scenario, encoding: .utf8).replacingOccurrences(of: "PATH", with: written)
        try text.write(toFile: scenario, atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioLoader.load(path: scenario)
            Issue.record("a file outside the folder was read")
        } catch {
            #expect(error.file == scenario)
            #expect(error.line == 3)
            #expect(error.column == 8)
            #expect(error.message.contains("outside the scenario's folder"))
            #expect(error.message.contains("--allow-data-outside"))
            #expect(!error.description.contains("TOPSECRET"))
            #expect(!error.description.contains("secret,"))
        }
        // The user who trusts it says so, and it is read (its cell is not a number, and now may be shown).
        #expect(throws: Diagnostic.self) { try ScenarioLoader.load(path: scenario, allowDataOutside: true) }
        do {
            _ = try ScenarioLoader.load(path: scenario, allowDataOutside: true)
        } catch {
            #expect(error.message.contains("'TOPSECRET', not a number"))
        }
    }

    @Test func allowedOutsideTheFileIsReadAndInsideNeedsNoPermission() throws {
        let (root, scenario) = try folderWithOutside("file = \"../outside.csv\"\nx = \"x1\"\ny = \"y\"")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let s = try ScenarioLoader.load(path: scenario, allowDataOutside: true)
        #expect(s.data[0].values == [1] && s.data[0].vectorLength == nil)
        let inside = scenario.replacingOccurrences(of: "s.toml", with: "in.toml")
        try Self.scalar(data: "file = \"./sub/../inside.csv\"\nx = \"x1\"\ny = \"y\"").write(toFile: inside, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/class/sub", withIntermediateDirectories: true)
        #expect(try ScenarioLoader.load(path: inside).data[1].values == [2])
    }

    @Test func aLinkInsideTheFolderToAFileInsideIsFollowed() throws {
        let (root, scenario) = try folderWithOutside("file = \"alias.csv\"\nx = \"x1\"\ny = \"y\"")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/class/alias.csv", withDestinationPath: "inside.csv")
        #expect(try ScenarioLoader.load(path: scenario).data[0].values == [1])
    }
}
