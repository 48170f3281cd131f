import Autograd
import Scenario
import TextCanvas

/// Turns one step's record and the cursor into the boxes and arrows the graph panel draws:
/// values appear as forward reaches them, gradients as backward does, updates last. A box shows
/// as many entries of a tensor as `lineWidth` (its text columns, per node id) holds.
public enum GraphPictureBuilder {
    public static func picture(record: StepRecord, event: TimelineEvent, template: [(phase: NoteMoment.Phase, node: Int)],
                               names: NodeNames, lineWidth: (Int) -> Int = { _ in 22 }) -> GraphPicture {
        let moments = StepMoments(template: template, nodeCount: record.nodes.count)
        let (forwardAt, backwardAt, updateAt) = (moments.forwardAt, moments.backwardAt, moments.updateAt)
        let now = event.indexInStep
        var boxes: [GraphBox] = []
        var arrows: [GraphArrow] = []
        // Number constants are no boxes: they are written into their op's title (`÷ 2`).
        for (id, node) in record.nodes.enumerated() where id <= record.lossNode && node.op != .constant {
            let isParam = id < record.parameterCount
            let computed = isParam || forwardAt[id] <= now
            let gradArrived = backwardAt[id] <= now
            let active = event.node == id
            var lines: [String] = []
            let width = lineWidth(id)
            func text(_ label: String, _ values: [Double]) -> String {
                label + TensorText.value(values, node.shape, width: width - label.count)
            }
            if isParam {
                let updated = updateAt[id] <= now
                let value = updated ? record.paramsAfter[id] : record.paramsBefore[id]
                lines.append(text("= ", value))
                if gradArrived {
                    lines.append(text("grad ", record.grad(id)))
                } else if let before = record.gradsBefore[id] {
                    lines.append(text("grad ", before))
                } else {
                    lines.append("grad None")
                }
            } else if computed {
                lines.append(text("= ", record.value(id)))
                if gradArrived && node.requiresGrad {
                    lines.append(text("∂ ", record.grad(id)))
                }
            } else {
                lines.append(node.shape.count == 1 ? "= ?" : "\(node.shape.rows)×\(node.shape.cols)")
            }
            let style: Style
            if active {
                style = .active
            } else if !computed {
                style = .dim
            } else if gradArrived && node.requiresGrad {
                style = .gradient
            } else if isParam && updateAt[id] <= now {
                style = .update
            } else {
                style = .normal
            }
            let kind: GraphBox.Kind = isParam ? .param : node.op.isLeaf ? .input : id == record.lossNode ? .loss : .op
            let opLabel = names.opLabel(id)
            let title = node.op.isLeaf ? names[id] : "\(opLabel == node.op.symbol ? opLabel : "(\(opLabel))") \(names[id])"
            // The sigmoid as the lecture writes it (σ): the name, not the op, is what must show in a small box.
            let shortTitle = node.op == .sigmoid && opLabel == node.op.symbol ? "σ \(names[id])"
                : node.op == .crossEntropy ? "CE \(names[id])" : title
            boxes.append(GraphBox(id: id, title: title, shortTitle: shortTitle, name: names[id], lines: lines, style: style, kind: kind))
            for input in node.inputs where record.nodes[input].op != .constant {
                let edgeStyle: Style
                if active && event.phase == .forward {
                    edgeStyle = .active
                } else if event.node == id && event.phase == .backward {
                    // Backward lights only the edges a gradient flows along: none goes to data.
                    edgeStyle = record.nodes[input].requiresGrad ? .active : .edge
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
}
