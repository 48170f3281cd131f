import Foundation
import Testing
import TextCanvas
@testable import Screen

/// The lecture's loss, 100 epochs falling geometrically from 7.3 to 1e-12.
private let lectureLoss: [Double] = {
    let ratio = pow(1e-12 / 7.3, 1.0 / 99)
    return (0..<100).map { 7.3 * pow(ratio, Double($0)) }
}()

/// Renders into a canvas pre-filled with `x`, so unpainted cells show.
private func render(_ plot: LossPlot, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height, fill: Cell("x"))
    plot.render(into: &canvas, rect: canvas.bounds)
    return canvas
}

@Test func lectureLossPlotSwitchesToLogByItself() {
    let plot = LossPlot(values: lectureLoss, totalEpochs: 100, currentEpoch: 40)
    #expect(plot.resolvedScale == .log)
    #expect(render(plot, width: 40, height: 10).lines == [
        "loss (log)xxxxxxxxxxxxepoch 40: 4.63e-05",
        "xxxx7.3┤⠙⠒⠤⣄⡀xxxxxxx┊xxxxxxxxxxxxxxxxxxx",
        "xxxxxxx│xxxx⠉⠑⠲⢤⣀xxx┊xxxxxxxxxxxxxxxxxxx",
        "xxxxxxx│xxxxxxxxx⠉⠓⠦◆⣀xxxxxxxxxxxxxxxxxx",
        "2.7e-06┤xxxxxxxxxxxx┊⠈⠙⠒⠤⣄⡀xxxxxxxxxxxxx",
        "xxxxxxx│xxxxxxxxxxxx┊xxxxx⠉⠑⠲⢤⣀xxxxxxxxx",
        "xxxxxxx│xxxxxxxxxxxx┊xxxxxxxxxx⠉⠓⠦⢄⣀xxxx",
        "xx1e-12┤xxxxxxxxxxxx┊xxxxxxxxxxxxxx⠈⠙⠒⠤⣄",
        "xxxxxxx└────────────┴───────────────────",
        "xxxxxxxx0xxxxxxxxxxxxepochxxxxxxxxxxxx99",
    ])
}

@Test func lectureLossOnALinearAxisIsFlatAfterTenEpochs() {
    let plot = LossPlot(values: lectureLoss, totalEpochs: 100, currentEpoch: 40, scale: .linear)
    #expect(render(plot, width: 40, height: 10).lines == [
        "lossxxxxxxxxxxxxxxxxxxepoch 40: 4.63e-05",
        "7.3┤⡇xxxxxxxxxxxxx┊xxxxxxxxxxxxxxxxxxxxx",
        "xxx│⢸xxxxxxxxxxxxx┊xxxxxxxxxxxxxxxxxxxxx",
        "xxx│⢸xxxxxxxxxxxxx┊xxxxxxxxxxxxxxxxxxxxx",
        "3.6┤⠘⡄xxxxxxxxxxxx┊xxxxxxxxxxxxxxxxxxxxx",
        "xxx│x⢣xxxxxxxxxxxx┊xxxxxxxxxxxxxxxxxxxxx",
        "xxx│xx⡇xxxxxxxxxxx┊xxxxxxxxxxxxxxxxxxxxx",
        "0.0┤xx⠈⠢⠤⣀⣀⣀⣀⣀⣀⣀⣀⣀◆⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀",
        "xxx└──────────────┴─────────────────────",
        "xxxx0xxxxxxxxxxxxxxepochxxxxxxxxxxxxxx99",
    ])
}

@Test func linearAxisStartsAtZeroWhenTheLossNearlyGetsThere() {
    let lines = render(LossPlot(values: [2.31, 2.30, 2.28], totalEpochs: 3, scale: .linear), width: 20, height: 7).lines
    #expect(lines[1].hasPrefix("2.31┤"))
    #expect(lines[4].hasPrefix("2.28┤"))
}

