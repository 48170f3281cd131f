import Testing
import TestSupport
@testable import Scenario

/// Every kind of broken scenario gets one message with line and column, and no crash.
struct DiagnosticTests {
    static let good = TestScenarios.lecture(title: "t")

    func diagnose(_ text: String) -> Diagnostic? {
        diagnose(bytes: Array(text.utf8))
    }

    func diagnose(bytes: [UInt8]) -> Diagnostic? {
        do {
            _ = try ScenarioLoader.load(bytes: bytes, file: "bad.toml")
            return nil
        } catch {
            return error
        }
    }

    func expectError(_ text: String, line: Int, column: Int? = nil, _ fragment: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let d = diagnose(text) else {
            Issue.record("expected an error containing '\(fragment)'", sourceLocation: sourceLocation)
            return
        }
        #expect(d.file == "bad.toml", sourceLocation: sourceLocation)
        #expect(d.line == line, "\(d)", sourceLocation: sourceLocation)
        if let column { #expect(d.column == column, "\(d)", sourceLocation: sourceLocation) }
        #expect(d.message.contains(fragment), "\(d)", sourceLocation: sourceLocation)
    }

    func replacing(_ old: String, _ new: String) -> String {
        Self.good.replacingOccurrences(of: old, with: new)
    }

    @Test func theGoodFileLoads() { #expect(diagnose(Self.good) == nil) }

    @Test func brokenTomlNamesLineAndColumn() {
        expectError(replacing("w = 1.0", "w = = 1.0"), line: 6, "not valid TOML")
    }

    @Test func unknownSectionAndKeySuggestTheRightOne() {
        expectError(Self.good + "\n[trian]\nepochs = 3\n", line: 12, "did you mean 'train'")
        expectError(replacing("epochs = 3", "epoch = 3"), line: 11, column: 1, "did you mean 'epochs'")
        expectError(replacing("loss = ", "los = "), line: 9, "did you mean 'loss'")
    }

    @Test func unknownFunctionSuggestsTheClosest() {
        expectError(replacing("\"x * w\"", "\"sigmod(x * w)\""), line: 8, column: 12, "did you mean 'sigmoid'")
    }

    @Test func undefinedNameSuggestsTheClosest() {
        expectError(replacing("\"x * w\"", "\"x * ww\""), line: 8, column: 16, "did you mean 'w'")
    }

    @Test func unbalancedParenthesesPointAtTheEnd() {
        expectError(replacing("\"(y_pred - y)^2\"", "\"(y_pred - y^2\""), line: 9, "expected ')'")
    }

    @Test func shapesThatDoNotFitPointAtTheOperator() {
        let text = replacing("w = 1.0", "w = [[1.0, 2.0], [3.0, 4.0]]").replacingOccurrences(of: "\"x * w\"", with: "\"w @ x\"")
        expectError(text, line: 8, column: 14, "shapes do not fit")
    }

    @Test func raggedMatrixIsNamed() {
        expectError(replacing("w = 1.0", "w = [[1.0, 2.0], [3.0]]"), line: 6, "ragged")
    }

    @Test func dataColumnsOfDifferentLengths() {
        expectError(replacing("y = [2.0, 4.0, 6.0]", "y = [2.0, 4.0]"), line: 4, "one entry per sample")
    }

    @Test func negativeEpochs() {
        expectError(replacing("epochs = 3", "epochs = -3"), line: 11, column: 10, "epochs must be at least 1 and at most 10000000, found -3")
    }

    @Test func stringWhereANumberBelongs() {
        expectError(replacing("w = 1.0", "w = \"one\""), line: 6, column: 5, "must be a number")
        expectError(Self.good + "\nlr = \"fast\"\n", line: 12, "lr must be a number")
    }

    @Test func unknownOptimizer() {
        expectError(Self.good + "\noptimizer = \"adan\"\n", line: 12, "did you mean 'adam'")
    }

    @Test func emptyBinaryAndInvalidUTF8Files() {
        #expect(diagnose("")?.message.contains("empty") == true)
        #expect(diagnose("  \n\n")?.message.contains("empty") == true)
        let binary = diagnose(bytes: [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01])
        #expect(binary?.message.contains("binary") == true)
        let latin1 = diagnose(bytes: Array("title = \"caf".utf8) + [0xE9] + Array("\"\n".utf8))
        #expect(latin1?.message.contains("UTF-8") == true)
        #expect(latin1?.line == 1)
        #expect(latin1?.column == 13)
    }

    @Test func absurdlyDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        expectError(replacing("\"x * w\"", "\"\(deep) * w\""), line: 8, "nested")
        let arrays = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        expectError(replacing("w = 1.0", "w = \(arrays)"), line: 6, "nested more than 64 deep")
        let minus = String(repeating: "-", count: 5000) + "x"
        expectError(replacing("\"x * w\"", "\"\(minus) * w\""), line: 8, "nested")
    }

    /// A long chain is as deep as it is long: 35,000 terms overflowed the compiler's stack.
    @Test func longChainsAreAnErrorNotAStackOverflow() {
        for (op, tail) in [(" + ", "w"), (" * ", "w"), ("", ".T"), ("", "+")] {
            let chain = op.isEmpty ? (tail == "+" ? String(repeating: "+", count: 35_000) + "x" : "w" + String(repeating: tail, count: 35_000))
                : Array(repeating: "w", count: 35_000).joined(separator: op)
            guard let d = diagnose(replacing("\"x * w\"", "\"\(chain)\"")) else {
                Issue.record("a chain of 35,000 '\(op)\(tail)' was accepted")
                continue
            }
            #expect(d.line == 8 && d.message.contains("nested more than 100 levels deep") && d.message.contains("split it"), "\(d)")
        }
        // A chain within the limit still loads.
        #expect(diagnose(replacing("\"x * w\"", "\"x * " + Array(repeating: "w", count: 50).joined(separator: " + ") + "\"")) == nil)
    }

    @Test func aLineBreakInAnExpressionIsNamedNotPrinted() {
        let d = diagnose(replacing("forward = \"x * w\"", "forward = \"\"\"x * w\n\"\"\""))
        #expect(d?.message.hasPrefix("unexpected line break;") == true, "\(String(describing: d))")
        #expect(d?.description.contains("\n") == false)
    }

    @Test func controlCharactersInAMessageAreEscaped() {
        let d = diagnose(Self.good + "\n\"\\u001b]0;pwned\\u0007\" = 1\n")
        #expect(d?.message.contains("\u{1B}") == true)
        #expect(d?.description.contains("\u{1B}") == false && d?.description.contains("\\u{1B}]0;pwned\\u{7}") == true, "\(String(describing: d))")
    }

    @Test func scenarioTextIsOneLineOfPrintableCharactersOfAFittingLength() {
        expectError(replacing("title = \"t\"", "title = \"a\\u009bb\""), line: 1, column: 9, "title holds a control character U+009B")
        expectError(replacing("title = \"t\"", "title = \"t\"\nsummary = \"\"\"one\ntwo\"\"\""), line: 2, "summary holds a line break")
        expectError(replacing("title = \"t\"", "title = \"" + String(repeating: "t", count: 201) + "\""), line: 1, "title is 201 characters long; the limit is 200")
        let note = "\n[[notes]]\nat = { epoch = 0 }\ntext = \"bell\\u0007\"\n"
        expectError(Self.good + note, line: 14, column: 8, "the note's text holds a control character U+0007")
    }

    @Test func notesPointAtRealMoments() {
        let note = "\n[[notes]]\nat = { epoch = 7, sample = 0, phase = \"forward\" }\ntext = \"hi\"\n"
        expectError(Self.good + note, line: 13, "past the last epoch")
        let badNode = "\n[[notes]]\nat = { epoch = 0, phase = \"backward\", node = \"ww\" }\ntext = \"hi\"\n"
        expectError(Self.good + badNode, line: 13, "did you mean 'w'")
        let badPhase = "\n[[notes]]\nat = { epoch = 0, phase = \"sideways\" }\ntext = \"hi\"\n"
        expectError(Self.good + badPhase, line: 13, "phase must be")
    }

    @Test func unusedParamAndMissingSections() {
        expectError(replacing("w = 1.0", "w = 1.0\nb = 2.0"), line: 7, "never used")
        #expect(diagnose("title = \"t\"\n")?.message.contains("[data]") == true)
    }

    @Test func paramsTakePartInOrderOfFirstUse() throws {
        let text = replacing("w = 1.0", "b = 0.5\nw = 1.0").replacingOccurrences(of: "\"x * w\"", with: "\"x * w + b\"")
        let scenario = try ScenarioLoader.load(bytes: Array(text.utf8), file: "ok.toml")
        #expect(scenario.program.parameters == ["w", "b"])
    }
}
