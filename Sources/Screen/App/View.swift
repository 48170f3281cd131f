import Scenario
import TextCanvas

/// Draws the whole screen for a state: no terminal, and nothing computed that `update` could
/// compute once per step (it reads `shown`); tests read the canvas as text.
extension AppState {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public func render() -> Canvas {
        let canvas = draw()
        return glyphs.usesBraille ? canvas : canvas.asciiFolded()
    }

    func draw() -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.foldsText = !glyphs.usesBraille
        guard width >= AppState.minimumWidth, height >= AppState.minimumHeight else {
            let lines = ["Enlarge the terminal", "to at least \(AppState.minimumWidth)×\(AppState.minimumHeight)", "(now \(width)×\(height))"]
            for (i, line) in lines.enumerated() {
                canvas.write(line, x: max(0, (width - line.count) / 2), y: max(0, height / 2 - 1) + i, style: i == 0 ? .strong : .normal)
            }
            return canvas
        }
        let (header, body, caption, footer) = screenAreas
        headerPanel.render(into: &canvas, rect: header)
        captionPanel.render(into: &canvas, rect: caption)
        // A long notice borrows the caption's last row for a few seconds rather than be cut.
        let footerPanel = footerPanel
        let borrowed = FooterPanel.rows(for: footerPanel.message, width: footer.width) > 1 && caption.height > 0 ? 1 : 0
        footerPanel.render(into: &canvas, rect: Rect(x: footer.x, y: footer.y - borrowed, width: footer.width, height: footer.height + borrowed))
        if let record = shown.record {
            renderBody(record, into: &canvas, rect: body)
        } else {
            canvas.write(shown.recordFailure ?? "training stopped", x: 1, y: body.y + 1, style: .bad, clip: body)
        }
        if case .lecturer(_, _, let answers?) = lectureRole, let q = question {
            let panel = ClassAnswersPanel(answers: answers, correct: q.answer, glyphs: glyphs)
            panel.render(into: &canvas, rect: classAnswersRect(body: body, panel: panel))
        }
        if showHelp { helpOverlay.render(into: &canvas, rect: body) }
        return canvas
    }

    /// Where the class's answers go while a question is open: in the loss plot's place (the epoch's
    /// loss says nothing about the question; it is back with the answer), so the graph, the
    /// inspector and its params table stay whole; on narrow screens, which have no plot, over the
    /// lower right of the body.
    func classAnswersRect(body: Rect, panel: ClassAnswersPanel) -> Rect {
        if let plot = bodyAreas(body).plot, plot.width >= ClassAnswersPanel.minimumWidth, plot.height >= 3 {
            return plot
        }
        let w = min(body.width, 56), h = min(body.height, panel.height(width: w))
        return Rect(x: body.maxX - w, y: body.maxY - h, width: w, height: h)
    }

    func renderBody(_ record: StepRecord, into canvas: inout Canvas, rect: Rect) {
        let areas = bodyAreas(rect)
        if let pane = sidePane, let right = areas.side {
            switch pane {
            case .code:
                if let listing = codeListing {
                    var panel = CodePanel(listing: listing, run: run, event: event)
                    panel.forked = forkedCodeLines
                    panel.render(into: &canvas, rect: right, glyphs: glyphs)
                }
            case .transcript:
                shown.transcript?.render(into: &canvas, rect: right, glyphs: glyphs)
            }
        }
        let view = screenViews[viewIndex]
        if let moment = viewMoment() {
            switch view.placement {
            case .graph: break
            case .graphBox: if !areas.graph.isEmpty { view.render(moment, into: &canvas, area: areas.graph) }
            case .besideGraph: if let pane = areas.pane { view.render(moment, into: &canvas, area: pane) }
            }
        }
        if view.placement.showsGraph && !areas.graph.isEmpty { renderGraph(record, into: &canvas, rect: areas.graph) }
        inspectorPanel(record).render(into: &canvas, rect: areas.inspector)
        if let rect = areas.watch {
            WatchPanel(watch: run.scenario.watch, results: shown.watch).render(into: &canvas, rect: rect, glyphs: glyphs)
        }
        if let rect = areas.plot { renderPlot(into: &canvas, rect: rect) }
        if let rect = areas.plotNote { renderPlotNote(into: &canvas, rect: rect) }
    }

    /// The op graph in its box: boxes in a layered layout, or where the box is too short for
    /// boxes, the nodes in a row (a small terminal's layout).
    func renderGraph(_ record: StepRecord, into canvas: inout Canvas, rect graphArea: Rect) {
        let e = event
        let layout = graphArea.height < 9 ? nil : graphLayout(for: graphArea.inset(by: 1))
        let key = graphArea.height < 9 ? nil : layoutKey(graphArea.inset(by: 1))
        // Made by `update` (prepareGraphPicture); made here only for a state changed without it.
        let picture: GraphPicture
        if let made = shown.graph, made.cursor == cursor, made.layout == key {
            picture = made.picture
        } else {
            var unkept = BoxLinesCache()
            picture = graphPicture(record, layout: layout, kept: &unkept)
        }
        if let layout {
            let inner = graphArea.inset(by: 1)
            let panel = GraphPanel(picture: picture, layout: layout, focus: e.node, scroll: camera.scroll)
            canvas.drawBox(graphArea, glyphs: glyphs, title: graphTitle(clipped: panel.viewport(in: inner).isClipped, showsValues: layout.showsValues))
            panel.render(into: &canvas, rect: inner, glyphs: glyphs)
        } else {
            canvas.drawBox(graphArea, glyphs: glyphs, title: "graph")
            CompactGraph(picture: picture, focus: e.node).render(into: &canvas, rect: graphArea.inset(by: 1), glyphs: glyphs)
        }
    }

    /// The graph's picture at the cursor, each box's lines as wide as its box in `layout` (a wider
    /// box shows more entries of a tensor).
    func graphPicture(_ record: StepRecord, layout: GraphLayout?, kept: inout BoxLinesCache) -> GraphPicture {
        GraphPictureBuilder.picture(record: record, event: event, template: run.template, names: shown.names,
                                    lineWidth: { id in layout?.lineWidth(of: id) ?? 22 },
                                    lineRows: { id in layout?.lineRows(of: id) ?? 0 }, kept: &kept)
    }

    /// Makes the graph's picture for the frame (in `update`: drawing only reads it), taking the
    /// lines of boxes that did not change since the last event of the step.
    mutating func prepareGraphPicture() {
        guard let record = shown.record, screenViews[viewIndex].placement.showsGraph,
              let graph = visibleBodyAreas?.graph, !graph.isEmpty else {
            shown.graph = nil
            return
        }
        let inner = graph.inset(by: 1)
        let layout = graph.height < 9 ? nil : graphLayout(for: inner)
        var kept = shown.boxLines
        shown.boxLines = BoxLinesCache()  // one owner of the cache while it grows: no copy
        let picture = graphPicture(record, layout: layout, kept: &kept)
        shown.boxLines = kept
        shown.graph = (cursor, graph.height < 9 ? nil : layoutKey(inner), picture)
    }

    /// The weight the neuron view marks: the one the inspector discusses, or one chosen before its gradient came.
    func markedWeight(ruleShown: Bool) -> (layer: Int, weight: WeightChoice)? {
        guard let discussed = discussedWeight, ruleShown || weightChoices[discussed.layer] != nil else { return nil }
        return discussed
    }

    /// The graph box's title says what `f` would do: show the whole graph, or bring the numbers back.
    func graphTitle(clipped: Bool, showsValues: Bool) -> String {
        switch camera.zoom {
        case .readable: return clipped ? "graph ⸱ f: whole graph" : "graph"
        case .overview where showsValues:
            // The numbers show already, in rows taken from the panels below: `f` gives them back.
            return clipped ? "graph, zoomed out ⸱ f: taller inspector" : "whole graph ⸱ f: taller inspector"
        case .overview: return clipped ? "graph, zoomed out ⸱ f: numbers" : "whole graph ⸱ f: numbers"
        }
    }

    /// The neuron view's chain rule for the weight discussed (none in other views).
    func neuronWeightRule(_ record: StepRecord, terse: Bool = false) -> [(String, Style)] {
        guard view == .neurons, let net = neuronNet else { return [] }
        return WeightChainRule.lines(net: net, record: record, event: event, template: run.template, names: shown.names,
                                     choice: discussedWeight.flatMap { weightChoices[$0.layer] }, sample: neuronSample, terse: terse)
    }

    /// The inspector for the cursor's event: drawn by `view`, measured by `update` to scroll its grids.
    func inspectorPanel(_ record: StepRecord) -> InspectorPanel {
        let e = event
        var inspector = InspectorPanel(record: record, event: e, names: shown.names, lr: run.lr(atStep: e.step),
                                       optimizer: run.variant(atStep: e.step).train.optimizer, template: run.template)
        inspector.zeroesGrad = run.zeroesGrad
        let scenario = run.scenario
        inspector.thisStep = scenario.batchSize <= 1 ? "this sample" : scenario.batchSize >= scenario.sampleCount ? "this step" : "this batch"
        inspector.dtypeName = run.scenario.train.dtype.rawValue
        inspector.weightRule = shown.weightRule
        inspector.weightRuleTerse = shown.weightRuleTerse
        // The neuron view's weight W[j,i] and the product's entry z[j, sample] it multiplies.
        if let (k, w) = discussedWeight, let net = neuronNet {
            let layer = net.layers[k], inputs = net.layers[k - 1].units
            if let weight = layer.weight { inspector.discussed[weight] = w.to * inputs + w.from }
            if let product = layer.matmul {
                let cols = record.nodes[product].shape.cols
                inspector.discussed[product] = w.to * cols + min(neuronSample, max(0, cols - 1))
            }
        }
        inspector.check = activeCheck
        inspector.gridScroll = gridScroll
        inspector.glyphs = glyphs
        return inspector
    }

    /// Where the plot does not fit: the epoch's mean loss in words, and why there is no plot.
    func renderPlotNote(into canvas: inout Canvas, rect: Rect) {
        let shown = shownEpochLosses
        let loss = shown.last.map { "mean loss of epoch \(shown.count - 1): \(NumberFormat.compact($0, maxWidth: 8, significantDigits: 3)) ⸱ " } ?? ""
        canvas.write(" \(loss)the loss plot needs \(AppState.plotMinimumWidth) columns", x: rect.x, y: rect.y, style: .dim, clip: rect)
    }

    /// Epochs already finished: the current one joins the plot once its last event is shown.
    var shownEpochLosses: [Double] {
        let e = event
        let finished = e.epoch + (e.batch == run.stepsPerEpoch - 1 && e.indexInStep == run.eventsPerStep - 1 ? 1 : 0)
        let losses = progress.epochLosses
        return Array(losses.prefix(min(losses.count, finished)))
    }

    /// The earlier run's curve (before the last fork of lr) as far as this run's is shown.
    var earlierEpochLosses: [Double] {
        guard let earlier = earlierRun?.progress.epochLosses else { return [] }
        return Array(earlier.prefix(shownEpochLosses.count))
    }

    func renderPlot(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let e = event
        let losses = shownEpochLosses
        // Classification: the last finished epoch's accuracy beside the loss (counted before each update).
        let accuracies = progress.epochAccuracies
        let percent = !losses.isEmpty && losses.count <= accuracies.count ? Self.percent(accuracies[losses.count - 1]) : nil
        // A narrow plot (80 columns) shortens the title rather than cut the accuracy off, and keeps
        // 'mean' (the curve is the epoch's mean, the transcript's `progress:` the last sample's).
        let titles = (percent.map { ["mean loss per epoch ⸱ accuracy \($0)", "mean loss ⸱ accuracy \($0)", "mean loss ⸱ acc. \($0)"] }
                      ?? ["mean loss per epoch"]) + ["mean loss"]
        canvas.drawBox(rect, glyphs: glyphs, title: titles.first { displayWidth(of: $0) + 4 <= rect.width } ?? titles[titles.count - 1])
        let plot = LossPlot(values: losses, totalEpochs: run.epochs, currentEpoch: e.epoch,
                            scale: logScale.map { $0 ? .log : .linear } ?? .auto, glyphs: glyphs,
                            earlier: earlierEpochLosses, earlierLabel: earlierRun.map { $0.label(against: run) },
                            test: Array(progress.epochTestLosses.prefix(losses.count)))
        plot.render(into: &canvas, rect: rect.inset(by: 1))
    }

    /// `97.5%`: a fraction as a teacher reads accuracy.
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        let tenths = (fraction * 1000).rounded() / 10
        return (Int(exactly: tenths).map(String.init) ?? NumberFormat.short(tenths)) + "%"
    }

    /// Whether param p has been updated at the cursor.
    func isUpdated(_ p: Int) -> Bool {
        guard let record = shown.record else { return false }
        return run.state(at: event, record: record).isUpdated(p)
    }
}