@Test func autoScaleIsLogOnlyBeyondTwoDecades() {
    #expect(LossPlot.resolvedScale(.auto, for: [7.3, 0.1]) == .linear)      // 73×
    #expect(LossPlot.resolvedScale(.auto, for: [7.3, 0.073]) == .linear)    // exactly 100×
    #expect(LossPlot.resolvedScale(.auto, for: [7.3, 0.05]) == .log)        // 146×
    #expect(LossPlot.resolvedScale(.auto, for: [2, 0, -1, .nan, .infinity, 1.5]) == .linear)
    #expect(LossPlot.resolvedScale(.auto, for: [2, 0, 0.001, .nan]) == .log)
    #expect(LossPlot.resolvedScale(.auto, for: []) == .linear)
    #expect(LossPlot.resolvedScale(.linear, for: lectureLoss) == .linear)
    #expect(LossPlot.resolvedScale(.log, for: [1, 2]) == .log)
}

@Test func logScaleWithNothingPositiveFallsBackToLinear() {
    #expect(LossPlot.resolvedScale(.log, for: [0, -1, .nan]) == .linear)
    #expect(LossPlot(values: [0, 0], totalEpochs: 3, scale: .log).resolvedScale == .linear)
    #expect(render(LossPlot(values: [0, 0], totalEpochs: 3, scale: .log), width: 20, height: 5).line(0).hasPrefix("lossx"))
}

@Test func zeroLossOnLogScaleSitsOnTheBottomRow() {
    let plot = LossPlot(values: [1, 0.1, 0.001, 0, 0], totalEpochs: 5, scale: .log)
    #expect(render(plot, width: 30, height: 7).lines == [
        "loss (log)xxxxxxxxxxxxxxxxxxxx",
        "xx1.0┤⠉⠒⠤⣀⡀xxxxxxxxxxxxxxxxxxx",
        "xxxxx│xxxx⠈⠑⠢⡀xxxxxxxxxxxxxxxx",
        "xxxxx│xxxxxxx⠈⠑⢄xxxxxxxxxxxxxx",
        "0.001┤xxxxxxxxxx⠑⠢⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀",
        "xxxxx└────────────────────────",
        "xxxxxx0xxxxxxxxepochxxxxxxxxx4",
    ])
}

@Test func asciiPlotUsesStars() {
    let plot = LossPlot(values: [4, 3, 2.5, 2, 1.8], totalEpochs: 10, currentEpoch: 4, glyphs: .ascii)
    #expect(render(plot, width: 30, height: 8).lines == [
        "lossxxxxxxxxxxxxxxepoch 4: 1.8",
        "4.0+*xxxxxxxxxx:xxxxxxxxxxxxxx",
        "xxx|x**xxxxxxxx:xxxxxxxxxxxxxx",
        "2.9+xxx**xxxxxx:xxxxxxxxxxxxxx",
        "xxx|xxxxx**xxxx:xxxxxxxxxxxxxx",
        "1.8+xxxxxxx****#xxxxxxxxxxxxxx",
        "xxx+-----------+--------------",
        "xxxx0xxxxxxxxxepochxxxxxxxxxx9",
    ])
}

@Test func nanAndInfAreSkippedAndNotedInTheBadStyle() {
    let plot = LossPlot(values: [4, 3, .nan, 2, .infinity, 1], totalEpochs: 10)
    let canvas = render(plot, width: 30, height: 8)
    #expect(canvas.lines == [
        "lossxxxxxxxxxxxxxxxxxxnan, inf",
        "4.0┤⠑⢄xxxxxxxxxxxxxxxxxxxxxxxx",
        "xxx│xx⠑⠄xxxxxxxxxxxxxxxxxxxxxx",
        "2.5┤xxxxxxxxxxxxxxxxxxxxxxxxxx",
        "xxx│xxxxxxxx⠒xxxxxxxxxxxxxxxxx",
        "1.0┤xxxxxxxxxxxxxx⣀xxxxxxxxxxx",
        "xxx└──────────────────────────",
        "xxxx0xxxxxxxxxepochxxxxxxxxxx9",
    ])
    #expect(canvas[23, 0].style == .bad)
    #expect(canvas[29, 0].style == .bad)
    #expect(canvas[4, 1].style == .plot)
}

