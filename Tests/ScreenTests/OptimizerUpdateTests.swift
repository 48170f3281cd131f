import Scenario
import Testing
@testable import Screen

/// The inspector's update step writes what the optimizer computed — momentum's velocity, Adam's
/// moments, bias corrections and step — with PyTorch's numbers. Every literal below is printed by
/// `python3 references/optimizer_state.py` (torch 2.15, torch.optim.SGD / torch.optim.Adam on the
/// shipped scenarios' model, data and initial weights).
struct OptimizerUpdateTests {
    /// The screen at the update of param `label` in update step `step` (0 = the first).
    func screen(_ name: String, step: Int, _ label: String) throws -> String {
        var state = try makeState(name, width: 200, height: 60)
        let record = state.timeline.firstStep
        let within = try #require(state.timeline.template.firstIndex { $0.phase == .update && record.label($0.node) == label })
        state.seek(to: step * state.timeline.eventsPerStep + within)
        return state.render().lines.joined(separator: "\n")
    }

    func expectLines(_ text: String, _ lines: [String]) {
        for line in lines { #expect(text.contains(line), "missing \(line) in:\n\(text)") }
        #expect(!text.contains("b2.data = b2.data - lr · b2.grad.data"), "the plain SGD line is not what this optimizer does")
    }

    @Test func momentumStartsTheVelocityAsACopyOfTheGrad() throws {
        expectLines(try screen("momentum", step: 0, "b2"), [
            "Update · sgd with momentum 0.9: the velocity v, then the step",
            "g = b2.grad = -1.6306015",
            "v = g = -1.6306015 (first step: v starts as a copy of the grad)",
            "b2 = b2 - lr·v = 0.0 - 0.1 × (-1.6306015) = 0.16306016",
        ])
    }

    @Test func momentumCarriesNinetyPercentOfTheVelocity() throws {
        expectLines(try screen("momentum", step: 1, "b2"), [
            "g = b2.grad = -1.0555831",
            "v = 0.9·v + g = 0.9 × (-1.6306015) + (-1.0555831) = -2.5231245",
            "b2 = b2 - lr·v = 0.16306016 - 0.1 × (-2.5231245) = 0.4153726",
        ])
        // A tensor param: its first entry (the grad's last bit can differ from PyTorch's matmul sum
        // order; the velocity and the new value agree).
        let w1 = try screen("momentum", step: 1, "W1")
        #expect(w1.contains("= 0.17364386\n") || w1.contains("= 0.17364386 "), "\(w1)")
        #expect(w1.contains("W1[0,0] = W1[0,0] - lr·v = -0.53647673 - 0.1 × 0.17364386 = -0.5538411"), "\(w1)")
    }

    @Test func adamShowsMomentsCorrectionsAndTheStep() throws {
        expectLines(try screen("adam", step: 0, "b2"), [
            "Update · adam, t = 1: moments m, v, corrected m̂, v̂, the step",
            "m = 0.9·m + 0.1·g = -0.16306016 (m was 0.0)",
            "v = 0.999·v + 0.001·g² = 0.0026588615 (v was 0.0)",
            "m̂ = m/(1 - 0.9¹) = -1.6306016",
            "v̂ = v/(1 - 0.999¹) = 2.6588614",
            "step = -lr·m̂/(√v̂ + eps) = 0.049999997 (lr 0.05, √v̂ = 1.6306015, eps 1e-08)",
            "b2 = b2 + step = 0.0 + 0.049999997 = 0.049999997",
        ])
        expectLines(try screen("adam", step: 1, "b2"), [
            "Update · adam, t = 2",
            "g = b2.grad = -1.3014107",
            "m = 0.9·m + 0.1·g = -0.2768952 (m was -0.16306016)",
            "v = 0.999·v + 0.001·g² = 0.0043498725 (v was 0.0026588615)",
            "m̂ = m/(1 - 0.9²) = -1.4573431",
            "v̂ = v/(1 - 0.999²) = 2.1760242",
            "step = -lr·m̂/(√v̂ + eps) = 0.04939694 (lr 0.05, √v̂ = 1.4751353, eps 1e-08)",
            "b2 = b2 + step = 0.049999997 + 0.04939694 = 0.09939694",
        ])
    }

    @Test func adamOnATensorFollowsItsFirstEntry() throws {
        expectLines(try screen("adam", step: 1, "W1"), [
            "g = W1.grad[0,0] = 0.06613309",
            "m = 0.9·m + 0.1·g = 0.017752353 (m was 0.012376716)",
            "v = 0.999·v + 0.001·g² = 1.9676578e-05 (v was 1.531831e-05)",
            "m̂ = m/(1 - 0.9²) = 0.09343344",
            "v̂ = v/(1 - 0.999²) = 0.009843211",
            "step = -lr·m̂/(√v̂ + eps) = -0.047087315 (lr 0.05, √v̂ = 0.09921295, eps 1e-08)",
            "W1[0,0] = W1[0,0] + step = -0.5741 + (-0.047087315) = -0.6211873",
        ])
    }

    @Test func plainSGDKeepsItsLine() throws {
        let text = try screen("activation", step: 0, "b2")
        #expect(text.contains("Update · b2.data = b2.data - lr · b2.grad.data"), "\(text)")
    }
}

/// Momentum's and Adam's update lines fit the inspector at the lecture's sizes: in all their
/// digits where there is room, in four significant digits and fewer lines where there is not.
struct OptimizerUpdateFitTests {
    /// The inspector's rows as text (inside its border).
    func inspectorRows(_ state: TestScreen) throws -> [String] {
        let rect = try #require(state.visibleBodyAreas?.inspector)
        let lines = state.render().lines
        return (rect.y + 1..<rect.maxY - 1).map { String(lines[$0].dropFirst(rect.x + 1).prefix(rect.width - 2)) }
    }

