import Export
import Scenario
import Testing
import TextCanvas
@testable import Screen

func makeState(_ name: String = "linear", width: Int = 100, height: Int = 30, options: AppOptions = AppOptions()) throws -> TestScreen {
    let scenario = try Builtins.load(name)
    return TestScreen(timeline: try Timeline(scenario: scenario), width: width, height: height, options: options)
}

/// A screen as its drivers hold it: the state (values only) and the training service beside it,
/// handed to every update. A copy copies the state and shares the service, as two screens of one
/// run loop would. The state's members read through (`screen.cursor`).
@dynamicMemberLookup
struct TestScreen {
    var state: AppState
    let training: Training

    init(timeline: Timeline, width: Int, height: Int, options: AppOptions = AppOptions()) {
        training = Training(timeline)
        state = AppState(training: training, width: width, height: height, options: options)
    }

    subscript<T>(dynamicMember path: KeyPath<AppState, T>) -> T { state[keyPath: path] }
    subscript<T>(dynamicMember path: WritableKeyPath<AppState, T>) -> T {
        get { state[keyPath: path] }
        set { state[keyPath: path] = newValue }
    }

    /// The timeline the service trains the state's run on.
    var timeline: Timeline { training.timeline(of: state.run) }

    mutating func update(_ action: Action) -> Effect { state.update(action, training: training) }
    mutating func seek(to index: Int) { state.seek(to: index, training: training) }
    mutating func press(_ keys: String) { state.press(keys, training: training) }
    mutating func open(_ screen: GuideScreen) { state.open(screen, training: training) }
    func render() -> Canvas { state.render() }

    /// The view of this type as it prepared itself (on screen or not); nil when the scenario has none.
    func prepared<V: ScreenView>(_ type: V.Type) -> V? {
        state.screenViews.lazy.compactMap { $0 as? V }.first
    }

    /// The first event of `phase` at the node named `name` (`z3`, `W2`); nil when the run has none.
    func firstEvent(_ phase: NoteMoment.Phase, at name: String) -> Int? {
        state.run.template.firstIndex { $0.phase == phase && state.shown.names[$0.node] == name }
    }

    /// Presses keys in order and returns what each asked the run loop to do, so a test sees a quit.
    /// A key that quits must be the last one: nothing after it would happen in the real program.
    @discardableResult
    mutating func press(_ keys: Key..., sourceLocation: SourceLocation = #_sourceLocation) -> [Effect] {
        var effects: [Effect] = []
        for key in keys {
            #expect(effects.last != .quit, "a key after a quit: \(keys)", sourceLocation: sourceLocation)
            effects.append(update(.key(key)))
        }
        return effects
    }
    var screenText: String { render().text }
}

/// The screen as a teacher sees it, rendered to text: no terminal.
struct AppScreenTests {
    @Test func headerShowsTitlePositionPhaseLrAndPlayState() throws {
        var state = try makeState()
        let header = state.render().line(0)
        #expect(header.contains("Linear model ŷ = x·w"))
        #expect(header.contains("epoch 0/99"), "epochs count from 0, as the lecture's progress lines do")
        #expect(header.contains("sample 0/2"))
        #expect(header.contains("forward"))
        #expect(header.contains("lr 0.01"))
        #expect(header.contains("‖"))
        state.press(.character(" "))
        #expect(state.render().line(0).contains("▶"))
    }

    @Test func forwardShowsTheLecturesArithmetic() throws {
        var state = try makeState()
        state.press(.right)  // the multiply node
        let text = state.screenText
        #expect(text.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"))
        #expect(text.contains("kept: ∂y_pred/∂x = w = 1.0"))
        #expect(text.contains("kept: ∂y_pred/∂w = x = 1.0"))
    }

    @Test func backwardShowsTheChainRuleProduct() throws {
        var state = try makeState()
        // Second sample (x = 2, y = 4): ∂loss/∂w = ∂loss/∂y_pred · x = (2·(2.04 − 4)) · 2.
        state.press(.character("n"))
        for _ in 0..<7 { state.press(.right) }
        let text = state.screenText
        #expect(text.contains("Backward · × y_pred · MulBackward0"), "\(text)")
        #expect(text.contains("∂loss/∂w = ∂loss/∂y_pred · ∂y_pred/∂w"))
        #expect(text.contains("= -3.92 × 2.0 = -7.84"))
    }

