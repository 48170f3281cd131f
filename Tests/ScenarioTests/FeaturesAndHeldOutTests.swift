import Autograd
import Foundation
import Testing
import TestSupport
@testable import Scenario

/// `[data] features` build x from other columns; `test_fraction` and `test_file` hold samples out.
/// Every mistake in them is a Diagnostic at the file, line and column where it is written.
struct FeaturesAndHeldOutTests {
    /// Inline data with two columns the features read; `data` adds lines to [data].
    static func scenario(features: String = "features = [\"x1\", \"x2\", \"x1*x2\", \"x1^2\", \"sin(x1)\"]", data: String = "") -> String {
        """
        [data]
        x1 = [0.5, -1.0, 2.0, 1.5]
        x2 = [1.0, 0.25, -0.5, 3.0]
        y = [1.0, 0.0, 1.0, 0.0]
        \(features)
        \(data)
        [params]
        w = [[0.1, 0.2, 0.3, 0.4, 0.5]]
        [model]
        forward = "w @ x"
        loss = "(y_pred - y)^2"
        [train]
        epochs = 2
        """
    }

    func load(_ text: String, file: String = "f.toml") throws(Diagnostic) -> Scenario {
        try ScenarioLoader.load(bytes: Array(text.utf8), file: file)
    }