@Test func allNanLossSaysSo() {
    let plot = LossPlot(values: [.nan, .nan, .nan], totalEpochs: 10, currentEpoch: 2)
    let canvas = render(plot, width: 30, height: 7)
    #expect(canvas.lines == [
        "lossxxxxxxxxxxxnan in 3 epochs",
        "│xxxxxx┊xxxxxxxxxxxxxxxxxxxxxx",
        "│xxxxxx┊xxloss is nanxxxxxxxxx",
        "│xxxxxx┊xxxxxxxxxxxxxxxxxxxxxx",
        "│xxxxxx┊xxxxxxxxxxxxxxxxxxxxxx",
        "└──────┴──────────────────────",
        "x0xxxxxxxxxxxepochxxxxxxxxxxx9",
    ])
    #expect(canvas[10, 2].style == .bad)
    #expect(render(LossPlot(values: [.infinity], totalEpochs: 3), width: 30, height: 7).text.contains("loss is inf"))
}

@Test func emptyLossDrawsAxesOnly() {
    #expect(render(LossPlot(values: [], totalEpochs: 100), width: 30, height: 6).lines == [
        "lossxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "│xxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "│xxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "│xxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "└─────────────────────────────",
        "x0xxxxxxxxxxepochxxxxxxxxxxx99",
    ])
}

@Test func brailleDotsFollowTheUnicodeBitPattern() {
    var grid = DotGrid(width: 2, height: 1, braille: true)
    grid.set(x: 0, y: 0)   // dot 1
    grid.set(x: 1, y: 3)   // dot 8
    grid.set(x: 2, y: 3)   // dot 7 of the second cell
    grid.set(x: 3, y: 1)   // dot 5 of the second cell
    grid.set(x: 9, y: 9)   // outside: ignored
    var canvas = Canvas(width: 2, height: 1)
    grid.draw(into: &canvas, at: canvas.bounds, styles: [.plot], points: ["*"], clip: canvas.bounds)
    #expect(canvas.line(0) == "\u{2881}\u{2850}")
}

@Test func lossPlotSurvivesEverySizeAndStaysInsideItsRect() {
    let cases: [LossPlot] = [
        LossPlot(values: lectureLoss, totalEpochs: 100, currentEpoch: 99),
        LossPlot(values: lectureLoss, totalEpochs: 100, currentEpoch: 10, scale: .linear, glyphs: .ascii),
        LossPlot(values: [.nan, 1, .infinity, -.infinity, 0, -3], totalEpochs: 6, currentEpoch: 2, scale: .log),
        LossPlot(values: [], totalEpochs: 0, currentEpoch: 0),
        LossPlot(values: [5], totalEpochs: 1, currentEpoch: 7),
        LossPlot(values: [1e308, -1e308, .greatestFiniteMagnitude, .leastNonzeroMagnitude], totalEpochs: 2),
        LossPlot(values: [.nan], totalEpochs: 100, currentEpoch: -1),
    ]
    for plot in cases {
        for width in 0...60 {
            for height in 0...20 {
                var canvas = Canvas(width: 66, height: 24, fill: Cell("x"))
                let area = Rect(x: 3, y: 2, width: width, height: height)
                plot.render(into: &canvas, rect: area)
                for y in 0..<canvas.height {
                    for x in 0..<canvas.width where !area.contains(x: x, y: y) && canvas[x, y].character != "x" {
                        Issue.record("drew at \(x),\(y) outside \(area) for \(plot.values.prefix(3))")
                        return
                    }
                }
            }
        }
    }
}

@Test func extremeLossesKeepFiniteLabels() {
    let canvas = render(LossPlot(values: [.greatestFiniteMagnitude, .leastNonzeroMagnitude], totalEpochs: 2), width: 30, height: 8)
    #expect(!canvas.text.contains("inf"))
    #expect(canvas.line(1).hasPrefix("2e+308┤"))
    #expect(canvas.line(5).hasPrefix("5e-324┤"))
}

@Test func lossPlotClipsToTheCanvasEdge() {
    var canvas = Canvas(width: 10, height: 4, fill: Cell("x"))
    LossPlot(values: lectureLoss, totalEpochs: 100, currentEpoch: 3).render(into: &canvas, rect: Rect(x: 5, y: 2, width: 40, height: 20))
    #expect(canvas.line(0) == "xxxxxxxxxx")
    #expect(canvas.line(1) == "xxxxxxxxxx")
}
