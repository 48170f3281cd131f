import Testing
import Scenario

/// The one clock: what exists at an event. Grads are None until backward makes them, values
/// until forward computes them, updated params only from their update.
struct EventStateTests {
    private func states(_ name: String, step: Int = 0, zeroesGrad: Bool? = nil) throws -> (Timeline, [(TimelineEvent, EventState)]) {
        let timeline = try Timeline(scenario: try Builtins.load(name), epochs: 2, zeroesGrad: zeroesGrad)
        let record = try timeline.record(ofStep: step)
        let first = timeline.firstEvent(ofStep: step)
        return (timeline, (first..<(first + timeline.eventsPerStep)).map { i in
            let e = timeline.event(at: i)
            return (e, timeline.state(at: e, record: record))
        })
    }

    @Test func theLecturesGradIsNoneUntilBackwardReachesW() throws {
        let (timeline, all) = try states("linear")
        let names = NodeNames(timeline.firstStep)
        let w = 0
        for (e, state) in all {
            let arrivedYet = e.phase == .update || (e.phase == .backward && names[e.node] == "w")
            if arrivedYet {
                #expect(state.grad(w) == .arrived([-2.0]), "\(e)")
            } else {
                #expect(state.grad(w) == .notYet, "w.grad is None before the first backward reaches it: \(e)")
            }
            #expect(state.paramValue(w) == (e.phase == .update ? [Double(Float(1.02))] : [1.0]))
        }
    }

    @Test func aValueExistsFromItsForwardEventAndAGradFromItsBackwardEvent() throws {
        let (timeline, all) = try states("linear")
        let names = NodeNames(timeline.firstStep)
        let yPred = try #require((0..<timeline.firstStep.nodes.count).first { names[$0] == "y_pred" })
        let forwardAt = try #require(all.firstIndex { $0.0.phase == .forward && $0.0.node == yPred })
        let backwardAt = try #require(all.firstIndex { $0.0.phase == .backward && $0.0.node == yPred })
        for (i, (_, state)) in all.enumerated() {
            #expect(state.isComputed(yPred) == (i >= forwardAt))
            #expect((state.value(yPred) != nil) == (i >= forwardAt))
            #expect(state.hasGrad(yPred) == (i >= backwardAt))
            #expect((state.arrivedGrad(yPred) != nil) == (i >= backwardAt))
        }
    }

    @Test func afterZeroGradTheGradHoldsZerosUntilThisStepsArrives() throws {
        let (_, all) = try states("linear", step: 1)
        let (forward, state) = try #require(all.first)
        #expect(forward.phase == .forward)
        #expect(state.grad(0) == .held([0.0]))
        #expect(!state.grad(0).holdsEarlierSteps)
        let (_, noZero) = try states("linear", step: 1, zeroesGrad: false)
        #expect(noZero[0].1.grad(0) == .held([-2.0]))
        #expect(noZero[0].1.grad(0).holdsEarlierSteps)
    }

    @Test func deep193sW4HasNoGradWhenW5sArrives() throws {
        let (timeline, all) = try states("deep193")
        let names = NodeNames(timeline.firstStep)
        let id = { (n: String) in (0..<timeline.firstStep.parameterCount).first { names[$0] == n } ?? -1 }
        let (_, atW5) = try #require(all.first { $0.0.phase == .backward && $0.0.node == id("W5") })
        #expect(atW5.hasGrad(id("W5")))
        #expect(!atW5.hasGrad(id("W4")))
        #expect(atW5.grad(id("W1")) == .notYet)
        #expect(!atW5.backwardDone)
        let (_, lastUpdate) = try #require(all.last)
        #expect(lastUpdate.backwardDone)
        #expect(lastUpdate.paramValues == timeline.firstStep.paramsAfter)
    }
}