    func diagnose(_ text: String, file: String = "f.toml") -> Diagnostic? {
        do {
            _ = try load(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    @Test func featuresBuildEachSamplesInputVector() throws {
        let s = try load(Self.scenario())
        let x = try #require(s.data.first { $0.name == "x" })
        #expect(x.vectorLength == 5)
        // float64 as Python computes them: x1, x2, x1*x2, x1**2 (C pow), math.sin(x1).
        #expect(x.rows[0] == [0.5, 1.0, 0.5, 0.25, Foundation.sin(0.5)])
        #expect(x.rows[2] == [2.0, -0.5, -1.0, 4.0, Foundation.sin(2.0)])
        #expect(s.features?.sources == ["x1", "x2"])
        #expect(s.program.columns.first == "x")
    }

    /// A feature's functions are the op table's rows: each one's float64 value is the C library's
    /// function (Python's `math`), its spelling Python's; where Python raises, nan.
    @Test func featureFunctionsAreTheOpTablesRowsInFloat64() {
        let library: [(Op, (Double) -> Double, String)] = [
            (.sin, { Foundation.sin($0) }, "math.sin(x1)"), (.cos, { Foundation.cos($0) }, "math.cos(x1)"),
            (.exp, { Foundation.exp($0) }, "math.exp(x1)"), (.log, { Foundation.log($0) }, "math.log(x1)"),
            (.tanh, { Foundation.tanh($0) }, "math.tanh(x1)"), (.abs, { Swift.abs($0) }, "abs(x1)"),
            (.sigmoid, { 1 / (1 + Foundation.exp(-$0)) }, "(1 / (1 + math.exp(-(x1))))"), (.relu, { $0 < 0 ? 0 : $0 }, "(0.0 if (x1) < 0 else (x1))"),
        ]
        #expect(Set(FunctionTable.standard.functions.filter { $0.python != nil }.map(\.symbol)) == Set(library.map(\.0.symbol)))
        for (op, f, python) in library {
            #expect(Features.pythonCall(op, argument: "x1") == python)
            for x in [-3.7, -1.0, -0.0, 0.1, 0.5, 2.0, 41.25, 1e-8] where op != .log || x > 0 {
                #expect(op.pythonValue(x) == f(x), "\(op.symbol)(\(x))")
            }
        }
        #expect(Op.sigmoid.pythonValue(-800)?.isNaN == true, "math.exp(800) raises in Python")
        #expect(Op.sigmoid.pythonValue(800) == 1)
        #expect(Op.softplus.pythonValue(1) == nil && Op.sum.pythonValue(1) == nil)
    }

    @Test func featureMistakesPointIntoTheirString() {
        // Line 5 holds the features; the text of their first string starts at column 14.
        let unknown = diagnose(Self.scenario(features: "features = [\"x1\", \"x3 * x1\"]"))
        #expect(unknown?.line == 5 && unknown?.column == 20, "\(String(describing: unknown))")
        #expect(unknown?.message.contains("'x3' is not a column of [data]") == true, "\(String(describing: unknown))")
        let whole = diagnose(Self.scenario(features: "features = [\"sum(x1)\"]"))
        #expect(whole?.line == 5 && whole?.column == 14, "\(String(describing: whole))")
        #expect(whole?.message.contains("one number per sample") == true)
        let syntax = diagnose(Self.scenario(features: "features = [\"x1 *\"]"))
        #expect(syntax?.line == 5 && (syntax?.column ?? 0) > 14, "\(String(describing: syntax))")
        let infinite = diagnose(Self.scenario(features: "features = [\"log(x1)\"]"))
        #expect(infinite?.message.contains("is nan for sample 1 (x1 = -1.0)") == true, "\(String(describing: infinite))")
        let both = diagnose(Self.scenario(data: "x = [1.0, 2.0, 3.0, 4.0]"))
        #expect(both?.message.contains("both x and features") == true, "\(String(describing: both))")
    }

    @Test func aFeatureOverAnUnknownCSVColumnNamesTheFeature() throws {
        let folder = try TestFolder.make("features", files: [
            "points.csv": "x1,x2,label\n0.5,1.0,1\n-1.0,2.0,0\n",
            "s.toml": TestScenarios.logistic(data: "file = \"points.csv\"\nfeatures = [\"x1^2\", \"x9^2\"]\ny = \"label\""),
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try ScenarioLoader.load(path: folder + "/s.toml")
            Issue.record("x9 was accepted")
        } catch {
            #expect(error.line == 4 && error.column == 22, "\(error)")
            #expect(error.message.contains("has no column 'x9'"), "\(error)")
        }
    }

    @Test func testFractionHoldsOutTheLastSamplesInFileOrder() throws {
        let s = try load(Self.scenario(data: "test_fraction = 0.25"))
        #expect(s.sampleCount == 3)
        #expect(s.test.first { $0.name == "y" }?.rows == [[0.0]])
        #expect(s.test.first { $0.name == "x" }?.rows.first?.prefix(2) == [1.5, 3.0])
        #expect(s.heldOut == .fraction(Literal(0.25), count: 1))
    }

    @Test func badHeldOutSettingsAreRefusedWhereTheyAreWritten() {
        for bad in ["test_fraction = 1.0", "test_fraction = 0", "test_fraction = -0.5", "test_fraction = \"a quarter\""] {
            let d = diagnose(Self.scenario(data: bad))
            #expect(d?.line == 6 && d?.column == 17, "\(bad): \(String(describing: d))")
            #expect(d?.message.contains("between 0 and 1") == true, "\(bad)")
        }
        let none = diagnose(Self.scenario(data: "test_fraction = 0.1"))
        #expect(none?.line == 6 && none?.column == 17 && none?.message.contains("needs at least one sample") == true, "\(String(describing: none))")
        let noFile = diagnose(Self.scenario(data: "test_file = \"t.csv\""))
        #expect(noFile?.line == 6 && noFile?.message.contains("test_file needs") == true, "\(String(describing: noFile))")
    }

    @Test func aTestFileWithNoSampleIsRefusedInTheCSV() throws {
        let folder = try TestFolder.make("heldout", files: [
            "points.csv": "x1,x2,label\n0.5,1.0,1\n-1.0,2.0,0\n",
            "empty.csv": "x1,x2,label\n",
            "s.toml": TestScenarios.logistic(data: "file = \"points.csv\"\nx = [\"x1\", \"x2\"]\ny = \"label\"\ntest_file = \"empty.csv\""),
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try ScenarioLoader.load(path: folder + "/s.toml")
            Issue.record("an empty test file was accepted")
        } catch {
            #expect(error.file.hasSuffix("empty.csv") && error.line == 1, "\(error)")
            #expect(error.message.contains("no samples"), "\(error)")
        }
    }

    @Test func aTestFileGivesTheTestLossColumns() throws {
        let folder = try TestFolder.make("heldout", files: [
            "points.csv": "x1,x2,label\n0.5,1.0,1\n-1.0,2.0,0\n1.5,-0.5,1\n",
            "test.csv": "x1,x2,label\n2.0,1.0,1\n-2.0,0.5,0\n",
            "s.toml": TestScenarios.logistic(data: "file = \"points.csv\"\nx = [\"x1\", \"x2\"]\ny = \"label\"\ntest_file = \"test.csv\""),
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let s = try ScenarioLoader.load(path: folder + "/s.toml")
        #expect(s.sampleCount == 3 && s.test.first?.count == 2)
        let csv = try train(s, .csv).split(separator: "\n")
        #expect(csv.first == "epoch,loss,accuracy,test_loss,test_accuracy")
        let jsonl = try train(s, .jsonl)
        #expect(jsonl.contains("\"test_loss\": ") && jsonl.contains("\"test_accuracy\": "))
        #expect(try train(s).contains("\ntest loss: 1 "))
    }
}
