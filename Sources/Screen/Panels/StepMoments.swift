import Scenario

/// Where each node's events sit in a step (indices into the step's template): the moment forward
/// computes it, backward first reaches it, and the update changes it. Every picture of a step
/// (graph, neurons) asks these to know what the cursor has shown so far.
struct StepMoments {
    var forwardAt: [Int]
    var backwardAt: [Int]
    var updateAt: [Int]

    init(template: [(phase: NoteMoment.Phase, node: Int)], nodeCount: Int) {
        forwardAt = [Int](repeating: -1, count: nodeCount)
        backwardAt = [Int](repeating: Int.max, count: nodeCount)
        updateAt = [Int](repeating: Int.max, count: nodeCount)
        for (i, t) in template.enumerated() where t.node >= 0 && t.node < nodeCount {
            switch t.phase {
            case .forward: forwardAt[t.node] = i
            case .backward: backwardAt[t.node] = min(backwardAt[t.node], i)
            case .update: updateAt[t.node] = i
            }
        }
    }
}
