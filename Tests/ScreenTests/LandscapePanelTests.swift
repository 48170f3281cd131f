import Foundation
import Testing
import Scenario
import TextCanvas
@testable import Screen

/// Renders into a canvas pre-filled with `x`, so unpainted cells show.
private func render(_ panel: LandscapePanel, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height, fill: Cell("x"))
    panel.render(into: &canvas, rect: canvas.bounds)
    return canvas
}

private func panel(_ name: String, step: Int = 0, glyphs: Glyphs = .unicode) throws -> LandscapePanel {
    let scenario = try Builtins.load(name)
    let record = try Timeline(scenario: scenario).record(ofStep: step)
    return LandscapePanel.make(scenario: scenario, record: record, names: NodeNames(record), glyphs: glyphs)
}

/// The lecture's first sample: loss = (1·w − 2)², at w = 1 with grad −2, updated to 1.02.
private let lectureAxis = LandscapePanel.Axis(name: "w", value: 1, grad: -2, updated: 1.02)
private func lectureLoss(_ w: Double) -> Double { (1 * w - 2) * (1 * w - 2) }

struct LandscapePanelTests {
    @Test func lectureLandscapeShowsTheBowlThePointTheTangentAndTheStep() throws {
        let lines = render(try panel("linear"), width: 48, height: 14).lines
        #expect(lines == [
            "loss vs wxxxxxxxw 1.0 → 1.02  grad -2.0  lr 0.01",
            "5.062┤⠑⢄xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xx⠱⡀xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxx⠈⠢⡀xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxxxx⠈⠢⡀xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxxxxxx⠈⠑⢄xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxxxxxxxxx⠑⠤⡀xxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxxxxxxxxx⠈⠒⠬⣒⢄xxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxxxxxxxxxxxxx⠉⠛⠦⣄⡀xxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxxxxxxxxxxxxxxxxx⠉⠒⠤◆▶xxxxxxxxxxxxxxxxxxx",
            "xxxxx│xxxxxxxxxxxxxxxxxxxxxx⠉⠒⠤⣄⣀xxxxxxxxxxxxxxx",
            "xx0.0┤xxxxxxxxxxxxxxxxxxxxxxxxxx⠉⠛⠵⡒⠢⠤⠤⢄⣀⣀⣀⣀⣀⣀⣀⡠",
            "xxxxx└─────────────────────┴────────────────────",
            "xxxxxx-0.25xxxxxxxxxxxxxxxxwxxxxxxxxxxxxxxxx2.25",
        ])
    }

    /// The panel built from plain data draws the same as the one built from the scenario (float64 loss).
    @Test func plainDataGivesTheSameLandscape() throws {
        let plain = LandscapePanel(model: .one(lectureAxis, loss: lectureLoss), lr: "0.01")
        #expect(render(plain, width: 48, height: 14) == render(try panel("linear"), width: 48, height: 14))
    }

    @Test func lectureRangeHoldsThePointTheUpdateAndTheMinimum() throws {
        let minimum = try #require(LandscapePanel.minimum(of: lectureAxis, loss: lectureLoss))
        #expect(abs(minimum - 2) < 1e-9)
        let range = LandscapePanel.range(for: lectureAxis, minimum: minimum)
        #expect(range == -0.25...2.25)
        #expect(range.contains(1.02))
        // Centred on the current value.
        #expect(abs((range.lowerBound + range.upperBound) / 2 - 1) < 1e-12)
    }

    @Test func asciiLandscapeDrawsTheTangentAsSlashes() throws {
        let lines = render(try panel("linear", glyphs: .ascii), width: 48, height: 14).lines
        #expect(lines[9] == "xxxxx|xxxxxxxxxxxxxxxxxx\\\\\\#>xxxxxxxxxxxxxxxxxxx")
        #expect(lines[12] == "xxxxx+---------------------+--------------------")
    }

    @Test func linearBiasMapShowsTheValleyThePointAndTheStep() throws {
        let lines = render(try panel("linear-bias"), width: 48, height: 14).lines
        #expect(lines[0] == "loss (log)xxxxxx◆ w, b = (1.0, 0.0) → (1.2, 0.2)")
        #expect(lines[1].hasPrefix("x1.5│"))
        #expect(lines[7].hasPrefix("xxxb│"))
        #expect(lines[12].hasPrefix("-1.5│"))
        #expect(lines[13] == "xxxxx-1.0xxxxxxxxxxxxxxxxxwxxxxxxxxxxxxxxxxxx3.0")
        // The current point, and the step up and to the right ending in an arrow.
        #expect(lines[7].contains("◆"))
        #expect(lines[6].contains("·▶"))
        // The valley w + b = 3 crosses the map as the lightest shade; the far corner is the darkest.
        #expect(lines[1].contains(" "))
        #expect(lines[12].hasSuffix("▓"))
        #expect(lines[12].contains("█"))
        // Every map cell is a shade, the point or the step: nothing unpainted.
        for line in lines[1...12] { #expect(!line.dropFirst(5).contains("x")) }
    }

    @Test func otherModelsSayWhatTheLandscapeNeeds() throws {
        let lines = render(try panel("xor"), width: 48, height: 6).lines
        #expect(lines[2] == "xxthe landscape needs a model with one or twoxxx")
        #expect(lines[3] == "xxxxxxxxxxxxxxxxxscalar paramsxxxxxxxxxxxxxxxxxx")
        // Three scalar params is not one or two either.
        #expect(render(try panel("quadratic"), width: 80, height: 3).lines[1].contains(LandscapePanel.unavailableMessage))
    }

    /// A diverged model (nan weights) and a loss that is nan everywhere draw a message, not a crash.
    @Test func nonFiniteModelsDrawAMessage() throws {
        let late = render(try panel("diverge", step: 80), width: 40, height: 8).text
        #expect(late.contains("w is nan: no landscape"), "by step 80 the lecture's w has overflowed to nan: \(late)")
        let nanLoss = LandscapePanel(model: .one(lectureAxis, loss: { _ in .nan }), lr: "0.01")
        #expect(render(nanLoss, width: 40, height: 8).text.contains("the loss is not finite here"))
        let nanMap = LandscapePanel(model: .two(lectureAxis, lectureAxis, loss: { _, _ in .nan }), lr: "0.01")
        #expect(render(nanMap, width: 30, height: 8).text.contains("!"))
    }

    @Test func everySizeRendersWithoutCrashingAndStaysInsideItsRect() throws {
        let huge = LandscapePanel.Axis(name: "w", value: 1e300, grad: -1e300, updated: 1.7e308)
        let panels = [try panel("linear"), try panel("linear-bias"), try panel("xor"), try panel("linear", glyphs: .ascii),
                      try panel("linear-bias", glyphs: .ascii), try panel("diverge", step: 50),
                      LandscapePanel(model: .one(huge, loss: { $0 * $0 }), lr: "1"),
                      LandscapePanel(model: .two(huge, lectureAxis, loss: { $0 * $1 }), lr: "1")]
        for p in panels {
            for width in [0, 1, 2, 3, 5, 8, 13, 21, 34] {
                for height in [0, 1, 2, 3, 4, 5, 8, 13] {
                    var canvas = Canvas(width: width + 4, height: height + 4, fill: Cell("x"))
                    p.render(into: &canvas, rect: Rect(x: 2, y: 2, width: width, height: height))
                    let lines = canvas.lines
                    for (y, line) in lines.enumerated() {
                        let chars = Array(line)
                        for (x, c) in chars.enumerated() where !(2..<(2 + width)).contains(x) || !(2..<(2 + height)).contains(y) {
                            #expect(c == "x", "drew outside \(width)×\(height) at \(x),\(y)")
                        }
                    }
                }
            }
        }
    }

    @Test func rangesEndOnRoundNumbers() {
        #expect(LandscapePanel.nice(1.0) == 1)
        #expect(LandscapePanel.nice(1.1) == 1.25)
        #expect(LandscapePanel.nice(0.6) == 0.75)
        #expect(LandscapePanel.nice(8) == 10)
        #expect(LandscapePanel.nice(0.021) == 0.025)
    }
}
