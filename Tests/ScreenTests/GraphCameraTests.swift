import Scenario
import Testing
import TextCanvas
@testable import Screen

/// The graph fits its panel when it can, and otherwise pans, follows the active node and answers clicks.
@Suite struct GraphCameraTests {
    /// The active node's box lies whole inside the graph's view at this state.
    private func focusShows(_ state: TestScreen) -> Bool {
        guard let (panel, rect) = state.graphGeometry, let box = panel.layout.placement(of: state.event.node)?.rect else { return false }
        let view = panel.viewport(in: rect)
        let onScreen = Rect(x: box.x + view.originX, y: box.y + view.originY, width: box.width, height: box.height)
        return onScreen.intersection(view.area) == onScreen
    }

    @Test func theGraphFitsWhenItCanWithBoxesAsWideAsTheTerminalAllows() throws {
        // activation fits at 160×45 and at 200×60; the larger screen gets the wider boxes.
        let medium = try makeState("activation", width: 160, height: 45)
        let large = try makeState("activation", width: 200, height: 60)
        let (mediumPanel, mediumRect) = try #require(medium.graphGeometry)
        let (largePanel, largeRect) = try #require(large.graphGeometry)
        #expect(!mediumPanel.viewport(in: mediumRect).isClipped)
        #expect(!largePanel.viewport(in: largeRect).isClipped)
        #expect(largePanel.layout.maxBoxWidth > mediumPanel.layout.maxBoxWidth)
        #expect(!large.screenText.contains("more ▶"))
        // Too big to fit even folded (xor at 120×40): boxes still take their width from the terminal.
        let xorMedium = try makeState("xor", width: 120, height: 40), xorLarge = try makeState("xor", width: 200, height: 60)
        #expect(try #require(xorMedium.graphGeometry).panel.layout.maxBoxWidth < GraphLayout.defaultMaxBoxWidth)
        // xor at 200×60 folds into bands and shows whole with its numbers.
        let (xorPanel, xorRect) = try #require(xorLarge.graphGeometry)
        #expect(xorPanel.layout.bandTops.count > 1 && !xorPanel.viewport(in: xorRect).isClipped)
    }

    @Test func followKeepsTheActiveNodeInViewOnTheNetworkScenarios() throws {
        for name in ["xor", "deep193", "collapse", "activation"] {
            for (width, height) in [(160, 45), (200, 60), (120, 40)] {
                var state = try makeState(name, width: width, height: height)
                for _ in 0..<state.timeline.eventsPerStep {
                    #expect(focusShows(state), "\(name) at \(width)×\(height), event \(state.cursor)")
                    state.press(.right)
                }
            }
        }
    }

    @Test func theViewMovesOnlyWhenTheActiveNodeWouldLeaveIt() throws {
        for (name, width, height) in [("collapse", 120, 40), ("xor", 120, 40), ("spiral", 160, 45), ("deep193", 120, 40), ("circle", 160, 45)] {
            var state = try makeState(name, width: width, height: height)
            let (first, rect) = try #require(state.graphGeometry)
            #expect(first.viewport(in: rect).isClipped, "\(name) at \(width)×\(height) does not fit: the test is about scrolling")
            // Two steps event by event, then back, then the sample and epoch keys.
            let events = state.timeline.eventsPerStep
            let keys = Array(repeating: Key.right, count: 2 * events) + Array(repeating: Key.left, count: events / 2)
                + [.character("n"), .character("p"), .character("]"), .character("["), .character("g")]
            for key in keys {
                let (panel, _) = try #require(state.graphGeometry)
                let before = panel.viewport(in: rect)
                state.press(key)
                let box = try #require(panel.layout.placement(of: state.event.node)).rect
                let wouldShow = Rect(x: box.x + before.originX, y: box.y + before.originY, width: box.width, height: box.height)
                    .intersection(before.area) == Rect(x: box.x + before.originX, y: box.y + before.originY, width: box.width, height: box.height)
                let (after, _) = try #require(state.graphGeometry)
                let moved = (after.viewport(in: rect).originX, after.viewport(in: rect).originY) != (before.originX, before.originY)
                #expect(moved == !wouldShow, "\(name) at \(width)×\(height), \(key) to event \(state.cursor): moved \(moved)")
                #expect(focusShows(state))
            }
        }
    }

