import Autograd
import Scenario
import TextCanvas

/// Turns one step's record and the cursor into the boxes and arrows the graph panel draws:
/// values appear as forward reaches them, gradients as backward does, updates last. A box shows
/// as many entries of a tensor as `lineWidth` (its text columns, per node id) holds, over as many
/// rows as `lineRows` (its rows under the title, per node id) gives it.
public enum GraphPictureBuilder {
    public static func picture(record: StepRecord, event: TimelineEvent, template: [(phase: NoteMoment.Phase, node: Int)],
                               names: NodeNames, lineWidth: (Int) -> Int = { _ in 22 },
                               lineRows: (Int) -> Int = { _ in 0 }) -> GraphPicture {
        var unkept = BoxLinesCache()
        return picture(record: record, event: event, template: template, names: names, lineWidth: lineWidth, lineRows: lineRows, kept: &unkept)
    }

    /// The same, taking the lines of boxes whose tensors and room are as they were from `kept`
    /// (and keeping the new ones there). Without `writesValues` each line is its label alone (one
    /// line per tensor, as in a box of one row): what a layout's template needs, without writing
    /// every tensor's entries.
    static func picture(record: StepRecord, event: TimelineEvent, template: [(phase: NoteMoment.Phase, node: Int)],
                        names: NodeNames, lineWidth: (Int) -> Int, lineRows: (Int) -> Int, kept: inout BoxLinesCache,
                        writesValues: Bool = true) -> GraphPicture {
        let state = EventState(record: record, moments: StepMoments(template: template, nodeCount: record.nodes.count),
                               now: event.indexInStep)
        var boxes: [GraphBox] = []
        var arrows: [GraphArrow] = []
        // Number constants are no boxes: they are written into their op's title (`÷ 2`).
        for (id, node) in record.nodes.enumerated() where id <= record.lossNode && node.op != .constant {
            let isParam = id < record.parameterCount
            let computed = state.isComputed(id)
            let gradArrived = state.hasGrad(id)
            let active = event.node == id
            // Each line a label and a tensor (or fixed text), laid out in rows below.
            var parts: [(label: String, values: [Double]?)] = []
            if isParam {
                parts.append(("= ", state.paramValue(id)))
                if let grad = state.grad(id).values {
                    parts.append(("grad ", grad))
                } else {
                    parts.append(("grad None", nil))
                }
            } else if let value = state.value(id) {
                parts.append(("= ", value))
                if let grad = state.arrivedGrad(id) { parts.append(("∂ ", grad)) }
            } else {
                parts.append((node.shape.count == 1 ? "= ?" : "\(node.shape.rows)×\(node.shape.cols)", nil))
            }
            let lines = !writesValues ? parts.map(\.label)
                : kept.lines(id: id, parts, shape: node.shape, width: lineWidth(id), rows: lineRows(id), gradFirst: gradArrived)
            let style: Style
            if active {
                style = .active
            } else if !computed {
                style = .dim
            } else if gradArrived {
                style = .gradient
            } else if state.isUpdated(id) {
                style = .update
            } else {
                style = .normal
            }
            let kind: GraphBox.Kind = isParam ? .param : node.op.isLeaf ? .input : id == record.lossNode ? .loss : .op
            let opLabel = names.opLabel(id)
            let title = node.op.isLeaf ? names[id] : "\(opLabel == node.op.symbol ? opLabel : "(\(opLabel))") \(names[id])"
            // The op as the lecture writes it (σ, CE): the name, not the op, is what must show in a small box.
            let shortTitle = node.op.shortSymbol.map { "\($0) \(names[id])" } ?? title
            var box = GraphBox(id: id, title: title, shortTitle: shortTitle, name: names[id], lines: lines, style: style, kind: kind)
            box.entryCount = node.shape.count > 1 ? node.shape.count : 0
            // A one-row node has one line: in backward its gradient, a param's `.grad` written as the ops' `∂`.
            if writesValues, event.phase == .backward, let grad = state.arrivedGrad(id) {
                box.flatLine = "∂ " + TensorText.value(grad, node.shape, width: max(1, lineWidth(id) - 2))
            }
            boxes.append(box)
            for input in node.inputs where record.nodes[input].op != .constant {
                let edgeStyle: Style
                if active && event.phase == .forward {
                    edgeStyle = .active
                } else if event.node == id && event.phase == .backward {
                    // Backward lights only the edges a gradient flows along: none goes to data.
                    edgeStyle = record.nodes[input].requiresGrad ? .active : .edge
                } else if event.node == input && event.phase == .backward && input < record.parameterCount {
                    // A param's grad is complete (AccumulateGrad): every edge its parts came back along lights, one per use.
                    edgeStyle = .active
                } else if gradArrived && record.nodes[input].requiresGrad {
                    edgeStyle = .gradient
                } else {
                    edgeStyle = computed ? .edge : .dim
                }
                arrows.append(GraphArrow(from: input, to: id, style: edgeStyle))
            }
        }
        return GraphPicture(nodes: boxes, edges: arrows)
    }