    @Test func updateShowsOldValueGradAndNewValue() throws {
        var state = try makeState()
        for _ in 0..<9 { state.press(.right) }
        #expect(state.event.phase == .update)
        let text = state.screenText
        #expect(text.contains("w = 1.0 - 0.01 × (-2.0) = 1.02"))
        #expect(text.contains("grad.data.zero_()"))
    }

    @Test func gradsReadNoneBeforeTheFirstBackward() throws {
        let state = try makeState()
        #expect(state.screenText.contains("grad None"))
    }

    @Test func nodesNotReachedYetAreDimAndTheActiveOneStandsOut() throws {
        var state = try makeState()
        state.press(.right)
        // The graph's own cells (the footer is dim on every screen).
        #expect(try styleOf("^2 loss", state.render()) == .dim, "forward has not reached the loss yet")
        #expect(try styleOf("× y_pred", state.render()) == .active)
        #expect(try ![.dim, .active].contains(styleOf("x", state.render(), after: "│ ")), "x was reached: neither dim nor active")
        state.press(.right, .right, .right)
        #expect(try styleOf("^2 loss", state.render()) == .active, "now forward is at the loss")
    }

    /// The style of the first cell of `text` where it first appears on screen (after `prefix`).
    func styleOf(_ text: String, _ canvas: Canvas, after prefix: String = "") throws -> Style {
        let y = try #require((0..<canvas.height).first { canvas.line($0).contains(prefix + text) }, "\(text) not on screen")
        let line = canvas.line(y)
        let start = try #require(line.range(of: prefix + text)).lowerBound
        let x = displayWidth(of: String(line[..<start])) + displayWidth(of: prefix)
        return canvas[x, y].style
    }

    @Test func steppingBackEqualsSteppingForward() throws {
        var forward = try makeState()
        for _ in 0..<17 { forward.press(.right) }
        var back = try makeState()
        back.press(.character("G"))
        back.seek(to: 40)
        for _ in 0..<23 { back.press(.left) }
        #expect(back.cursor == forward.cursor)
        #expect(back.screenText == forward.screenText)
    }

    @Test func sampleEpochAndEndKeysMove() throws {
        var state = try makeState()
        state.press(.character("n"))
        #expect(state.event.batch == 1 && state.event.indexInStep == 0)
        state.press(.character("]"))
        #expect(state.event.epoch == 1 && state.event.batch == 0)
        state.press(.right, .right)
        state.press(.character("["))
        #expect(state.event.epoch == 1 && state.event.batch == 0 && state.event.indexInStep == 0, "inside an epoch: back to its start")
        state.press(.character("["))
        #expect(state.event.epoch == 0 && state.cursor == 0, "at an epoch's start: the epoch before")
        state.press(.character("G"))
        #expect(state.cursor == state.lastEvent)
        #expect(state.event.epoch == 99)
        state.press(.character("g"))
        #expect(state.cursor == 0)
    }

    @Test func lossPlotAppearsAndSwitchesScale() throws {
        var state = try makeState()
        state.press(.character("G"))
        var text = state.screenText
        #expect(text.contains("loss (log)"), "the lecture's loss spans 13 decades: log by itself")
        state.press(.character("s"))
        text = state.screenText
        #expect(!text.contains("loss (log)"))
        #expect(text.contains("loss per epoch"))
    }

    @Test func divergingRunShowsInfAndNanWithoutCrashing() throws {
        var state = try makeState("diverge")
        state.press(.character("G"))
        let text = state.screenText
        #expect(text.contains("nan") || text.contains("inf"))
    }

    @Test func helpOverlayListsEveryKey() throws {
        var state = try makeState(width: 100, height: 40)
        state.press(.character("?"))
        let text = state.screenText
        for binding in KeyMap.bindings {
            #expect(text.contains(SeparatorDot.shown(in: state.state.help(for: binding))), "missing \(binding.help)")
        }
        state.press(.character("x"))
        #expect(!state.showHelp)
    }

    @Test func quitKeysQuit() throws {
        for key in [Key.character("q"), .escape, .control("c")] {
            var state = try makeState()
            #expect(state.press(key) == [.quit])
        }
    }