    @Test func collapseNoLongerJumpsOnAlmostEveryStep() throws {
        var state = try makeState("collapse", width: 120, height: 40)
        let (panel, rect) = try #require(state.graphGeometry)
        #expect(panel.viewport(in: rect).isClipped, "collapse does not fit at 120×40: the test is about scrolling")
        var moves = 0, oldMoves = 0
        var scroll = state.camera.scroll
        var oldOrigin: (Int, Int)?
        for _ in 0..<state.timeline.eventsPerStep {
            state.press(.right)
            if state.camera.scroll != scroll { moves += 1 }
            scroll = state.camera.scroll
            // The old rule centred every focus: the view moved whenever the focus did.
            let old = GraphPanel(picture: GraphPicture(), layout: panel.layout, focus: state.event.node).viewport(in: rect)
            if let o = oldOrigin, o != (old.originX, old.originY) { oldMoves += 1 }
            oldOrigin = (old.originX, old.originY)
        }
        #expect(moves <= 8, "the view moved \(moves) times in one step of \(state.timeline.eventsPerStep) events")
        #expect(moves * 3 < oldMoves, "following moves the view far less often than centring (\(moves) vs \(oldMoves))")
    }

    @Test func shiftArrowsPanAndStopFollowingUntilF() throws {
        var state = try makeState("deep193", width: 120, height: 40)
        let start = state.camera.scroll
        let effect = state.update(.key(.shiftRight))
        #expect(effect == .idle)
        #expect(state.camera.scroll.x == start.x + 10)
        #expect(!state.camera.follow)
        let panned = state.camera.scroll
        for _ in 0..<12 { state.press(.right) }
        #expect(state.camera.scroll == panned, "a panned view stays where it was taken")
        state.press(.shiftLeft, .shiftLeft)
        #expect(state.camera.scroll.x == max(0, panned.x - 20))
        let fit = state.update(.key(.character("f")))
        #expect(fit == .idle)
        #expect(state.camera.follow)
        #expect(focusShows(state))
    }

    @Test func fShowsTheWholeNetworkGraphAndBack() throws {
        // Too big for the graph's rows with numbers in their boxes; f takes rows from the inspector
        // and the plot: at 120×40 (160×45, and 100×30 for some) every node shows whole with its numbers,
        // in boxes or one-row nodes; where that does not fit, one-row nodes by name alone.
        let withNumbers = [("xor", 120, 40), ("deep193", 120, 40), ("collapse", 120, 40), ("circle", 160, 45), ("spiral", 160, 45),
                           ("xor", 100, 30), ("deep193", 100, 30)]
        let compact = [("spiral", 100, 30), ("deep193", 80, 24), ("xor", 80, 24)]
        for (name, width, height) in withNumbers + compact {
            let numbers = withNumbers.contains { $0 == (name, width, height) }
            var state = try makeState(name, width: width, height: height)
            for _ in 0..<20 { state.press(.right) }
            let (readable, readableRect) = try #require(state.graphGeometry)
            #expect(readable.viewport(in: readableRect).isClipped, "\(name) at \(width)×\(height): the test is about a graph too big")
            #expect(state.screenText.contains("graph · f: whole graph"), "the box's title says what f does")
            let effect = state.update(.key(.character("f")))
            #expect(effect == .idle)
            #expect(state.camera.zoom == .overview)
            let (overview, rect) = try #require(state.graphGeometry)
            #expect(overview.layout.showsValues == numbers, "\(name) at \(width)×\(height)")
            #expect(!overview.viewport(in: rect).isClipped, "\(name) fits whole at \(width)×\(height)")
            #expect(focusShows(state))
            let text = state.screenText
            #expect(text.contains(numbers ? "whole graph · f: taller inspector" : "whole graph · f: numbers"), "\(text)")
            #expect(!text.contains("more ▶") && !text.contains("◀ more"))
            state.press(.character("f"))
            #expect(state.camera.zoom == .readable)
            #expect(try #require(state.graphGeometry).panel.layout == readable.layout)
        }
    }

