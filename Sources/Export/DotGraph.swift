import Autograd
import Scenario

/// The computation graph of one training step in Graphviz DOT, drawn left to right as torchviz and
/// micrograd draw it: data and params as boxes, ops as ellipses, each with its value and, after the
/// step's backward, its gradient.
public enum DotGraph {
    /// Trains up to update step `step` (0 = the first) and draws that step's graph.
    public static func render(_ scenario: Scenario, step: Int) throws -> String {
        let total = scenario.train.epochs * scenario.stepsPerEpoch
        guard step >= 0, step < total else {
            throw ExportError("--step \(step) is past the end: \(scenario.name) has \(total) update steps (0…\(max(0, total - 1)))", isUsage: true)
        }
        let trainer = Trainer(scenario: scenario)
        let perEpoch = scenario.stepsPerEpoch
        for s in 0..<step { try trainer.step(batch: s % perEpoch) }
        let record = try trainer.recordedStep(batch: step % perEpoch, epoch: step / perEpoch, step: step)
        return render(record, title: scenario.title, stepsPerEpoch: perEpoch)
    }

    /// The DOT text of a recorded step.
    public static func render(_ record: StepRecord, title: String, stepsPerEpoch: Int) -> String {
        // Backward reached a node if it walked it or sent it a gradient (params are only sent to).
        let reached = Set(record.backward.order + record.backward.messages.map(\.to))
        var out = "digraph backprop {\n"
        out += "  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label=\(quote("\(title)\nstep \(record.step) · epoch \(record.epoch) · sample \(record.batch)/\(stepsPerEpoch - 1) · loss = \(NumberFormat.short(record.loss))"))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        // The screen's names (z1, z2 … between the labelled nodes); constants fold into their op's label.
        let names = NodeNames(record)
        for (id, node) in record.nodes.enumerated() where node.op != .constant {
            var lines: [String] = []
            var attributes: [String]
            switch node.op {
            case .param, .input:
                lines.append(names[id])
                lines.append("\(node.op == .param ? "param" : "data") · \(node.shape)")
                attributes = ["shape=box", "style=filled", "fillcolor=\(node.op == .param ? "\"#d6eaf8\"" : "\"#eeeeee\"")"]
            default:
                lines.append("\(names.opLabel(id)) → \(names[id])")
                if !node.shape.isScalar { lines.append(node.shape.description) }
                attributes = ["shape=ellipse"]
            }
            lines.append("value = " + values(record.value(id), node.shape))
            if node.requiresGrad && reached.contains(id) { lines.append("grad = " + values(record.grad(id), node.shape)) }
            if id == record.lossNode { attributes += ["peripheries=2", "style=filled", "fillcolor=\"#fdebd0\""] }
            out += "  n\(id) [\((attributes + ["label=" + quote(lines.joined(separator: "\n"))]).joined(separator: ", "))];\n"
        }
        for (id, node) in record.nodes.enumerated() {
            for input in node.inputs where record.nodes[input].op != .constant { out += "  n\(input) -> n\(id);\n" }
        }
        out += "}\n"
        return out
    }

    /// A few values of a tensor, as people read them: `1.02`, or `[0.5, -0.25, 0.12, …]`.
    static func values(_ v: [Double], _ shape: Shape) -> String {
        if shape.isScalar && shape.rank == 0 { return NumberFormat.short(v.first ?? .nan) }
        let shown = v.prefix(4).map { NumberFormat.compact($0, maxWidth: 8) }
        return "[" + shown.joined(separator: ", ") + (v.count > 4 ? ", …" : "") + "]"
    }

    /// A DOT quoted string: quotes and backslashes escaped, line breaks as `\n` (centred lines).
    public static func quote(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
