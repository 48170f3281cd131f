import Testing
import TextCanvas
@testable import Screen

/// The decision boundary's colours per terminal: 24-bit where the terminal description says so,
/// the 256-colour palette otherwise, eight colours on the oldest, shapes without colour. The
/// colours are chosen in TextCanvas (Palette, AnsiText) and read the same by the terminal.
struct BoundaryColourTests {
    /// The boundary of `BoundaryPanelTests.halves` drawn into a 4×3 canvas, as the screen draws it.
    func boundaryCanvas() -> Canvas {
        var canvas = Canvas(width: 4, height: 3, fill: Cell(" "))
        BoundaryPanel(field: BoundaryPanelTests.halves, glyphs: .unicode, colour: true).render(into: &canvas, rect: canvas.bounds)
        return canvas
    }

    @Test func directColourOnlyWhereTheDescriptionSaysRGBAndTwoToThe24Colours() {
        #expect(ColourDepth.of(colours: 0x100_0000, rgb: true) == .direct, "xterm-direct, tmux-direct")
        #expect(ColourDepth.of(colours: 256, rgb: false) == .palette256, "xterm-256color, whatever COLORTERM says")
        #expect(ColourDepth.of(colours: 256, rgb: true) == .palette256, "an RGB flag with few colours is not 8 bits a channel")
        #expect(ColourDepth.of(colours: 0x100_0000, rgb: false) == .palette256)
        #expect(ColourDepth.of(colours: 8, rgb: false) == .eight)
        #expect(ColourDepth.of(colours: 16, rgb: false) == .eight)
    }

    /// The text renderer writes the same canvas with 24-bit colours in direct colour and with
    /// palette indexes otherwise: Playground's orange, pale and blue, or their nearest entries.
    @Test func theRendererCarriesRGBInDirectColourAndPaletteIndexesOtherwise() {
        let canvas = boundaryCanvas()
        // Row 0, column 1 is sure class 0 in both halves: orange over orange; column 2 sure class 1.
        let orange = Style.field(top: 0, bottom: 0), blue = Style.field(top: 8, bottom: 8), pale = Style.field(top: 4, bottom: 4)
        #expect(canvas[1, 0].style == orange && canvas[2, 0].style == blue)
        let direct = AnsiText(theme: .dark, depth: .direct)
        #expect(direct.sgr(orange) == "\u{1B}[0;38;2;245;147;34;48;2;245;147;34m", "#f59322")
        #expect(direct.sgr(blue) == "\u{1B}[0;38;2;8;119;189;48;2;8;119;189m", "#0877bd")
        #expect(direct.sgr(pale) == "\u{1B}[0;38;2;232;234;235;48;2;232;234;235m", "#e8eaeb")
        #expect(direct.sgr(Style.field(top: 4, bottom: 0)) == "\u{1B}[0;38;2;232;234;235;48;2;245;147;34m", "top half fg, bottom half bg")
        let indexed = AnsiText(theme: .dark)
        #expect(indexed.sgr(orange) == "\u{1B}[0;38;5;208;48;5;208m")
        #expect(indexed.sgr(blue) == "\u{1B}[0;38;5;31;48;5;31m")
        #expect(indexed.sgr(pale) == "\u{1B}[0;38;5;255;48;5;255m")
        #expect(AnsiText(theme: .dark, depth: .eight).sgr(orange) == "\u{1B}[0;33;43m")
        // The whole frame: 24-bit sequences only in direct colour.
        #expect(direct.frame(canvas, after: nil).contains("38;2;245;147;34"))
        #expect(!indexed.frame(canvas, after: nil).contains("38;2;") && !indexed.frame(canvas, after: nil).contains("48;2;"))
        // Other roles keep their palette colour, converted: the plot's 117 is #87d7ff.
        #expect(direct.sgr(.plot) == "\u{1B}[0;38;2;135;215;255m")
        #expect(AnsiText(theme: .mono, depth: .direct).sgr(orange) == "\u{1B}[0m", "no colour: nothing")
    }

    /// Nine shades from orange to blue in 24-bit; the palette's nearest in 256 (orange through
    /// pale to blue, all different); eight colours and shapes have five.
    @Test func nineShadesRunFromOrangeThroughPaleToBlue() {
        let palette = Palette(theme: .dark, usesColour: true, depth: .direct)
        let rgb = (0..<Style.fieldLevels).map { palette.colours(.field(top: $0, bottom: $0)).fg }
        #expect(rgb.first == 0xf59322 && rgb[4] == 0xe8eaeb && rgb.last == 0x0877bd)
        #expect(Set(rgb).count == 9)
        let redness = rgb.map { $0 >> 16 }
        #expect(redness == redness.sorted(by: >), "less orange at every level: \(redness)")
        let indexes = (0..<Style.fieldLevels).map { Palette(theme: .dark, usesColour: true).colours(.field(top: $0, bottom: $0)).fg }
        #expect(indexes == [208, 215, 216, 223, 255, 152, 110, 68, 31])
        #expect(XtermColour.nearest(0xebd4b9) == 187, "the nearest, which the ramp trades for peach")
        #expect((0..<Style.fieldLevels).map(Style.coarseFieldLevel) == [0, 0, 1, 1, 2, 3, 3, 4, 4])
    }

    /// A point keeps the boundary's colour behind it (80×24 has a point in most cells): ink of its
    /// class that stands out on the shade where it lies (class 0 was brown on orange, 2.1:1; now
    /// dark brown #5f0000, 5.9:1); eight colours keep white behind points.
    @Test func pointsShowTheBoundaryBehindThem() {
        let onPale = Style.point(positive: true, on: 4)
        #expect(onPale.pointOnField! == (true, 4))
        #expect(AnsiText(theme: .dark, depth: .direct).sgr(onPale) == "\u{1B}[0;1;38;2;0;0;95;48;2;232;234;235m")
        #expect(AnsiText(theme: .dark).sgr(Style.point(positive: false, on: 0)) == "\u{1B}[0;1;38;5;52;48;5;208m")
        #expect(AnsiText(theme: .dark).sgr(Style.point(positive: false, on: 8)) == "\u{1B}[0;1;38;5;223;48;5;31m", "peach on the darkest blue")
        #expect(AnsiText(theme: .dark, depth: .eight).sgr(onPale) == AnsiText(theme: .dark, depth: .eight).sgr(.pointPositive))
        #expect(Palette.pair(onPale, pairs: 64) == Palette.pair(.pointPositive, pairs: 64))
    }

    /// One pair per role where the terminal has enough; with 64 pairs (8-colour xterm, the Linux
    /// console) the nine shades share five levels' pairs, and every pair number stays below 64.
    @Test func fewColourPairsShareTheShadesPairs() {
        #expect(Palette.pair(.field(top: 8, bottom: 0), pairs: 0x10000) == Int16(Style.field80.rawValue) + 1)
        #expect(Palette.pairsWithCoarseField <= 64)
        let pairs = Style.allCases.map { Palette.pair($0, pairs: 64) }
        #expect(pairs.allSatisfy { $0 >= 1 && $0 < 64 })
        #expect(Palette.pair(.field(top: 7, bottom: 1), pairs: 64) == Palette.pair(.field(top: 8, bottom: 0), pairs: 64))
        #expect(Palette.pair(.field(top: 7, bottom: 1), pairs: 64) != Palette.pair(.field(top: 6, bottom: 1), pairs: 64))
        #expect(Palette.pair(.plot, pairs: 64) == Int16(Style.plot.rawValue) + 1)
    }
}