    @Test func theCompactBoxesShowEveryNodeByItsName() throws {
        // deep193 at 100×30, zoomed out: one-row nodes with their numbers, every node's name whole, σ as in the lecture.
        var state = try makeState("deep193", width: 100, height: 30)
        state.press(.character("f"))
        #expect(try #require(state.graphGeometry).panel.layout.flat)
        let text = state.screenText
        for title in ["x", "W1", "MM z1", "σ h1", "MM z5", "σ y_pred", "- z6", "^2 z7", "mean loss", "y"] {
            #expect(text.contains("[\(title) = ") || text.contains("[\(title) "), "\(title)")
        }
        #expect(text.contains("[W1 = [0.912 …]"), "\(text)")
        let graphRows = text.split(separator: "\n").dropFirst().prefix { !$0.contains("inspector") }
        #expect(!graphRows.contains { $0.contains("…]") == false && $0.contains("…") }, "no title is cut")
        // Where even compact boxes do not fit (80×24), one-row nodes do, whole titles and all.
        var small = try makeState("xor", width: 80, height: 24)
        small.press(.character("f"))
        let (smallPanel, smallRect) = try #require(small.graphGeometry)
        #expect(smallPanel.layout.flat && !smallPanel.viewport(in: smallRect).isClipped)
        for _ in 0..<small.timeline.eventsPerStep {
            small.press(.right)
            let rows = small.screenText.split(separator: "\n").dropFirst().prefix { !$0.contains("inspector") }
            #expect(!rows.contains { $0.contains("…") }, "no title is cut at event \(small.cursor)")
            #expect(focusShows(small))
        }
        // xor at 120×40 zoomed out: one-row nodes with their numbers, every title whole.
        var xor = try makeState("xor", width: 120, height: 40)
        xor.press(.character("f"))
        let (xorPanel, xorRect) = try #require(xor.graphGeometry)
        #expect(!xorPanel.viewport(in: xorRect).isClipped && xorPanel.layout.showsValues)
        let xorText = xor.screenText
        for title in ["mean loss", "σ y_pred", "log z5", "log z9", "(1 -) z7", "neg z12", "× z10", "+ z11", "σ h", "MM z1", "W1", "b2"] {
            #expect(xorText.contains("[\(title) "), "\(title): \(xorText)")
        }
        // Once forward has computed them, the nodes write their numbers (before, their shapes: one clock).
        while xor.event.phase == .forward { xor.press(.right) }
        #expect(xor.screenText.contains("[MM z1 = [0.000 …]") && xor.screenText.contains("[b2 = -0.8123"), "\(xor.screenText)")
        let xorGraph = xorText.split(separator: "\n").dropFirst().prefix { !$0.contains("inspector") }
        #expect(!xorGraph.contains { $0.contains("…") }, "no title is cut: \(xorText)")
    }

    @Test func fOnAGraphThatFitsOnlyFollowsAgain() throws {
        var state = try makeState("linear", width: 120, height: 40)
        state.press(.shiftRight)
        state.press(.character("f"))
        #expect(state.camera.zoom == .readable)
        #expect(state.camera.follow)
    }