    @Test func otherKeysDoNotQuit() throws {
        var state = try makeState()
        let keys: [Key] = [.right, .left, .character("n"), .character("]"), .character("v"), .character("s"), .character("?"), .character("x")]
        for key in keys { #expect(state.press(key).allSatisfy { $0 != .quit }, "\(key)") }
    }

    @Test func pausedSleepsPlayingWakes() throws {
        var state = try makeState()
        #expect(state.update(.tick(now: 1)) == .idle)
        if case .wake = state.update(.key(.character(" "))) {} else { Issue.record("playing should ask for a wake-up") }
    }

    @Test func autoplayStopsAtAPauseNote() throws {
        var state = try makeState(options: AppOptions(autoplay: true, speed: 1000))
        _ = state.update(.tick(now: 0))
        _ = state.update(.tick(now: 10))
        #expect(!state.playing)
        #expect(state.pauseEvents.contains(state.cursor))
        #expect(state.screenText.contains("✎"))
    }

    @Test func loopStartsOverAtTheEnd() throws {
        var state = try makeState(options: AppOptions(autoplay: true, loop: true, speed: 1_000_000))
        state.seek(to: state.lastEvent - 1)
        _ = state.update(.tick(now: 0))
        _ = state.update(.tick(now: 1))
        #expect(state.cursor < state.lastEvent)
    }

    @Test func everyPanelAt160x50() throws {
        var state = try makeState(width: 160, height: 50)
        state.press(.right, .right)
        let text = state.screenText
        #expect(text.contains("graph"))
        #expect(text.contains("inspector"))
        #expect(text.contains("loss per epoch"))
        #expect(text.contains("q quit"))
        #expect(state.render().lines.count == 50)
        #expect(state.render().lines.allSatisfy { displayWidth(of: $0) == 160 })
    }

    @Test func tooSmallTerminalAsksToEnlarge() throws {
        let state = try makeState(width: 39, height: 11)
        #expect(state.screenText.contains("Enlarge the terminal"))
    }

    @Test func noSizeCrashesAnyScenarioPanel() throws {
        for name in ["linear", "deep193", "xor", "collapse"] {
            var state = try makeState(name)
            state.press(.right, .right, .right)
            for w in stride(from: 0, through: 130, by: 13) {
                for h in stride(from: 0, through: 45, by: 5) {
                    _ = state.update(.resize(width: w, height: h))
                    let canvas = state.render()
                    #expect(canvas.width == w && canvas.height == h)
                }
            }
        }
    }

    @Test func tensorModelsShowOneBoxPerOpWithShapes() throws {
        var state = try makeState("deep193", width: 160, height: 50)
        state.press(.right, .right)
        let text = state.screenText
        #expect(text.contains("MM"))
        #expect(text.contains("6×8"), "\(text)")
    }

    @Test func heatMapViewShowsWeightMatrices() throws {
        var state = try makeState("deep193", width: 160, height: 50)
        state.press(.character("v"), .character("v"))   // graph → neurons → heat maps
        #expect(state.view == .heatValues)
        #expect(state.screenText.contains("W1 6×5"))
        state.press(.character("v"))
        #expect(state.screenText.contains("weights: gradients"))
    }

    @Test func asciiScreensAreAsciiFromEdgeToEdge() throws {
        for name in ["linear", "deep193", "collapse", "diverge"] {
            var state = try makeState(name, options: AppOptions(glyphs: .ascii))
            for keys in [[Key](), [.right, .right], [.character("n"), .right, .right, .right, .right, .right, .right], [.character("G")], [.character("v")], [.character("?")]] {
                for key in keys { state.press(key) }
                let text = state.screenText
                let stray = text.unicodeScalars.filter { !$0.isASCII }.map { String($0) }.joined()
                #expect(stray.isEmpty, "\(name): \(stray)")
                #expect(text.contains("+-"))
            }
        }
    }
}

/// Issue 6 on the screen: quiz, gradient check, landscape, zero_grad lesson.
struct TeachingFeatureScreenTests {
    @Test func quizAsksBeforeRevealingAndScores() throws {
        var state = try makeState(options: AppOptions(quiz: true))
        state.press(.right)
        #expect(state.question?.prompt == "y_pred = x · w = 1.0 × 1.0 = ?")
        #expect(state.screenText.contains("y_pred = x · w = 1.0 × 1.0 = ?"))
        #expect(!state.screenText.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"), "the answer stays hidden")
        state.press(.character("1"), .enter)
        #expect(state.question == nil)
        #expect(state.quiz?.right == 1)
        #expect(state.screenText.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"))
        state.press(.right, .right)
        #expect(state.question != nil)
        state.press(.character("5"), .enter)
        #expect(state.quiz?.asked == 2 && state.quiz?.right == 1)
        #expect(state.render().line(0).contains("quiz 1/2"))
    }

