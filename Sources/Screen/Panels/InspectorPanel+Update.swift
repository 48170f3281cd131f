import Foundation
import Scenario
import TextCanvas

/// The update step as the optimizer computes it: plain SGD's `w = w − lr·g`, momentum's velocity
/// then step, Adam's moments, their bias corrections and the step, each with this step's numbers;
/// weight decay as the optimizer applies it: `w = w − lr·(g + λ·w)` (λ·w joins the gradient of
/// sgd, momentum and adam) or AdamW's decoupled `w·(1 − lr·λ)` before the step.
extension InspectorPanel {
    /// λ·w joined this step's gradient (sgd, momentum, adam with weight_decay).
    var coupledDecay: WeightDecayStep? { record.decay.flatMap { $0.decoupled ? nil : $0 } }
    /// AdamW's decay: w shrank before the step.
    var decoupledDecay: WeightDecayStep? { record.decay.flatMap { $0.decoupled ? $0 : nil } }

    /// `g + λ·w = -8.0 + 0.001 × 1.0 = -7.999` for entry `i` of param `id`.
    func decayLine(_ decay: WeightDecayStep, id: Int, i: Int) -> String {
        let gi = record.grad(id)[i], wi = record.paramsBefore[id][i]
        return "g + λ·\(names[id]) = \(s(gi)) + \(s(decay.lambda)) × \(o(wi)) = \(s(decay.gradients[id][i]))"
    }

    /// AdamW: `w·(1 − lr·λ) = 0.5 × 0.9999 = 0.49995` for entry `i` of param `id`.
    func shrinkLine(_ decay: WeightDecayStep, id: Int, i: Int) -> String {
        if terse { return "\(names[id])·(1 - lr·λ) = \(s(decay.shrunk[id][i])) (λ = \(s(decay.lambda)))" }
        return "\(names[id])·(1 - lr·λ) = \(s(record.paramsBefore[id][i])) × \(s(decay.factor)) = \(s(decay.shrunk[id][i]))"
            + " (AdamW: w shrinks apart from g, λ = \(s(decay.lambda)))"
    }

    func updateLines(_ id: Int) -> [(String, Style)] {
        let z = names[id]
        let before = record.paramsBefore[id], after = record.paramsAfter[id], grad = record.grad(id)
        let update = id < record.updates.count ? record.updates[id] : .sgd
        var result: [(String, Style)]
        switch update {
        case .sgd:
            if let decay = coupledDecay {
                result = [("Update ⸱ \(z) = \(z) - lr·(g + λ·\(z)), λ = \(terse ? "" : "weight_decay ")\(s(decay.lambda))", .strong)]
                if before.count == 1 {
                    result.append((decayLine(decay, id: id, i: 0), .update))
                    result.append(("\(z) = \(s(before[0])) - \(lr.text) × \(o(decay.gradients[id][0])) = \(s(after[0]))", .update))
                } else {
                    result.append(("\(optimizer.name), weight_decay \(s(decay.lambda)): \(z) \(g(before, id)) → \(g(after, id))", .update))
                }
            } else {
                result = [("Update ⸱ \(z).data = \(z).data - lr · \(z).grad.data", .strong)]
                if before.count == 1 {
                    result.append(("\(z) = \(s(before[0])) - \(lr.text) × \(o(grad[0])) = \(s(after[0]))", .update))
                } else {
                    result.append(("\(optimizer.name): \(z) \(g(before, id)) → \(g(after, id))", .update))
                }
            }
        case .momentum(let u):
            let head = terse ? "Update ⸱ momentum \(s(u.momentum)), \(entryName(id)): g = \(s(grad[0]))"
                : "Update ⸱ sgd with momentum \(s(u.momentum)): the velocity v, then the step"
            result = [(head, .strong)] + momentumLines(u, z: entryName(id), i: 0).map { ($0, .update) }
        case .adam(let u):
            let name = optimizer.adamSettings == nil ? "adam" : optimizer.name
            let head = terse ? "Update ⸱ \(name) t = \(u.t), \(entryName(id)): g = \(s(grad[0]))"
                : "Update ⸱ \(name), t = \(u.t): moments m, v, corrected m̂, v̂, the step"
            result = [(head, .strong)] + adamLines(u, z: entryName(id), i: 0).map { ($0, .update) }
        }
        let zero = terse ? "then \(z).grad.data.zero_()" : "outside the graph; then \(z).grad.data.zero_()"
        result.append(zeroesGrad ? (zero, .dim) : ("\(z).grad is NOT zeroed: the next backward adds to it", .bad))
        return result
    }

