import Foundation
import PyTorchCode
import Testing
import Export
import Scenario
import TextCanvas
@testable import Screen

/// The scenario's listing, its timeline, and the pane at an event index.
private struct Fixture {
    let timeline: Timeline
    let listing: CodeListing

    init(_ name: String, zeroesGrad: Bool? = nil, epochs: Int? = nil) throws {
        let scenario = try Builtins.load(name)
        timeline = try Timeline(scenario: scenario, epochs: epochs, zeroesGrad: zeroesGrad)
        listing = try PyTorchScript(scenario: scenario, zeroesGrad: zeroesGrad).listing()
    }

    init(toml: String, zeroesGrad: Bool? = nil) throws {
        let scenario = try ScenarioLoader.load(bytes: Array(toml.utf8), file: "test.toml")
        timeline = try Timeline(scenario: scenario, zeroesGrad: zeroesGrad)
        listing = try PyTorchScript(scenario: scenario, zeroesGrad: zeroesGrad).listing()
    }

    func highlight(at index: Int) -> CodePanel.Highlight {
        CodePanel.highlight(for: timeline.event(at: index), in: listing, stepsPerEpoch: timeline.stepsPerEpoch,
                            template: timeline.template)
    }

    /// The lit lines as code, without indentation: the event's own line first.
    func litText(at index: Int) -> [String] {
        highlight(at: index).all.map { listing.lines[$0].text.trimmingCharacters(in: .whitespaces) }
    }

    func render(at index: Int, width: Int, height: Int, glyphs: Glyphs = .unicode) -> Canvas {
        var canvas = Canvas(width: width, height: height, fill: Cell("x"))
        CodePanel(listing: listing, run: timeline.run, event: timeline.event(at: index))
            .render(into: &canvas, rect: canvas.bounds, glyphs: glyphs)
        return canvas
    }
}

private let lossCall = "l = loss(x, y)"
private let backward = "l.backward()"
private let gradPrint = "print('\\tgrad:', x, y, w.grad.item())"
private let update = "w.data = w.data - 0.01 * w.grad.data"
private let zero = "w.grad.data.zero_()"
private let progress = "print('progress:', epoch, l.item())"

struct CodePanelTests {
    /// Issue 6's promise: the highlighted line is right at every event of one whole epoch of `linear`.
    @Test func codePaneLightsTheRightLineAtEveryEventOfLinearsFirstEpoch() throws {
        let f = try Fixture("linear")
        // Per step: forward lights x, x·w, y, ŷ−y, (ŷ−y)²; backward four nodes down to w; one update of w.
        #expect(f.timeline.eventsPerStep == 10)
        #expect(f.timeline.stepsPerEpoch == 3)
        let step: [[String]] = Array(repeating: [lossCall], count: 5) + Array(repeating: [backward], count: 4)
        let expected: [[String]] = step + [[update, gradPrint, zero]]
            + step + [[update, gradPrint, zero]]
            + step + [[update, gradPrint, zero, progress]]
        #expect(expected.count == 30)
        for index in 0..<expected.count {
            let event = f.timeline.event(at: index)
            #expect(event.epoch == 0)
            #expect(f.litText(at: index) == expected[index], "event \(index): \(event.phase) node \(event.node)")
        }
        // The next event is epoch 1's first forward.
        #expect(f.timeline.event(at: 30).epoch == 1)
        #expect(f.litText(at: 30) == [lossCall])
    }

    @Test func lineForIsTheEventsOwnLine() throws {
        let f = try Fixture("linear")
        let line = CodePanel.line(for: f.timeline.event(at: 29), in: f.listing, stepsPerEpoch: 3, template: f.timeline.template)
        #expect(line.map { f.listing.lines[$0].text } == "        " + update)
    }

