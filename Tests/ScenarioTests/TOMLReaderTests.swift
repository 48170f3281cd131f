import Foundation
import Testing
@testable import Scenario

/// Our TOML reader: what TOML 1.0 allows reads as written; anything else is one located error.
struct TOMLReaderTests {
    func read(_ text: String) throws(TOMLSyntaxError) -> TOMLTable {
        try TOMLReader.read(Array(text.utf8))
    }

    /// The error a malformed text gives, as line:column and message.
    func error(_ text: String) -> (line: Int, column: Int, message: String)? {
        do {
            _ = try read(text)
            return nil
        } catch {
            let p = SourceLines.position(ofByte: error.offset, in: Array(text.utf8))
            return (p.line, p.column, error.message)
        }
    }

    @Test func valuesReadAsWritten() throws {
        let t = try read("""
            a = 1_000
            b = -0.5e-3
            c = 0xff
            d = 0o17
            e = 0b101
            f = +inf
            g = "tab\\there \\u00e9 \\U0001F600"
            h = 'C:\\path'
            i = \"\"\"
            one \\
              two\"\"\"
            j = '''
            raw\\n'''
            k = true
            l = 1979-05-27T07:32:00Z
            m = [1, [2, 3], "x",]
            n = { p.q = 1, r = "s" }
            o.p = 2
            "quoted key" = 3

            """)
        #expect(t.keys == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "quoted key"])
        #expect(t["a"]?.int == 1000)
        #expect(t["b"]?.double == -0.0005)
        #expect(t["c"]?.int == 255 && t["d"]?.int == 15 && t["e"]?.int == 5)
        #expect(t["f"]?.double == .infinity)
        #expect(t["g"]?.string == "tab\there é 😀")
        #expect(t["h"]?.string == "C:\\path")
        #expect(t["i"]?.string == "one two")
        #expect(t["j"]?.string == "raw\\n")
        #expect(t["k"]?.bool == true)
        #expect(t["l"]?.type == .dateTime)
        #expect(t["m"]?.array?.count == 3 && t["m"]?.array?[1].array?.count == 2)
        #expect(t["n"]?.table?["p"]?.table?["q"]?.int == 1 && t["n"]?.table?["r"]?.string == "s")
        #expect(t["o"]?.table?["p"]?.int == 2)
        #expect(t["quoted key"]?.int == 3)
    }

    @Test func sectionsAndListsOfSections() throws {
        let t = try read("""
            [a.b]
            x = 1
            [a]
            y = 2
            [[notes]]
            text = "one"
            [[notes]]
            text = "two"
            [notes.at]
            epoch = 3
            """)
        #expect(t["a"]?.table?["b"]?.table?["x"]?.int == 1 && t["a"]?.table?["y"]?.int == 2)
        let notes = t["notes"]?.array ?? []
        #expect(notes.map { $0.table?["text"]?.string } == ["one", "two"])
        #expect(notes.last?.table?["at"]?.table?["epoch"]?.int == 3)
    }

    /// The inputs that aborted the old C++ reader, and more: each a position and a message.
    @Test(arguments: [
        ("[\n", 1, 2, "expected a key"),
        ("[!]\n", 1, 2, "found '!'"),
        ("[[[notes]]\n", 1, 3, "found '['"),
        ("[`arams]\n", 1, 2, "found '`'"),
        ("x = 1\n[data\n", 2, 6, "expected ']'"),
        ("title = \"open\n", 1, 9, "never closed"),
        ("x = [1, 2\n", 2, 1, "never closed"),
        ("x = 1\nx = 2\n", 2, 1, "given twice (first at line 1)"),
        ("[a]\n[a]\n", 2, 1, "appears twice"),
        ("a.b = 1\n[a]\n", 2, 1, "already a table"),
        ("x = { a = 1, }\n", 1, 12, "no ','"),
        ("x = { a = 1\n", 1, 12, "same line"),
        ("x = 1 2\n", 1, 7, "end of the line"),
        ("x = 01\n", 1, 5, "not a number"),
        ("x = 1__0\n", 1, 5, "not a number"),
        ("x = 0x-5\n", 1, 5, "not a number"),
        ("x = 99999999999999999999\n", 1, 5, "too large for a whole number"),
        ("x = \"\\q\"\n", 1, 6, "unknown escape"),
        ("x = \"\\uD800\"\n", 1, 6, "names no Unicode character"),
        ("x = 2023-02-30\n", 1, 5, "no day 30"),
        ("x = tru\n", 1, 5, "expected a value"),
        ("x =\n", 1, 4, "expected a value"),
        ("x\n", 1, 2, "expected '='"),
        ("x = \"a\u{1B}b\"\n", 1, 7, "control character (U+001B)"),
        ("# a \u{7F} comment\n", 1, 5, "control character"),
        ("x = 1\r", 1, 6, "carriage return"),
        ("x = " + String(repeating: "[", count: 100) + "\n", 1, 69, "nested more than 64"),
        (String(repeating: "a.", count: 100) + "b = 1\n", 1, 129, "more than 64 parts"),
    ])
    func malformedTOMLIsALocatedError(text: String, line: Int, column: Int, fragment: String) {
        guard let e = error(text) else {
            Issue.record("\(text.debugDescription) was read without error")
            return
        }
        #expect(e.line == line && e.column == column, "\(text.debugDescription): \(e)")
        #expect(e.message.contains(fragment), "\(text.debugDescription): \(e.message)")
    }

    @Test func aStringLongerThanTheLimitIsRefused() {
        let e = error("x = \"" + String(repeating: "a", count: TOMLReader.maximumStringBytes + 1) + "\"\n")
        #expect(e?.message.contains("longer than \(TOMLReader.maximumStringBytes) bytes") == true)
    }

    /// Every prefix of a real scenario is either read or refused with a position: never a crash.
    @Test func everyPrefixOfAShippedScenarioIsReadOrRefused() throws {
        let text = try #require(Builtins.bytes(ofFile: "xor.toml"))
        for end in 0...text.count {
            do { _ = try TOMLReader.read(Array(text[..<end])) } catch { #expect(error.offset <= end) }
        }
    }
}