    @Test(arguments: ["adam", "momentum"])
    func updateLinesFitAtTheLectureSizes(_ name: String) throws {
        for (width, height) in [(80, 24), (120, 40), (160, 45)] {
            var state = try makeState(name, width: width, height: height)
            let updates = state.timeline.template.indices.filter { state.timeline.template[$0].phase == .update }
            for step in 0..<2 {
                for within in updates {
                    state.seek(to: step * state.timeline.eventsPerStep + within)
                    let rows = try inspectorRows(state)
                    let text = rows.joined(separator: "\n")
                    let z = state.shown.names[state.event.node]
                    // The last line of the update (the grad zeroed) shows, and no row was cut short.
                    #expect(text.contains("\(z).grad.data.zero_()"), "\(name) \(width)×\(height):\n\(text)")
                    let zeroRow = rows.firstIndex { $0.contains(".grad.data.zero_()") } ?? rows.count
                    #expect(!rows.prefix(zeroRow + 1).contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("…") },
                            "\(name) \(width)×\(height):\n\(text)")
                    #expect(text.contains(name == "adam" ? "step = -lr·m̂/(√v̂ + eps) = " : "v = "), "\(text)")
                    #expect(cutNumbers(in: text).isEmpty, "\(text)")
                }
            }
        }
    }

    /// At 80×24 Adam's b2 reads in four digits, g in the heading; at 120×40 in all its digits.
    @Test func adamIsTerseOnlyWhereItMustBe() throws {
        var small = try makeState("adam", width: 80, height: 24)
        let record = small.timeline.firstStep
        let b2 = try #require(small.timeline.template.firstIndex { $0.phase == .update && record.label($0.node) == "b2" })
        small.seek(to: b2)
        let terse = try inspectorRows(small).joined(separator: "\n")
        #expect(terse.contains("Update · adam t = 1, b2: g = -1.631"), "\(terse)")
        #expect(terse.contains("step = -lr·m̂/(√v̂ + eps) = 0.05"), "\(terse)")
        #expect(terse.contains("b2 = 0.0 + 0.05 = 0.05"), "\(terse)")
        var large = try makeState("adam", width: 120, height: 40)
        large.seek(to: b2)
        let full = try inspectorRows(large).joined(separator: "\n")
        #expect(full.contains("b2 = b2 + step = 0.0 + 0.049999997 = 0.049999997"), "\(full)")
    }
}
