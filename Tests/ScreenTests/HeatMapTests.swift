import Testing
import TextCanvas
@testable import Screen

/// A 5×6 matrix with values from -1.3 to 1.29, both signs: from a tenth of the largest up (▓, █).
private let w1: [[Double]] = (0..<5).map { row in
    (0..<6).map { column in (Double(row * 6 + column) * 0.37).truncatingRemainder(dividingBy: 2.6) - 1.3 }
}

private func render(_ map: HeatMap, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height, fill: Cell("x"))
    map.render(into: &canvas, rect: canvas.bounds)
    return canvas
}

@Test func heatMapShowsTitleScaleAndTwoCellsPerWeight() {
    let canvas = render(HeatMap(title: "W1 5×6", values: w1), width: 20, height: 7)
    #expect(canvas.lines == [
        "W1 5×6xx±1.3xxxxxxxx",
        "████▓▓▓▓▓▓▓▓xxxxxxxx",
        "██████▓▓▓▓▓▓xxxxxxxx",
        "▓▓██████▓▓▓▓xxxxxxxx",
        "▓▓▓▓██████▓▓xxxxxxxx",
        "▓▓▓▓▓▓██████xxxxxxxx",
        "xxxxxxxxxxxxxxxxxxxx",
    ])
    #expect(canvas[0, 1].style == .heatNegative)   // -1.3
    #expect(canvas[10, 1].style == .heatPositive)  // 0.55
    #expect(canvas[0, 0].style == .strong)
    #expect(canvas[8, 0].style == .dim)
}

@Test func heatMapTruncatesWithAnEllipsis() {
    #expect(render(HeatMap(title: "W1 5×6", values: w1), width: 9, height: 4).lines == [
        "W1 5×6xxx",
        "██▓▓▓▓xxx",
        "███▓▓▓xxx",
        "…xxxxxxxx",
    ])
    #expect(render(HeatMap(title: "W1 5×6", values: w1), width: 4, height: 3).lines == [
        "W1 …",
        "██▓…",
        "…xxx",
    ])
}

@Test func heatMapShadesByMagnitudeRelativeToTheLargest() {
    let map = HeatMap(title: "m", values: [[-4, -1, 0, 1.1, 2, 3, 4]])
    #expect(map.scale == 4)
    // ░ from a thousandth of the scale, ▒ from 2 %, ▓ from 10 %, █ from half.
    #expect([-4, -1, 0, 0.3, 1.1, 2, 3, 4, -0.1, 0.07, 0.0039, 0.004].map(map.level(of:)) == [4, 3, 0, 2, 3, 4, 4, 4, 2, 1, 0, 1])
    #expect(HeatMap(title: "zero", values: [[0, 0]]).level(of: 0) == 0)
}

/// A value under a thousandth of the scale draws as zero does; a small one that is not (L2's
/// shrunk weights) draws a shade, and one a few times larger a darker shade.
@Test func heatMapTellsAboutZeroFromSmall() {
    let canvas = render(HeatMap(title: "w", values: [[1.5, 0.0002, -0.0001, 0.02, 0.05, 0.2, 0]]), width: 14, height: 2)
    #expect(canvas.lines == ["wxx±1.5xxxxxxx", "██····░░▒▒▓▓··"])
    #expect(canvas[2, 1].style == .dim && canvas[6, 1].style == .heatPositive)
}

@Test func heatMapMarksZeroDimAndNanBad() {
    let canvas = render(HeatMap(title: "b 3×1", values: [[0], [.nan], [-2]], glyphs: .ascii), width: 14, height: 5)
    #expect(canvas.lines == [
        "b 3×1xx±2.0xxx",
        "  xxxxxxxxxxxx",
        "!!xxxxxxxxxxxx",
        "%%xxxxxxxxxxxx",
        "xxxxxxxxxxxxxx",
    ])
    #expect(canvas[0, 2].style == .bad)
    #expect(render(HeatMap(title: "b", values: [[0]]), width: 8, height: 2).lines == ["bxx±0.0x", "··xxxxxx"])
    #expect(render(HeatMap(title: "b", values: [[0]]), width: 6, height: 2).lines == ["bxxxxx", "··xxxx"])
}

@Test func heatMapSurvivesEverySizeAndStaysInsideItsRect() {
    let maps = [
        HeatMap(title: "W1 5×6", values: w1),
        HeatMap(title: "empty", values: []),
        HeatMap(title: "ragged", values: [[1], [], [1, 2, 3]], glyphs: .ascii),
        HeatMap(title: "", values: [[.nan, .infinity, -.infinity]]),
    ]
    for map in maps {
        for width in 0...30 {
            for height in 0...12 {
                var canvas = Canvas(width: 36, height: 16, fill: Cell("x"))
                let area = Rect(x: 2, y: 2, width: width, height: height)
                map.render(into: &canvas, rect: area)
                for y in 0..<canvas.height {
                    for x in 0..<canvas.width where !area.contains(x: x, y: y) && canvas[x, y].character != "x" {
                        Issue.record("\(map.title) drew at \(x),\(y) outside \(area)")
                        return
                    }
                }
            }
        }
    }
}
