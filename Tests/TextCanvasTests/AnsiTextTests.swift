import Testing
import TestSupport
@testable import TextCanvas

/// The one ANSI encoder (recordings, SSH screens): what a terminal shows after reading it is the
/// canvas, frame after frame, and it writes only what changed.
struct AnsiTextTests {
    func canvas(_ lines: [String], width: Int, styles: [(x: Int, y: Int, Style)] = []) -> Canvas {
        var c = Canvas(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { c.write(line, x: 0, y: y) }
        for (x, y, style) in styles { c.restyle(Rect(x: x, y: y, width: 1, height: 1), style) }
        return c
    }

    @Test func aTerminalReadingTheFramesShowsEachCanvas() {
        let encoder = AnsiText(theme: .dark)
        var screen = AnsiScreen(width: 12, height: 3)
        let frames = [
            canvas(["epoch 0/99", "w = 1.0", "∂loss/∂w"], width: 12),
            canvas(["epoch 0/99", "w = 1.02", "∂loss/∂w = 中"], width: 12),
            canvas(["epoch 1/99", "w = 1.02", "x"], width: 12, styles: [(0, 0, .active)]),
            canvas(["epoch 1/99", "中文 = 1.02", "x"], width: 12),
            canvas(["epoch 1/99", "a文 = 1.02", "x"], width: 12),
        ]
        var previous: Canvas?
        for frame in frames {
            screen.feed(encoder.frame(frame, after: previous).utf8)
            #expect(screen.text == frame.text, "\(screen.lines) vs \(frame.lines)")
            previous = frame
        }
    }

    @Test func onlyTheChangedCellsAreWritten() {
        let encoder = AnsiText(theme: .dark)
        let before = canvas(["epoch 0/99 · sample 1/2 · forward", String(repeating: "-", count: 40)], width: 40)
        let after = canvas(["epoch 0/99 · sample 2/2 · forward", String(repeating: "-", count: 40)], width: 40)
        let text = encoder.frame(after, after: before)
        #expect(text == "\u{1B}[1;21H\u{1B}[0m2\u{1B}[0m", "one cursor move, one cell: \(text.debugDescription)")
        #expect(encoder.frame(after, after: after).isEmpty, "nothing changed: nothing written")
    }

    @Test func aFirstFrameOrAResizeClearsAndDrawsWhole() {
        let encoder = AnsiText(theme: .dark)
        let small = canvas(["ab"], width: 2), big = canvas(["ab", "cd"], width: 2)
        #expect(encoder.frame(small, after: nil).contains("\u{1B}[2J"))
        #expect(encoder.frame(big, after: small).contains("\u{1B}[2J"))
        var screen = AnsiScreen(width: 2, height: 2)
        screen.feed(encoder.frame(big, after: small).utf8)
        #expect(screen.lines == ["ab", "cd"])
    }

    @Test func colourDepthsAndNoColour() {
        let one = canvas(["x"], width: 1, styles: [(0, 0, .value)])
        #expect(AnsiText(theme: .dark, depth: .direct).frame(one, after: nil).contains("38;2;"))
        #expect(AnsiText(theme: .dark, depth: .palette256).frame(one, after: nil).contains("38;5;51"))
        #expect(AnsiText(theme: .dark, depth: .eight).frame(one, after: nil).contains("\u{1B}[0;36m"))
        let none = AnsiText(theme: .dark, usesColour: false).frame(one, after: nil)
        #expect(!none.contains("38;") && !none.contains(";3"), "\(none.debugDescription)")
    }

    @Test func asciiTerminalsGetOnlyAscii() {
        let text = AnsiText(theme: .dark, ascii: true).frame(canvas(["∂loss/∂w 中 ─"], width: 14), after: nil)
        #expect(text.utf8.allSatisfy { $0 < 0x80 }, "\(text.debugDescription)")
        var screen = AnsiScreen(width: 14, height: 1)
        screen.feed(text.utf8)
        #expect(screen.line(0).hasPrefix("dloss/dw"))
    }

    @Test func randomEditsAlwaysEndOnTheCanvas() {
        var rng = SystemRandomNumberGenerator()
        let encoder = AnsiText(theme: .light, depth: .direct)
        // Narrow characters: a wide one half overwritten is a canvas no terminal can show (wide ones: the test above).
        let alphabet: [Character] = ["a", "b", " ", "∂", "─", "⣿"]
        var screen = AnsiScreen(width: 30, height: 6)
        var previous: Canvas?
        var current = Canvas(width: 30, height: 6)
        for _ in 0..<200 {
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                let x = Int.random(in: 0..<30, using: &rng), y = Int.random(in: 0..<6, using: &rng)
                current.write(String(alphabet.randomElement(using: &rng) ?? "a"), x: x, y: y,
                              style: Style.allCases.randomElement(using: &rng) ?? .normal)
            }
            screen.feed(encoder.frame(current, after: previous).utf8)
            #expect(screen.lines == current.lines)
            // Every cell in the style it was written with, too.
            for y in 0..<6 {
                for x in 0..<30 {
                    let want = String(encoder.sgr(current[x, y].style).dropFirst(2).dropLast())
                    #expect(screen.cells[y * 30 + x].sgr == want)
                }
            }
            previous = current
        }
    }
}
