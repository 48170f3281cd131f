import Autograd
import Foundation
import Testing
@testable import Scenario

/// Model expressions find their functions in the op table: its names, its arity, its rows.
struct TableOpsTests {
    func load(_ forward: String, watch: String = "w") throws -> Scenario {
        try ScenarioLoader.load(bytes: Array("""
            [data]
            x = [1.0, -2.0, 3.0]
            y = [2.0, 4.0, 6.0]
            [params]
            w = -1.5
            [model]
            forward = "\(forward)"
            loss = "(y_pred - y)^2"
            watch = ["\(watch)"]
            [train]
            epochs = 3
            """.utf8), file: "ops.toml")
    }

    @Test func newRowsAreFunctionsOfExpressions() throws {
        let parsed = try ExpressionParser.parse("softplus(x * w) + abs(w)")
        guard case .binary(.add, .call(let f, let args, _), .call(let g, _, _), _) = parsed else {
            Issue.record("parsed as \(parsed)")
            return
        }
        #expect(f == .softplus && args.count == 1 && g == .abs)
        let scenario = try load("softplus(x * w) + abs(w)")
        #expect(scenario.program.instructions.contains { if case .unary(.softplus, _) = $0 { return true } else { return false } })
        #expect(scenario.program.instructions.contains { if case .unary(.abs, _) = $0 { return true } else { return false } })
    }

    @Test func watchExpressionsUseTheTable() throws {
        let scenario = try load("x * w", watch: "abs(w) + softplus(w)")
        let (values, _) = try scenario.watch[0].program.evaluate(parameters: [("w", [-1.5], .scalar)])
        let expected = 1.5 + Foundation.log1p(Foundation.exp(-1.5))
        #expect(values.count == 1 && Swift.abs(values[0] - expected) < 1e-15)
    }

    @Test func softmaxInAWatchIsTakenDownTheColumn() throws {
        let program = try Program.compile(watch: try ExpressionParser.parse("softmax(v)"), parameters: ["v"])
        let (values, shape) = try program.evaluate(parameters: [("v", [0, Foundation.log(3.0)], .vector(2))])
        #expect(shape == .vector(2) && Swift.abs(values[0] - 0.25) < 1e-15 && Swift.abs(values[1] - 0.75) < 1e-15)
    }

    @Test func unknownFunctionsListTheTable() {
        #expect(throws: ExpressionError.self) { _ = try ExpressionParser.parse("softplu(x)") }
        do {
            _ = try ExpressionParser.parse("softplu(x)")
        } catch {
            #expect(error.message.contains("did you mean 'softplus'"))
            #expect(error.message.contains("softplus, abs"))
        }
    }

    @Test func aFunctionGivenTheWrongNumberOfArgumentsSaysSo() {
        do {
            _ = try ExpressionParser.parse("sigmoid(x, w)")
            Issue.record("two arguments to sigmoid parsed")
        } catch {
            #expect(error.message == "sigmoid takes one argument, found 2")
            #expect(error.column == 0)
        }
    }
}