    /// The param, or its first entry when it is a tensor (the params table has the whole tensor).
    func entryName(_ id: Int) -> String { names[id] + entry(id) }

    /// `[0,0]` for a tensor param (the entry the lines follow), nothing for a number.
    func entry(_ id: Int) -> String { record.nodes[id].shape.count == 1 ? "" : "[0,0]" }

    /// `v = 0.9·v + g = 0.9 × 0.1 + (−0.5) = −0.41` and `w = w − lr·v = …` for entry `i`; terse:
    /// g is in the heading, and the new value's line drops the formula (the lines fit 80×24).
    func momentumLines(_ u: ParameterUpdate.Momentum, z: String, i: Int) -> [String] {
        let id = event.node
        let gi = record.grad(id)[i], v = u.velocity[i]
        // With weight decay the velocity takes g + λ·w, not g.
        let decay = coupledDecay
        let term = decay == nil ? "g" : "(g + λ·\(names[id]))"
        let di = decay?.gradients[id][i] ?? gi
        let velocity = u.velocityBefore.map { "v = \(s(u.momentum))·v + \(term) = \(s(u.momentum)) × \(o($0[i])) + \(o(di)) = \(s(v))" }
            ?? (terse ? "v = \(term) = \(s(v)) (first step)" : "v = \(term) = \(s(v)) (first step: v starts as a copy of the grad)")
        let step = "\(s(record.paramsBefore[id][i])) - \(lr.text) × \(o(v)) = \(s(record.paramsAfter[id][i]))"
        let decayed = decay.map { [decayLine($0, id: id, i: i)] } ?? []
        if terse { return decayed + [velocity, "\(z) = \(step)"] }
        return ["g = \(names[id]).grad\(entry(id)) = \(s(gi))"] + decayed + [velocity, "\(z) = \(z) - lr·v = \(step)"]
    }

    /// m, v, m̂, v̂, the step and the new value for entry `i`, each with its numbers; terse: g is
    /// in the heading, the values before and the step's inputs are left out (the lines fit 80×24).
    func adamLines(_ u: ParameterUpdate.Adam, z: String, i: Int) -> [String] {
        let id = event.node
        let gi = record.grad(id)[i]
        let t = superscript(u.t)
        let was = { (v: Double, name: String) in self.terse ? "" : " (\(name) was \(self.s(v)))" }
        let inputs = terse ? "" : " (lr \(lr.text), √v̂ = \(s(u.vHat[i].squareRoot())), eps \(s(u.eps)))"
        let after = s(record.paramsAfter[id][i])
        // Adam's L2 joins the gradient before the moments; AdamW's shrinks w before the step.
        let coupled = coupledDecay, decoupled = decoupledDecay
        let term = coupled == nil ? "g" : "(g + λ·\(names[id]))"
        let before = decoupled.map { s($0.shrunk[id][i]) } ?? s(record.paramsBefore[id][i])
        let w = decoupled == nil ? z : "\(z)·(1 - lr·λ)"
        let decayLines = coupled.map { [decayLine($0, id: id, i: i)] } ?? decoupled.map { [shrinkLine($0, id: id, i: i)] } ?? []
        return (terse ? [] : ["g = \(names[id]).grad\(entry(id)) = \(s(gi))"]) + decayLines + [
            "m = \(s(u.beta1))·m + \(s(1 - u.beta1))·\(term) = \(s(u.m[i]))" + was(u.mBefore[i], "m"),
            "v = \(s(u.beta2))·v + \(s(1 - u.beta2))·\(term)² = \(s(u.v[i]))" + was(u.vBefore[i], "v"),
            "m̂ = m/(1 - \(s(u.beta1))\(t)) = \(s(u.mHat[i]))",
            "v̂ = v/(1 - \(s(u.beta2))\(t)) = \(s(u.vHat[i]))",
            "step = -lr·m̂/(√v̂ + eps) = \(s(u.step[i]))" + inputs,
            terse ? "\(z) = \(before) + \(o(u.step[i])) = \(after)" : "\(z) = \(w) + step = \(before) + \(o(u.step[i])) = \(after)",
        ]
    }

    func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}
