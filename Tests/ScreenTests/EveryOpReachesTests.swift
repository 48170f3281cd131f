import Autograd
import PyTorchCode
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Every function of the op table (`Op.all` is derived, so a new row is in it) reaches the three
/// places that read rows: the parser takes its name, the graph draws its node with the row's
/// symbol (or short symbol), and the PyTorch export spells it as the row says.
struct EveryOpReachesTests {
    static let unaryFunctions = Op.all.filter { $0.name != nil && $0.arity == 1 }

    @Test func theTableHasFunctionsToTry() {
        #expect(Self.unaryFunctions.count >= 10, "\(Self.unaryFunctions.map(\.symbol))")
    }

    @Test(arguments: unaryFunctions.compactMap(\.kind))
    func aFunctionRowReachesParserScreenAndExport(_ kind: Op.Kind) throws {
        let op = kind.op
        let name = try #require(op.name)
        let scenario = try ScenarioLoader.load(bytes: Array(TestScenarioText.oneFunction(name).utf8), file: "\(name).toml")
        #expect(scenario.program.makes(op), "\(name): the parser made no \(name) instruction")
        let screen = try Self.screenAfterForward(scenario)
        let titles = [op.symbol] + (op.shortSymbol.map { [$0] } ?? [])
        #expect(titles.contains { screen.contains("\($0) h") }, "\(name): no node titled \(titles) h on the graph\n\(screen)")
        let script = try PyTorchScript(scenario: scenario).text()
        switch op.pytorch {
        case .function(let spelled)?: #expect(script.contains(spelled + "("), "\(name): the export does not call \(spelled)\n\(script)")
        case .template(let formula)?:
            let head = formula.terms.compactMap { term -> String? in if case .text(let t) = term { return t } else { return nil } }.first ?? "?"
            #expect(script.contains(head), "\(name): the export does not write \(head)\n\(script)")
        default: Issue.record("\(name): a function row spelled \(String(describing: op.pytorch))")
        }
    }
}

extension EveryOpReachesTests {
    /// The screen at 160×45 once the first step's forward is shown whole.
    static func screenAfterForward(_ scenario: Scenario) throws -> String {
        var state = TestScreen(timeline: try Timeline(scenario: scenario), width: 160, height: 45)
        for _ in 0..<state.timeline.eventsPerStep { state.press(.right) }
        return state.render().text
    }
}

extension Program {
    /// Whether the program has an instruction of `op` on one operand.
    func makes(_ op: Op) -> Bool {
        instructions.contains { instruction in
            if case .unary(let o, _) = instruction { return o == op } else { return false }
        }
    }
}

enum TestScenarioText {
    /// y = w · f(x · v): a function of the table between two params, on two positive samples (log's domain).
    static func oneFunction(_ name: String) -> String {
        """
        [data]
        x = [1.0, 2.0]
        y = [0.5, 1.0]
        [params]
        v = 0.5
        w = 0.75
        [model]
        forward = ["h = \(name)(x * v)", "y_pred = w * h"]
        loss = "(y_pred - y)^2"
        [train]
        epochs = 2
        lr = 0.01
        """
    }
}