    /// Two params: each update event lights its own param's line; the zeroing comes after the last one.
    @Test func eachParamsUpdateLightsItsOwnLine() throws {
        let f = try Fixture("linear-bias")
        let updates = f.timeline.template.indices.filter { f.timeline.template[$0].phase == .update }
        #expect(updates.count == 2)
        let first = f.litText(at: try #require(updates.first))
        let last = f.litText(at: try #require(updates.last))
        #expect(first.first?.hasPrefix("w.data = w.data - ") == true)
        #expect(first.dropFirst().first?.hasPrefix("print('\\tgrad:'") == true)
        #expect(first.count == 2)
        #expect(last.first?.hasPrefix("b.data = b.data - ") == true)
        #expect(Array(last.dropFirst()) == ["w.grad.data.zero_()", "b.grad.data.zero_()"])
    }

    @Test func optimizerScenariosLightTheStepAndZeroGradLines() throws {
        let f = try Fixture("adam")
        let updates = f.timeline.template.indices.filter { f.timeline.template[$0].phase == .update }
        for u in updates { #expect(f.litText(at: u).first == "optimizer.step()") }
        #expect(f.litText(at: try #require(updates.last)).contains("optimizer.zero_grad(set_to_none=False)"))
        #expect(f.litText(at: 0) == ["l = loss(stack(x), stack(y))"])
    }

    @Test func linearMidBackwardAt54x22() throws {
        let f = try Fixture("linear")
        // The whole loop stays in view, with the defs above it as far as they fit.
        #expect(f.render(at: 16, width: 54, height: 22).lines == [
            "┌ code ──────────────────────────────────────────────┐",
            "│                                                    │",
            "│  def forward(x):                                   │",
            "│      return x*w                                    │",
            "│                                                    │",
            "│                                                    │",
            "│  def loss(x, y):                                   │",
            "│      y_pred = forward(x)                           │",
            "│      return (y_pred - y)**2                        │",
            "│                                                    │",
            "│                                                    │",
            "│  print(\"predict (before training)\", 4, forward(4).…│",
            "│  for epoch in range(100):                          │",
            "│      for x, y in zip(x_data, y_data):              │",
            "│          l = loss(x, y)                            │",
            "│▶         l.backward()                              │",
            "│          print('\\tgrad:', x, y, w.grad.item())     │",
            "│          w.data = w.data - 0.01 * w.grad.data      │",
            "│          w.grad.data.zero_()                       │",
            "│      print('progress:', epoch, l.item())           │",
            "│  print(\"predict (after training)\", 4, forward(4).i…│",
            "└────────────────────────────────────────────────────┘",
        ])
    }

    @Test func highlightedLinesAreInverseAndActive() throws {
        let f = try Fixture("linear")
        let canvas = f.render(at: 9, width: 50, height: 12)
        let rows = (0..<canvas.height).filter { canvas.line($0).contains(update) }
        let own = try #require(rows.first)
        #expect(canvas[30, own].style == .inverse)
        #expect(canvas.line(own).contains("▶"))
        let zeroRow = try #require((0..<canvas.height).first { canvas.line($0).contains(zero) })
        #expect(canvas[30, zeroRow].style == .active)
    }

    /// `zero_grad = false`: the script leaves the line out (so it prints what `backprop train`
    /// prints), the pane shows it struck out with the reason.
    @Test func skippedZeroGradIsLeftOutOfTheScriptAndStruckOutInThePane() throws {
        let f = try Fixture("linear", zeroesGrad: false)
        #expect(!f.listing.text.contains("zero_"))
        let zeroLine = try #require(f.listing.lines.firstIndex { $0.text.contains(zero) })
        #expect(f.listing.lines[zeroLine].role == .zeroGrad(param: 0, skipped: true))
        #expect(f.litText(at: 9) == [update, gradPrint, zero])
        let canvas = f.render(at: 5, width: 70, height: 14)
        let row = try #require((0..<canvas.height).first { canvas.line($0).contains("# " + zero) })
        #expect(canvas.line(row).contains("        # w.grad.data.zero_()  ← skipped: grads pile up"))
        let note = try #require(canvas.line(row).range(of: "skipped"))
        let column = canvas.line(row).distance(from: canvas.line(row).startIndex, to: note.lowerBound)
        #expect(canvas[column, row].style == .bad)
        #expect(canvas[12, row].style == .dim)
        // The zeroing scenario's script keeps its line.
        #expect(try Fixture("linear").listing.text.contains("        " + zero + "\n"))
    }

    @Test func skippedOptimizerZeroGradIsLeftOutToo() throws {
        let f = try Fixture("momentum", zeroesGrad: false)
        #expect(!f.listing.text.contains("zero_grad"))
        #expect(f.listing.lines.contains { $0.role == .zeroGrad(param: nil, skipped: true) })
    }

    @Test func listingTextIsTheExportedScript() throws {
        for name in ["linear", "linear-bias", "adam", "xor", "deep193"] {
            let scenario = try Builtins.load(name)
            let script = PyTorchScript(scenario: scenario)
            #expect(try script.listing().text == script.text())
            #expect(try script.listing().index(of: .lossCall) != nil, "\(name)")
            #expect(try script.listing().index(of: .backward) != nil, "\(name)")
        }
    }

    @Test func asciiPaneUsesAsciiOnly() throws {
        let f = try Fixture("linear", zeroesGrad: false)
        let text = f.render(at: 9, width: 64, height: 12, glyphs: .ascii).text
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("<- skipped"))
    }

