import Scenario
import Testing
import TextCanvas
@testable import Screen

/// An ASCII form for every glyph: every view of every shipped scenario, drawn in Unicode, uses
/// only characters the one table (`AsciiFold`) has a form for, and drawn under `--ascii` it is
/// ASCII throughout with no `?` standing for a glyph.
struct AsciiGlyphTests {
    /// The screens a lecture passes through: every view, at a forward, a backward and an update
    /// event, with the help, code and transcript panes, at 80×24 and 120×40.
    private func screens(_ name: String, glyphs: Glyphs) throws -> [String] {
        var texts: [String] = []
        for (width, height) in [(80, 24), (120, 40)] {
            let options = AppOptions(glyphs: glyphs)
            var state = try makeState(name, width: width, height: height, options: options)
            let events = state.timeline.eventsPerStep
            let moments = [0, events / 2, events - 1, events + events * 2 / 3]
            for _ in 0..<8 {
                for moment in moments {
                    state.seek(to: moment)
                    texts.append(state.screenText)
                }
                state.press(.character("v"))
                if state.view == .graph { break }
            }
            state.seek(to: events / 2)
            for key in ["?", "t", "c", "f"] {
                state.press(.character(Character(key)))
                texts.append(state.screenText)
                state.press(.character(Character(key)))
            }
        }
        return texts
    }

    @Test(arguments: Builtins.names)
    func everyGlyphOfEveryViewHasAnAsciiForm(_ name: String) throws {
        var missing: Set<Character> = []
        let unicode = try screens(name, glyphs: .unicode)
        for text in unicode {
            for c in text where AsciiFold.form(c) == nil { missing.insert(c) }
        }
        #expect(missing.isEmpty, "\(name): no ASCII form for \(missing.sorted().map { String($0) })")
        let ascii = try screens(name, glyphs: .ascii)
        for (u, a) in zip(unicode, ascii) {
            let allAscii = a.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(allAscii, "\(name): \(a)")
            // A `?` on the ASCII screen stands for a value not computed yet (`= ?`), as on the
            // Unicode one, never for a glyph the table lacks.
            let questions = { (s: String) in s.filter { $0 == "?" }.count }
            #expect(questions(a) <= questions(u), "\(name): a glyph printed as ?\n\(a)")
        }
    }

    @Test func theGlyphSetIsTheUnicodeOneThroughTheTable() {
        let u = Glyphs.unicode, a = Glyphs.ascii
        #expect([a.horizontal, a.vertical, a.topLeft, a.cross, a.arrowRight, a.arrowDown] == ["-", "|", "+", "+", ">", "v"])
        #expect(a.shades == u.shades.map(AsciiFold.fold))
        #expect(a.paused == "||")
    }

    @Test func keysAndArrowsReadAsWordsInAscii() {
        #expect(AsciiFold.text("(⇧←→)") == "(Shift+<-->)")
        #expect(AsciiFold.text("↑↓ ⇧↑↓") == "UpDown Shift+UpDown")
        #expect(AsciiFold.text("m̂ / (√v̂ + eps)") == "m_hat / (sqrtv_hat + eps)")
    }
}
