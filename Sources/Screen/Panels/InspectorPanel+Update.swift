import Foundation
import Scenario
import TextCanvas

/// The update step as the optimizer computes it: plain SGD's `w = w − lr·g`, momentum's velocity
/// then step, Adam's moments, their bias corrections and the step, each with this step's numbers.
extension InspectorPanel {
    func updateLines(_ id: Int) -> [(String, Style)] {
        let z = names[id]
        let before = record.paramsBefore[id], after = record.paramsAfter[id], grad = record.grad(id)
        let update = id < record.updates.count ? record.updates[id] : .sgd
        var result: [(String, Style)]
        switch update {
        case .sgd:
            result = [("Update · \(z).data = \(z).data − lr · \(z).grad.data", .strong)]
            if case .sgd(let m) = optimizer, m == 0, before.count == 1 {
                result.append(("\(z) = \(s(before[0])) − \(lr.text) × \(o(grad[0])) = \(s(after[0]))", .update))
            } else {
                result.append(("\(optimizer.name): \(z) \(g(before, id)) → \(g(after, id))", .update))
            }
        case .momentum(let u):
            let head = terse ? "Update · momentum \(s(u.momentum)), \(entryName(id)): g = \(s(grad[0]))"
                : "Update · sgd with momentum \(s(u.momentum)): the velocity v, then the step"
            result = [(head, .strong)] + momentumLines(u, z: entryName(id), i: 0).map { ($0, .update) }
        case .adam(let u):
            let head = terse ? "Update · adam t = \(u.t), \(entryName(id)): g = \(s(grad[0]))"
                : "Update · adam, t = \(u.t): moments m, v, corrected m̂, v̂, the step"
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
        let velocity = u.velocityBefore.map { "v = \(s(u.momentum))·v + g = \(s(u.momentum)) × \(o($0[i])) + \(o(gi)) = \(s(v))" }
            ?? (terse ? "v = g = \(s(v)) (first step)" : "v = g = \(s(v)) (first step: v starts as a copy of the grad)")
        let step = "\(s(record.paramsBefore[id][i])) − \(lr.text) × \(o(v)) = \(s(record.paramsAfter[id][i]))"
        if terse { return [velocity, "\(z) = \(step)"] }
        return ["g = \(names[id]).grad\(entry(id)) = \(s(gi))", velocity, "\(z) = \(z) − lr·v = \(step)"]
    }

    /// m, v, m̂, v̂, the step and the new value for entry `i`, each with its numbers; terse: g is
    /// in the heading, the values before and the step's inputs are left out (the lines fit 80×24).
    func adamLines(_ u: ParameterUpdate.Adam, z: String, i: Int) -> [String] {
        let id = event.node
        let gi = record.grad(id)[i]
        let t = superscript(u.t)
        let was = { (v: Double, name: String) in self.terse ? "" : " (\(name) was \(self.s(v)))" }
        let inputs = terse ? "" : " (lr \(lr.text), √v̂ = \(s(u.vHat[i].squareRoot())), eps \(s(u.eps)))"
        let before = s(record.paramsBefore[id][i]), after = s(record.paramsAfter[id][i])
        return (terse ? [] : ["g = \(names[id]).grad\(entry(id)) = \(s(gi))"]) + [
            "m = \(s(u.beta1))·m + \(s(1 - u.beta1))·g = \(s(u.m[i]))" + was(u.mBefore[i], "m"),
            "v = \(s(u.beta2))·v + \(s(1 - u.beta2))·g² = \(s(u.v[i]))" + was(u.vBefore[i], "v"),
            "m̂ = m/(1 − \(s(u.beta1))\(t)) = \(s(u.mHat[i]))",
            "v̂ = v/(1 − \(s(u.beta2))\(t)) = \(s(u.vHat[i]))",
            "step = −lr·m̂/(√v̂ + eps) = \(s(u.step[i]))" + inputs,
            terse ? "\(z) = \(before) + \(o(u.step[i])) = \(after)" : "\(z) = \(z) + step = \(before) + \(o(u.step[i])) = \(after)",
        ]
    }

    func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}
