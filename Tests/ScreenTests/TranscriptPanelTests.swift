import Foundation
import Testing
import Scenario
import TextCanvas
@testable import Screen

/// What `backprop train` prints for a scenario.
private func trained(_ scenario: Scenario, epochs: Int? = nil) throws -> String {
    var text = ""
    try TranscriptWriter(scenario: scenario, format: .transcript, epochs: epochs).run { text += $0 }
    return text
}

private func render(_ timeline: Timeline, at index: Int, width: Int, height: Int, glyphs: Glyphs = .unicode) -> Canvas {
    var canvas = Canvas(width: width, height: height, fill: Cell("x"))
    panel(timeline, at: index, rows: height - 2).render(into: &canvas, rect: canvas.bounds, glyphs: glyphs)
    return canvas
}

extension TranscriptPanel {
    /// The whole run's printout with line breaks: what `backprop train` writes.
    static func fullText(of timeline: Timeline) throws -> String {
        try lines(0..<totalCount(of: timeline), of: timeline).map { $0 + "\n" }.joined()
    }
}

/// The pane for event `index` with `rows` rows inside its frame, replayed without a cache.
private func panel(_ timeline: Timeline, at index: Int, rows: Int) -> TranscriptPanel {
    var cache = TranscriptPanel.Cache()
    return TranscriptPanel(timeline: timeline, event: timeline.event(at: index), rows: rows, cache: &cache)
}

struct TranscriptPanelTests {
    /// At the end of the run the pane has printed exactly what PyTorch prints for the lecture's script.
    @Test func linearTranscriptPaneAtTheEndEqualsPyTorch() throws {
        let timeline = try Timeline(scenario: Builtins.load("linear"))
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../ScenarioTests/Fixtures/seed_linear.out")
        let golden = try String(contentsOf: fixture, encoding: .utf8)
        let end = timeline.event(at: timeline.eventCount - 1)
        #expect(TranscriptPanel.printedCount(at: end, of: timeline) == TranscriptPanel.totalCount(of: timeline))
        #expect(try TranscriptPanel.fullText(of: timeline) == golden)
        #expect(try TranscriptPanel.lines(0..<TranscriptPanel.printedCount(at: end, of: timeline), of: timeline)
            .map { $0 + "\n" }.joined() == golden)
    }

    /// Other shapes (two params, batches and an optimizer, matrices, no zero_grad) print the same as `train`.
    @Test(arguments: ["linear-bias", "adam", "xor", "momentum"])
    func transcriptPaneEqualsTrain(_ name: String) throws {
        let scenario = try Builtins.load(name)
        let timeline = try Timeline(scenario: scenario, epochs: 4)
        #expect(try TranscriptPanel.fullText(of: timeline) == trained(scenario, epochs: 4))
    }

    @Test func withoutZeroGradTheGradsPileUpAsTrainPrintsThem() throws {
        var scenario = try Builtins.load("linear")
        scenario.train.zeroGrad = false
        let timeline = try Timeline(scenario: scenario, epochs: 3)
        let text = try TranscriptPanel.fullText(of: timeline)
        #expect(text == (try trained(scenario, epochs: 3)))
        // The second sample's grad holds the first's −2.0 too.
        #expect(text.contains("\tgrad: 2.0 4.0 -9.84"))
        // The `z` key's timeline (zeroesGrad overridden) is followed too.
        let keyed = try Timeline(scenario: Builtins.load("linear"), epochs: 3, zeroesGrad: false)
        #expect(try TranscriptPanel.fullText(of: keyed) == text)
    }

    /// A grad line appears at the step's first update event, a progress line at the epoch's last
    /// event, and what is printed so far is always the head of the whole printout.
    @Test func linesAppearWhenPyTorchPrintsThem() throws {
        let timeline = try Timeline(scenario: Builtins.load("linear"), epochs: 2)
        let all = try TranscriptPanel.lines(0..<TranscriptPanel.totalCount(of: timeline), of: timeline)
        #expect(all.count == 1 + 2 * 4 + 1)
        var counts: [Int] = []
        for index in 0..<timeline.eventCount {
            let count = TranscriptPanel.printedCount(at: timeline.event(at: index), of: timeline)
            counts.append(count)
            #expect(try TranscriptPanel.lines(0..<count, of: timeline) == Array(all.prefix(count)))
        }
        // linear: 10 events a step, the update is the 10th.
        #expect(Array(counts[0..<9]) == Array(repeating: 1, count: 9))
        #expect(counts[9] == 2)
        #expect(counts[19] == 3)
        #expect(counts[28] == 3)
        #expect(counts[29] == 5)  // the third grad line and progress 0
        #expect(counts[30] == 5)
        #expect(counts[59] == 10) // and predict (after training)
    }

    @Test func linearMidBackwardAt46x8() throws {
        let timeline = try Timeline(scenario: Builtins.load("linear"))
        // Epoch 1, sample 2, backward: epoch 0 and two grad lines of epoch 1 are printed.
        #expect(render(timeline, at: 30 + 20 + 6, width: 46, height: 8).lines == [
            "┌ transcript ────────────────────────────────┐",
            "│         grad: 2.0 4.0 -7.840000152587891   │",
            "│         grad: 3.0 6.0 -16.228801727294922  │",
            "│ progress: 0 7.315943717956543              │",
            "│         grad: 1.0 2.0 -1.478623867034912   │",
            "│         grad: 2.0 4.0 -5.796205520629883   │",
            "│ progress: the last sample's loss (l.item())│",
            "└────────────────────────────────────────────┘",
        ])
    }

    /// The plot beside it draws each epoch's mean; the pane says whose loss `progress:` prints.
    @Test(arguments: [("linear", "the last sample's loss"), ("xor", "the full batch's loss"), ("gauss", "the last batch's loss")])
    func thePaneSaysWhoseLossProgressPrints(_ name: String, _ whose: String) throws {
        let timeline = try Timeline(scenario: Builtins.load(name), epochs: 2)
        let text = render(timeline, at: timeline.eventsPerStep * timeline.stepsPerEpoch, width: 80, height: 10).lines.joined(separator: "\n")
        #expect(text.contains("progress: \(whose), l.item(), as the lecture prints it"), "\(text)")
    }

    @Test func atTheStartOnlyThePredictionIsPrinted() throws {
        let timeline = try Timeline(scenario: Builtins.load("linear"))
        #expect(render(timeline, at: 0, width: 36, height: 4).lines == [
            "┌ transcript ──────────────────────┐",
            "│ predict (before training) 4 4.0  │",
            "│                                  │",
            "└──────────────────────────────────┘",
        ])
    }

    /// The prediction does not fit 40 columns: the line ends before it, no number is cut.
    @Test func theEndShowsTheLastProgressAndThePrediction() throws {
        let timeline = try Timeline(scenario: Builtins.load("linear"))
        let lines = render(timeline, at: timeline.eventCount - 1, width: 40, height: 4).lines
        #expect(lines == [
            "┌ transcript ──────────────────────────┐",
            "│ progress: 99 9.094947017729282e-13   │",
            "│ predict (after training) 4 …         │",
            "└──────────────────────────────────────┘",
        ])
    }

    @Test func sizeSweepNeverCrashesAndStaysInside() throws {
        let timeline = try Timeline(scenario: Builtins.load("linear"), epochs: 2)
        for width in [0, 1, 2, 3, 4, 5, 9, 20, 80] {
            for height in [0, 1, 2, 3, 5, 30] {
                for index in [0, 9, 29, timeline.eventCount - 1] {
                    var canvas = Canvas(width: width + 2, height: height + 2, fill: Cell("x"))
                    let rect = Rect(x: 1, y: 1, width: width, height: height)
                    panel(timeline, at: index, rows: height - 2).render(into: &canvas, rect: rect, glyphs: .ascii)
                    for y in 0..<canvas.height {
                        for x in 0..<canvas.width where !rect.contains(x: x, y: y) {
                            #expect(canvas[x, y].character == "x")
                        }
                    }
                }
            }
        }
    }

    @Test func noEpochsPrintsBothPredictions() throws {
        let timeline = try Timeline(scenario: Builtins.load("linear"), epochs: 0)
        #expect(try TranscriptPanel.fullText(of: timeline) == (try trained(Builtins.load("linear"), epochs: 0)))
        #expect(TranscriptPanel.printedCount(at: timeline.event(at: 0), of: timeline) == 2)
        _ = render(timeline, at: 0, width: 30, height: 6)
    }
}