    /// The box's lines: each tensor after its label (`= [0.1 …]`), in `rows` rows when there are
    /// more than lines, a tensor running on in the rows below (the label's columns too: boxes are
    /// narrow). Spare rows go one by one to the line they show most more entries of; on a tie to
    /// the gradient once it arrived (backward is about it), else the value.
    static func boxLines(_ parts: [(label: String, values: [Double]?)], shape: Shape, width: Int, rows: Int,
                         gradFirst: Bool) -> [String] {
        var formatted = parts.map { TensorText.Formatted($0.values ?? []) }
        func laid(_ i: Int, rows: Int) -> (rows: [String], count: Int) {
            let part = parts[i]
            guard part.values != nil else { return ([part.label], 0) }
            let (shown, count) = TensorText.countedRows(&formatted[i], shape, firstWidth: width - part.label.count, width: width,
                                                        rows: max(1, rows))
            return (shown.enumerated().map { ($0.offset == 0 ? part.label : "") + $0.element }, count)
        }
        var given = parts.map { _ in 1 }
        var result = parts.indices.map { laid($0, rows: 1) }
        let order = gradFirst ? Array(parts.indices.reversed()) : Array(parts.indices)
        for _ in 0..<max(0, rows - parts.count) {
            let tries = order.map { i in (i, laid(i, rows: given[i] + 1)) }
            guard let best = tries.max(by: { $0.1.count - result[$0.0].count < $1.1.count - result[$1.0].count }),
                  best.1.count > result[best.0].count else { break }
            given[best.0] += 1
            result[best.0] = best.1
        }
        return result.flatMap(\.rows)
    }
}

/// Box lines already laid out, by node, labels and room: moving through a step's events changes
/// a few boxes, and writing every tensor's entries again was most of a frame (deep193 at 200×60).
/// An entry is taken only when its tensors are equal to the ones it was made from.
struct BoxLinesCache {
    private struct Key: Hashable {
        var id: Int
        var labels: [String]
        var shape: Shape
        var width: Int
        var rows: Int
        var gradFirst: Bool
    }

    private var kept: [Key: (values: [[Double]?], lines: [String])] = [:]

    mutating func lines(id: Int, _ parts: [(label: String, values: [Double]?)], shape: Shape, width: Int, rows: Int,
                        gradFirst: Bool) -> [String] {
        let key = Key(id: id, labels: parts.map(\.label), shape: shape, width: width, rows: rows, gradFirst: gradFirst)
        let values = parts.map(\.values)
        if let entry = kept[key], entry.values == values { return entry.lines }
        let lines = GraphPictureBuilder.boxLines(parts, shape: shape, width: width, rows: rows, gradFirst: gradFirst)
        kept[key] = (values, lines)
        return lines
    }
}