    @Test func escapeInTheQuizSkipsTheQuestionAndDoesNotQuit() throws {
        var state = try makeState(options: AppOptions(quiz: true))
        state.press(.right)
        let question = try #require(state.question)
        #expect(state.press(.escape) == [.idle], "Esc skips the question; the program stays")
        #expect(state.question == nil)
        #expect(state.verdict == "skipped: " + question.explanation)
        #expect(state.screenText.contains("y_pred = x · w = 1.0 × 1.0 = 1.0"), "the skipped answer is shown")
        for _ in 0..<4 where state.question == nil { state.press(.right) }
        #expect(state.question != nil)
        #expect(state.press(.character("q")) == [.quit], "q still quits while a question is open")
    }

    @Test func gradientCheckShowsBesideBackward() throws {
        var state = try makeState()
        for _ in 0..<8 { state.press(.right) }
        #expect(state.event.phase == .backward && state.event.node == 0)
        let text = state.screenText
        #expect(text.contains("check in float64: finite difference -2.0"), "\(text)")
        #expect(text.contains("vs backward -2.0 ✓"))
        #expect(text.contains("✓"))
    }

    @Test func landscapeViewForTheLecturesModel() throws {
        var state = try makeState(width: 120, height: 40)
        state.press(.character("v"))
        #expect(state.view == .landscape)
        let text = state.screenText
        #expect(text.contains("loss landscape"))
        #expect(text.contains("loss vs w"))
    }

    @Test func skippingZeroGradPilesGradsUp() throws {
        var state = try makeState()
        state.press(.character("z"))
        #expect(!state.timeline.zeroesGrad)
        state.press(.character("n"))
        #expect(state.screenText.contains("NO zero_grad"))
        // Second sample, forward: w.grad still holds the first sample's -2.0 (the params table and w's box).
        #expect(paramRow("w", state).split(separator: " ").prefix(4) == ["│", "w", "1.02", "-2.0"], "\(paramRow("w", state))")
        #expect(state.screenText.contains("grad -2.0"))
        state.press(.character("z"))
        #expect(state.timeline.zeroesGrad)
        #expect(paramRow("w", state).split(separator: " ").prefix(4) == ["│", "w", "1.02", "0.0"], "zeroed again: \(paramRow("w", state))")
    }

    /// The inspector's row for a param: `│ w      1.02            -2.0 …`.
    func paramRow(_ name: String, _ state: TestScreen) -> String {
        state.render().lines.first { $0.hasPrefix("│ \(name) ") } ?? ""
    }
}

/// The code and transcript panes beside the graph.
struct SidePaneScreenTests {
    func stateWithCode() throws -> TestScreen {
        let scenario = try Builtins.load("linear")
        return TestScreen(timeline: try Timeline(scenario: scenario), width: 120, height: 40)
    }

    @Test func codePaneHighlightsTheLineBeingRun() throws {
        var state = try stateWithCode()
        state.press(.character("c"))
        #expect(state.sidePane == .code)
        for _ in 0..<6 { state.press(.right) }
        #expect(state.event.phase == .backward)
        let line = try #require(state.render().lines.first { $0.contains("▶") && $0.contains("l.backward()") })
        #expect(line.contains("l.backward()"))
        state.press(.character("c"))
        #expect(state.sidePane == nil)
    }

    @Test func transcriptPaneGrowsWithTheAnimation() throws {
        var state = try stateWithCode()
        state.press(.character("t"))
        #expect(state.screenText.contains("predict (before training) 4 4.0"))
        #expect(!state.screenText.contains("grad: 1.0 2.0 -2.0"))
        for _ in 0..<9 { state.press(.right) }
        #expect(state.screenText.contains("grad: 1.0 2.0 -2.0"))
    }