struct TranscriptCacheTests {
    /// The cache gives the same screen, and starts over for a new timeline (the `z` key).
    @Test func cachedPaneDrawsTheSame() throws {
        var cache = TranscriptPanel.Cache()
        let timeline = try Timeline(scenario: Builtins.load("linear"), epochs: 3)
        for index in [0, 9, 29, 56, 40, 89] {
            var a = Canvas(width: 40, height: 9), b = Canvas(width: 40, height: 9)
            panel(timeline, at: index, rows: 7).render(into: &a, rect: a.bounds, glyphs: .unicode)
            TranscriptPanel(timeline: timeline, event: timeline.event(at: index), rows: 7, cache: &cache).render(into: &b, rect: b.bounds, glyphs: .unicode)
            #expect(a == b, "event \(index)")
        }
        let piled = try Timeline(scenario: Builtins.load("linear"), epochs: 3, zeroesGrad: false)
        // Wide enough for the piled-up grad whole (a narrower pane ends the line before it).
        var a = Canvas(width: 50, height: 9), b = Canvas(width: 50, height: 9)
        panel(piled, at: 29, rows: 7).render(into: &a, rect: a.bounds, glyphs: .unicode)
        TranscriptPanel(timeline: piled, event: piled.event(at: 29), rows: 7, cache: &cache).render(into: &b, rect: b.bounds, glyphs: .unicode)
        #expect(a == b)
        #expect(b.text.contains("-9.84"))
    }
}
