import Testing
import TextCanvas
@testable import Screen

/// Under `--ascii` without colour a heat map's sign reads from its glyphs: positive `' + * #`,
/// negative `, - = %`, lightest to darkest, in the map and in its legend alike.
struct HeatMapAsciiSignTests {
    @Test func eachSignHasItsOwnShadeAtEveryLevel() {
        // One value per shade level of each sign: 1 % to 100 % of the scale 1.
        let levels = [0.01, 0.05, 0.2, 1.0]
        let map = HeatMap(title: "W", values: [levels, levels.map { -$0 }], glyphs: .ascii)
        var canvas = Canvas(width: 8, height: 3)
        map.render(into: &canvas, rect: canvas.bounds)
        #expect(canvas.line(1) == "''++**##")
        #expect(canvas.line(2) == ",,--==%%")
        #expect(canvas[0, 1].style == .heatPositive && canvas[0, 2].style == .heatNegative)
        // Unicode keeps one set of shades for both signs (colour tells them apart).
        let unicode = HeatMap(title: "W", values: [levels, levels.map { -$0 }])
        var shades = Canvas(width: 8, height: 3)
        unicode.render(into: &shades, rect: shades.bounds)
        #expect(shades.line(1) == "░░▒▒▓▓██" && shades.line(2) == "░░▒▒▓▓██")
    }

    @Test func theLegendSaysWhichGlyphIsWhichSign() {
        let map = HeatMap(title: "W", values: [[1, -1]], glyphs: .ascii)
        let row = HeatMapRow(maps: [map], shared: false, glyphs: .ascii)
        var canvas = Canvas(width: 90, height: 6)
        canvas.foldsText = true
        row.render(into: &canvas, rect: canvas.bounds)
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("- %%==--,, ''++**## +"), "\(text)")
        #expect(text.contains("'/, <2 %  +/- <10 %  */= <50 %  #/% to 100 %"), "\(text)")
        var line = Canvas(width: 60, height: 1)
        line.foldsText = true
        row.renderLegendLine(into: &line, rect: line.bounds)
        #expect(line.line(0).hasPrefix(" - %%==--,, ''++**## + "), "\(line.line(0))")
    }

    @Test func circlesWeightMapsAtBothSizesUseBothSignsGlyphs() throws {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = try makeState("circle", width: width, height: height, options: AppOptions(glyphs: .ascii))
            state.press(.character("v"), .character("v"))
            let text = state.screenText
            #expect(text.contains("weights: values") && text.contains("%%") && text.contains("##"), "\(text)")
        }
    }
}
