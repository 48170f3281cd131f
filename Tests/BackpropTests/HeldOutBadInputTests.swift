import Foundation
import Testing

/// Issue 21's bad input through `backprop check`: exit 65 and one `FILE:LINE:COL: error:` line
/// pointing at the key, for a test_fraction outside (0, 1), a test set with no sample, a feature
/// over an unknown column and a negative weight_decay.
struct HeldOutBadInputTests {
    static let base = """
        [params]
        w = [[1.0, 1.0]]
        [model]
        forward = "w @ x"
        loss = "(y_pred - y)^2"

        """

    func check(_ files: [String: String], expect file: String, line: Int, column: Int, _ fragment: String,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryFolder()
        for (name, text) in files { _ = try folder.write(name, text) }
        let result = try Backprop.run(["check", "s.toml"], in: folder.url)
        #expect(result.exitCode == 65 && !result.killedBySignal, "\(result)", sourceLocation: sourceLocation)
        let lines = result.stderrLines.filter { !$0.isEmpty }
        #expect(lines.count == 1 && lines.first?.hasPrefix("\(file):\(line):\(column): error: ") == true, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result)", sourceLocation: sourceLocation)
    }

    static let points = "a,b,y\n1,2,3\n2,1,3\n3,3,6\n4,1,5\n"
    static func data(_ extra: String) -> String {
        "[data]\nfile = \"p.csv\"\nx = [\"a\", \"b\"]\ny = \"y\"\n\(extra)\n" + base
    }

    @Test(arguments: ["1.5", "0", "1.0", "-0.25"])
    func aTestFractionOutsideZeroToOne(_ value: String) throws {
        try check(["p.csv": Self.points, "s.toml": Self.data("test_fraction = \(value)")], expect: "s.toml", line: 5, column: 17,
                  "between 0 and 1")
    }

    @Test func aTestFractionThatHoldsOutNoSample() throws {
        try check(["p.csv": Self.points, "s.toml": Self.data("test_fraction = 0.1")], expect: "s.toml", line: 5, column: 17,
                  "needs at least one sample")
    }

    @Test func aTestFileWithNoSample() throws {
        try check(["p.csv": Self.points, "t.csv": "a,b,y\n", "s.toml": Self.data("test_file = \"t.csv\"")], expect: "t.csv", line: 1, column: 1,
                  "no samples")
    }

    @Test func aFeatureOverAnUnknownColumn() throws {
        let toml = "[data]\nfile = \"p.csv\"\nfeatures = [\"a\", \"c*a\"]\ny = \"y\"\n" + Self.base
        try check(["p.csv": Self.points, "s.toml": toml], expect: "s.toml", line: 3, column: 19, "no column 'c'")
    }

    @Test func aNegativeWeightDecay() throws {
        try check(["p.csv": Self.points, "s.toml": Self.data("") + "[train]\nweight_decay = -0.1\n"], expect: "s.toml", line: 12, column: 16,
                  "weight_decay must be 0 or more")
    }
}
