import Autograd
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Sums are written: a broadcast bias's gradient is the sum over the batch, term by term.
struct SumsWrittenTests {
    func rule(_ name: String) throws -> ChainRule {
        let record = try Timeline(scenario: Builtins.load(name)).record(ofStep: 0)
        return ChainRule(record: record, names: NodeNames(record))
    }

    func node(_ r: ChainRule, _ name: String) throws -> Int {
        try #require(r.record.nodes.indices.first { r.names[$0] == name })
    }

    /// xor's b2 (one number, broadcast over the 4 samples): `Σₛ ∂loss/∂z4[s]`, the four parts
    /// that arrived at z4 and their total, not `∂loss/∂z4 · 1 = -0.095` (a 1×4 times 1 is no number).
    @Test func xorsOutputBiasIsTheSumOfItsFourSamples() throws {
        let r = try rule("xor")
        let b2 = try node(r, "b2"), z4 = try node(r, "z4")
        let send = try #require(r.sends(z4).first { $0.input == b2 })
        #expect(send.rule.text() == "∂loss/∂b2 = Σₛ ∂loss/∂z4[s]  (1×4 → 1×1)")
        let parts = r.record.grad(z4)
        let total = try #require(r.record.backward.contribution(from: z4, to: b2)).first
        var expected: Sentence = [.text("    = "), .number(parts[0])]
        for p in parts.dropFirst() { expected += [.text(" + "), .factor(p)] }
        #expect(send.numbers == expected + [.text(" = "), .number(try #require(total))])
        // The parts written add up to the total (in float32, as backward summed them).
        #expect(abs(parts.reduce(0, +) - (total ?? 0)) < 1e-6)
        #expect(send.entry == nil)
    }

    /// xor's b1 (2×1, broadcast over the columns of z2 2×4): the whole rule with `:` for the unit,
    /// then the largest entry's sum with its four numbers.
    @Test func xorsHiddenBiasWritesItsLargestEntrysSum() throws {
        let r = try rule("xor")
        let b1 = try node(r, "b1"), z2 = try node(r, "z2")
        let send = try #require(r.sends(z2).first { $0.input == b1 })
        #expect(send.rule.text() == "∂loss/∂b1 = Σₛ ∂loss/∂z2[:,s]  (2×4 → 2×1)")
        let grad = try #require(r.record.backward.contribution(from: z2, to: b1))
        let k = try #require(InspectorPanel.largest(grad))
        let upstream = r.record.grad(z2)
        let row = Array(upstream[(k * 4)..<(k * 4 + 4)])
        let written = row.enumerated().map { i, v in i == 0 ? NumberFormat.short(v) : v < 0 ? "(\(NumberFormat.short(v)))" : NumberFormat.short(v) }
        #expect(try #require(send.entry).text()
                == "∂loss/∂b1[\(k)] = Σₛ ∂loss/∂z2[\(k),s] = " + written.joined(separator: " + ") + " = \(NumberFormat.short(grad[k]))")
    }

    /// A batch longer than a sum written by hand: its first terms, `…`, its last and the count.
    @Test func aLongBatchSumShowsItsEndsAndItsLength() throws {
        let r = try rule("circle")
        let b2 = try node(r, "b2"), z4 = try node(r, "z4")
        let send = try #require(r.sends(z4).first { $0.input == b2 })
        let n = r.record.nodes[z4].shape.cols
        #expect(n > ChainRule.mostTerms)
        let text = send.numbers.text()
        #expect(text.contains(" + … + "))
        #expect(text.contains("(\(n) terms) = "))
        #expect(text.hasPrefix("    = \(NumberFormat.short(r.record.grad(z4)[0])) + "))
    }

    /// At 80×24 the inspector at b1's ADD writes the sum whole, numbers and total, without `…`.
    @Test func theHiddenBiasSumFitsTheInspectorAt80x24() throws {
        var state = try makeState("xor", width: 80, height: 24)
        state.seek(to: try #require(state.firstEvent(.backward, at: "z2")))
        let screen = state.render()
        // The inspector's columns (the loss plot sits at its right).
        let rows = (0..<24).map { String(screen.line($0).prefix(46)) }
        let top = try #require(rows.firstIndex { $0.contains("∂loss/∂b1[") })
        let entry = rows[top...].prefix { !$0.hasPrefix("└") }.joined()
        #expect(entry.contains("Σₛ ∂loss/∂z2["))
        #expect(!entry.contains("…"), "\(rows.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("∂loss/∂z1 = ∂loss/∂z2 · 1, the same 2×4") })
    }
}
