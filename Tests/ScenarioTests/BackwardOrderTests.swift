import Testing
import Scenario

/// A parameter's grad arrives when PyTorch's AccumulateGrad runs: right after the last rule that
/// sends to it, in backward's (reverse topological) order, never after the whole backward.
struct BackwardOrderTests {
    private func backwardNames(_ name: String) throws -> [String] {
        let timeline = try Timeline(scenario: try Builtins.load(name), epochs: 1)
        let names = NodeNames(timeline.firstStep)
        return timeline.template.filter { $0.phase == .backward }.map { names[$0.node] }
    }

    @Test func everyShippedParamGradArrivesRightAfterTheLastRuleThatSendsToIt() throws {
        for name in Builtins.names {
            let timeline = try Timeline(scenario: try Builtins.load(name), epochs: 1)
            let r = timeline.firstStep
            let backward = timeline.template.enumerated().filter { $0.element.phase == .backward }
            for p in 0..<r.parameterCount where r.nodes[p].requiresGrad {
                let senders = r.backward.messages.filter { $0.to == p }.map(\.from)
                let at = try #require(backward.firstIndex { $0.element.node == p }, "\(name): no event for param \(p)")
                // Every rule that sends to p ran before its event; the event before it (skipping
                // other params that arrived after the same rule) is one of them.
                let rulesBefore = backward[..<at].map(\.element.node)
                #expect(senders.allSatisfy(rulesBefore.contains), "\(name): param \(p)'s grad arrived before all its parts")
                let previousRule = backward[..<at].last { $0.element.node >= r.parameterCount }?.element.node
                #expect(previousRule.map(senders.contains) == true, "\(name): param \(p) arrives after a rule that does not send to it")
            }
        }
    }

    @Test func deep193sW5ArrivesBeforeTheGradientFlowsOnToH4() throws {
        let order = try backwardNames("deep193")
        let w5 = try #require(order.firstIndex(of: "W5"))
        let z5 = try #require(order.firstIndex(of: "z5"))
        let h4 = try #require(order.firstIndex(of: "h4"))
        #expect(w5 == z5 + 1)
        #expect(w5 < h4)
        #expect(order.filter { $0.hasPrefix("W") } == ["W5", "W4", "W3", "W2", "W1"])
    }

    @Test func xorsB2ArrivesRightAfterTheAddThatComputesIt() throws {
        let order = try backwardNames("xor")
        let b2 = try #require(order.firstIndex(of: "b2"))
        #expect(order[b2 - 1] == "z4")
        #expect(order.filter { ["W1", "b1", "W2", "b2"].contains($0) } == ["b2", "W2", "b1", "W1"])
    }

    @Test func aCaptionAnchoredToAParamFollowsItsGrad() throws {
        let timeline = try Timeline(scenario: try Builtins.load("deep193"), epochs: 1)
        let names = NodeNames(timeline.firstStep)
        let notes = timeline.scenario.notes.filter { $0.at.phase == .backward && ["W5", "W1"].contains($0.at.node ?? "") }
        let at = try notes.map { note in try #require(timeline.eventIndex(of: note)) }
        #expect(at.count == 2)
        // W5's caption comes first, right after MM z5's rule.
        let w5 = try #require(zip(notes, at).first { $0.0.at.node == "W5" }?.1)
        let w1 = try #require(zip(notes, at).first { $0.0.at.node == "W1" }?.1)
        #expect(w5 < w1)
        #expect(names[timeline.event(at: w5 - 1).node] == "z5")
    }
}