    @Test func aClickOnANodeInspectsIt() throws {
        var state = try makeState("deep193", width: 200, height: 60)
        for _ in 0..<20 { state.press(.right) }   // into backward
        let (panel, rect) = try #require(state.graphGeometry)
        let view = panel.viewport(in: rect)
        // A visible box that is not the active one.
        let target = try #require(panel.layout.boxes.first { box in
            let r = Rect(x: box.rect.x + view.originX, y: box.rect.y + view.originY, width: box.rect.width, height: box.rect.height)
            return box.id != state.event.node && r.intersection(view.area) == r && state.timeline.template.contains { $0.node == box.id }
        })
        let phase = state.event.phase
        let cell = (x: target.rect.x + view.originX + 2, y: target.rect.y + view.originY + 1)
        let effect = state.update(.mouse(MouseEvent(.left, x: cell.x, y: cell.y)))
        #expect(effect == .idle)
        #expect(state.event.node == target.id)
        #expect(state.event.phase == phase || !state.timeline.template.contains { $0.node == target.id && $0.phase == phase })
        #expect(state.screenText.contains("inspector"))
        // A click outside any box changes nothing.
        let before = state.cursor
        _ = state.update(.mouse(MouseEvent(.left, x: 0, y: 0)))
        #expect(state.cursor == before)
    }

    @Test func theWheelPansSidewaysWhenOnlyTheWidthOverflows() throws {
        // deep193 with its numbers at 90×40 is too wide and not too tall (zoomed out, every shipped graph now fits).
        var state = try makeState("deep193", width: 90, height: 40)
        let (panel, rect) = try #require(state.graphGeometry)
        let view = panel.viewport(in: rect)
        #expect(!view.clippedTop && !view.clippedBottom)
        let x = state.camera.scroll.x
        let effect = state.update(.mouse(MouseEvent(.wheelDown, x: rect.x + 5, y: rect.y + 5)))
        #expect(effect == .idle)
        #expect(state.camera.scroll.x == x + 6)
        #expect(!state.camera.follow)
        state.press(.character("f"), .character("f"))
        _ = state.update(.mouse(MouseEvent(.wheelUp, x: rect.x + 5, y: rect.y + 5)))
        #expect(state.camera.scroll.x == max(0, x - 6))
    }

    @Test func everyPanKeyIsInTheOneKeyMap() {
        let keys = KeyMap.bindings.flatMap(\.keys)
        for key in [Key.character("f"), .shiftLeft, .shiftRight, .shiftUp, .shiftDown] {
            #expect(keys.filter { $0 == key }.count == 1, "\(key)")
        }
        #expect(KeyMap.command(for: .shiftDown) == .panDown)
        // PgUp and PgDn are the lecture's (a presenter's clicker): panning stays on ⇧ arrows and the wheel.
        #expect(KeyMap.command(for: .pageDown) == .nextIdea)
    }

    /// Panned, fitted and clicked at small sizes, the screen is still whole: the size it was given,
    /// the footer's last words in place, and the active node in view wherever a graph is drawn.
    @Test func smallTerminalsStayWholeWhenPanned() throws {
        for (w, h) in [(0, 0), (30, 10), (40, 12), (60, 20), (80, 24)] {
            var state = try makeState("deep193", width: w, height: h)
            state.press(.shiftRight, .pageDown, .character("f"), .shiftDown)
            _ = state.update(.mouse(MouseEvent(.left, x: 3, y: 3)))
            state.press(.character("f"), .right, .right)
            let canvas = state.render()
            #expect(canvas.width == w && canvas.height == h, "\(w)×\(h)")
            if w < AppState.minimumWidth || h < AppState.minimumHeight {
                #expect(w == 0 || h == 0 || canvas.text.contains("Enlarge"), "\(w)×\(h): \(canvas.text)")
                continue
            }
            #expect(canvas.text.hasSuffix("q quit") || canvas.lines.last?.contains("q quit") == true, "\(w)×\(h)\n\(canvas.text)")
            #expect(state.camera.follow, "f after panning follows again (\(w)×\(h))")
            if let (panel, rect) = state.graphGeometry, let box = panel.layout.placement(of: state.event.node)?.rect {
                let view = panel.viewport(in: rect)
                let onScreen = Rect(x: box.x + view.originX, y: box.y + view.originY, width: box.width, height: box.height)
                #expect(onScreen.intersection(view.area) == onScreen, "\(w)×\(h): the active node \(onScreen) is out of view \(view.area)")
            }
        }
    }
}