    @Test func smallTerminalsShowTheSidePaneInTheGraphsPlace() throws {
        var state = try stateWithCode()
        _ = state.update(.resize(width: 70, height: 24))
        state.press(.character("c"))
        #expect(state.screenText.contains("l.backward()"), "c does something at 70 columns too")
        #expect(state.notice?.contains("graph's place") == true, "and says where the graph went")
        state.press(.character("c"))
        #expect(!state.screenText.contains("l.backward()"))
        #expect(state.screenText.contains("graph"))
    }
}

/// The teaching library: every caption of every shipped scenario shows at its moment.
struct CaptionMomentTests {
    @Test(arguments: Builtins.names)
    func everyCaptionAppearsAtItsMoment(_ name: String) throws {
        var state = try makeState(name, width: 160, height: 50)
        #expect(!state.noteEvents.isEmpty || state.timeline.scenario.notes.isEmpty)
        #expect(state.noteEvents.count == state.timeline.scenario.notes.count, "every note points at a real moment")
        for (index, note) in state.noteEvents {
            state.seek(to: index)
            let e = state.event
            #expect(e.epoch == note.at.epoch && e.batch == note.at.sample && e.phase == note.at.phase)
            if let node = note.at.node {
                // The node's own event; a param in forward (on screen from the start): the first one.
                let record = try state.timeline.record(ofStep: e.step)
                let names = NodeNames(record)
                let isParam = (0..<record.parameterCount).contains { names[$0] == node }
                #expect(names[e.node] == node || (isParam && e.phase == .forward && e.indexInStep == 0),
                        "\(name): a note about \(node) shows at \(names[e.node])")
            }
            let caption = state.render().lines.suffix(3).joined(separator: " ")
            let start = String(note.text.prefix(40))
            #expect(caption.contains(start), "\(name): caption at event \(index) should start with \(start)")
        }
    }
}

/// Small terminals get a simpler layout, never a broken one.
struct SmallTerminalTests {
    @Test func shortGraphAreasListTheNodesInARow() throws {
        var state = try makeState(width: 40, height: 12)
        state.press(.right)
        let text = state.screenText
        #expect(text.contains("× y_pred = 1.0"), "\(text)")
        #expect(text.contains("epoch 0/99"), "where it is beats what it is called")
    }
}

/// At 80×24 the header's title gives way by whole words and says so (`Two Gaussian …`, not
/// `Two Gaussian clou`); where it is, the phase and the lr stay whole.
@Test func theHeaderShortensTitlesByWholeWordsAt80x24() throws {
    for name in Builtins.names {
        let state = try makeState(name, width: 80, height: 24)
        let header = state.render().line(0)
        let position = HeaderPanel.positionText(state.event, in: state.run)
        let start = try #require(header.range(of: position), "\(name): \(header)")
        let shown = header[..<start.lowerBound].trimmingCharacters(in: .whitespaces)
        let title = state.timeline.scenario.title
        if shown != title && !shown.isEmpty {
            #expect(shown.hasSuffix(" …"), "\(name): \(header)")
            let kept = String(shown.dropLast(2))
            #expect(title.hasPrefix(kept + " "), "\(name): '\(kept)' is whole words of '\(title)'")
        }
        #expect(header.contains("lr "), "\(name): \(header)")
    }
    #expect(HeaderPanel.titleText("Two Gaussian clouds", width: 17) == "Two Gaussian …")
    #expect(HeaderPanel.titleText("Linear model ŷ = x·w", width: 17) == "Linear model ŷ …", "no dangling =")
    #expect(HeaderPanel.titleText("The 5-6-7-7-6-5 network", width: 12) == "", "a lone article says nothing")
    #expect(HeaderPanel.titleText("XOR", width: 3) == "XOR")
}

/// The header's title keeps its length as the cursor moves (forward, backward, update; epoch 0 and
/// 10): its room is measured against the widest position the run writes.
@Test func theHeaderTitleStaysPutAsTheCursorMoves() throws {
    for name in ["linear", "xor", "circle"] {
        var state = try makeState(name, width: 80, height: 24)
        var titles: Set<String> = []
        func title() -> String {
            let header = state.render().line(0)
            let position = HeaderPanel.positionText(state.event, in: state.run)
            return header.range(of: position).map { String(header[..<$0.lowerBound]) } ?? header
        }
        for _ in 0..<(state.timeline.eventsPerStep + 3) {
            titles.insert(title())
            state.press(.right)
        }
        for _ in 0..<10 { state.press(.character("]")) }
        titles.insert(title())
        #expect(titles.count == 1, "\(name): \(titles)")
    }
}