    @Test func sizeSweepNeverCrashesAndStaysInside() throws {
        let f = try Fixture("linear", zeroesGrad: false)
        for width in [0, 1, 2, 3, 4, 5, 8, 13, 30, 80] {
            for height in [0, 1, 2, 3, 4, 7, 40] {
                for index in [0, 8, 9, 29] {
                    var canvas = Canvas(width: width + 2, height: height + 2, fill: Cell("x"))
                    let rect = Rect(x: 1, y: 1, width: width, height: height)
                    CodePanel(listing: f.listing, run: f.timeline.run, event: f.timeline.event(at: index))
                        .render(into: &canvas, rect: rect, glyphs: .unicode)
                    // Nothing outside the rect is touched.
                    for y in 0..<canvas.height {
                        for x in 0..<canvas.width where !rect.contains(x: x, y: y) {
                            #expect(canvas[x, y].character == "x")
                        }
                    }
                }
            }
        }
    }

    /// Short panes keep the event's line in view.
    @Test func shortPanesScrollToTheLitLine() throws {
        let f = try Fixture("linear")
        for index in 0..<30 {
            let canvas = f.render(at: index, width: 50, height: 5)
            #expect(canvas.lines.contains { $0.contains("▶") }, "event \(index)")
        }
    }
}

/// After a `<` / `>` fork the code pane writes the lr in force at the cursor, as the header does;
/// before the fork's step it is the scenario's again, and the exported script never changes.
@Test func theCodePaneShowsTheLRInForceAfterAFork() throws {
    func withCode(_ name: String, width: Int, height: Int) throws -> TestScreen {
        try makeState(name, width: width, height: height)
    }
    var state = try withCode("linear", width: 160, height: 45)
    state.press(.character("c"), .character("]"), .character("<"))
    #expect(state.screenText.contains("lr 0.005 (was 0.01)"))
    #expect(state.screenText.contains("w.data = w.data - 0.005 * w.grad.data"), "\(state.screenText)")
    #expect(!state.screenText.contains("- 0.01 *"))
    // Epoch 0 ran with the scenario's lr.
    state.press(.character("["))
    #expect(state.screenText.contains("w.data = w.data - 0.01 * w.grad.data"))
    // An optimizer's lr is in its constructor.
    var adam = try withCode("adam", width: 200, height: 50)
    adam.press(.character("c"), .character(">"))
    #expect(adam.screenText.contains("torch.optim.Adam([W1, b1, W2, b2], lr=0.1,"), "\(adam.screenText)")
    // The listing's own text (what `export --to pytorch` writes) keeps the scenario's lr.
    let listing = try #require(state.codeListing)
    #expect(listing.text.contains("w.data = w.data - 0.01 * w.grad.data"))
    let update = try #require(listing.lines.first { $0.role == .update(param: 0) })
    #expect(update.text(lr: "0.5") == "        w.data = w.data - 0.5 * w.grad.data")
}