/// Beside the decision boundary (and the landscape, the sample) the graph is narrower: it still follows.
@Test func theGraphBesideTheBoundaryFollowsTheActiveNode() throws {
    for (width, height) in [(120, 40), (160, 45)] {
        var state = try makeState("circle", width: width, height: height)
        while state.view != .boundary { state.press(.character("v")) }
        let (panel, rect) = try #require(state.graphGeometry)
        #expect(panel.viewport(in: rect).isClipped, "the test is about a graph that does not fit")
        for _ in 0..<state.timeline.eventsPerStep {
            state.press(.right)
            let (panel, rect) = try #require(state.graphGeometry)
            let box = try #require(panel.layout.placement(of: state.event.node)).rect
            let view = panel.viewport(in: rect)
            let onScreen = Rect(x: box.x + view.originX, y: box.y + view.originY, width: box.width, height: box.height)
            #expect(onScreen.intersection(view.area) == onScreen, "\(width)×\(height) event \(state.cursor)")
        }
    }
}

/// A long title gives way to its short form before it is cut: digits' loss is `CE loss`, not `cross_entropy …`.
/// A box too narrow for a node's title shows a shorter form of whole words, never a cut one.
@Test func aNarrowBoxShowsAWholeFormOfItsTitle() {
    let sigmoid = GraphBox(id: 0, title: "sigmoid y_pred", shortTitle: "σ y_pred", name: "y_pred")
    #expect(sigmoid.title(fitting: 14, compact: false) == "sigmoid y_pred")
    #expect(sigmoid.title(fitting: 14, compact: true) == "σ y_pred")
    #expect(sigmoid.title(fitting: 6, compact: true) == "y_pred")
    #expect(sigmoid.title(fitting: 5, compact: true) == "σ", "the op alone")
    let log = GraphBox(id: 1, title: "log z5", name: "z5")
    #expect(log.title(fitting: 5, compact: true) == "log", "the op says more than a number")
    #expect(log.title(fitting: 2, compact: true) == "z5")
    let loss = GraphBox(id: 2, title: "mean loss", name: "loss")
    #expect(loss.title(fitting: 5, compact: true) == "loss")
    let folded = GraphBox(id: 3, title: "(1 -) z7", name: "z7")
    #expect(folded.title(fitting: 5, compact: true) == "(1 -)")
    // The box is as wide as the title it shows: `σ` takes three columns, not the cap's.
    #expect(GraphLayout.boxSize(of: sigmoid, maxBoxWidth: 7, compact: true).width == 3)
    #expect(GraphLayout.boxSize(of: sigmoid, maxBoxWidth: 8, compact: true).width == 8)
}

@Test func aLongTitleShowsItsShortFormInsteadOfBeingCut() throws {
    var state = try makeState("digits", width: 160, height: 45)
    while !(state.event.phase == .backward) { state.press(.right) }
    let text = state.screenText
    #expect(text.contains("│ CE loss "), "\(text)")
    #expect(!text.contains("cross_entropy …"))
}

/// Where follow mode lands, the view's left edge is a column of boxes: no half box at the left.
@Test func followLandsOnAColumnStart() throws {
    for name in ["xor", "deep193", "collapse"] {
        var state = try makeState(name, width: 120, height: 40)
        for _ in 0..<state.timeline.eventsPerStep {
            state.press(.right)
            let (panel, rect) = try #require(state.graphGeometry)
            let view = panel.viewport(in: rect)
            #expect(panel.layout.columnStarts.contains(view.area.x - view.originX), "\(name) event \(state.cursor)")
        }
    }
}

/// Zoomed out where room allows, a one-row node writes an entry in e-notation (`= [-2.3e-01 …]`)
/// rather than its shape (`= 7×8`, which read as "z2 equals 7×8"), and never at the cost of a title's op.
@Test func oneRowNodesMakeRoomForAnEntryInENotation() throws {
    var state = try makeState("deep193", width: 120, height: 40)
    state.press(.character("f"))
    state.seek(to: 10)
    #expect(state.screenText.contains("[MM z2 = [-2.3e-01 …]]"), "\(state.screenText)")
    var narrow = try makeState("deep193", width: 100, height: 30)
    narrow.press(.character("f"))
    narrow.seek(to: 10)
    #expect(narrow.screenText.contains("[σ y_pred") && narrow.screenText.contains("[mean loss"), "\(narrow.screenText)")
}
