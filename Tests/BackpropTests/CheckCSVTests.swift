import Foundation
import Testing

/// `backprop check` reads a scenario's CSV too: a bad cell is exit 65 with the CSV's line and
/// column, and the scenario line that asked for it.
struct CheckCSVTests {
    static let toml = """
        title = "t"
        [data]
        file = "points.csv"
        x = ["x1", "x2"]
        y = "label"
        [params]
        w = [[0.1, 0.2]]
        [model]
        forward = "w @ x"
        loss = "(y_pred - y)^2"

        """

    @Test func checkReadsTheCSVAndNamesItsBadCell() throws {
        let folder = try TemporaryFolder()
        try folder.write("s.toml", Self.toml)
        try folder.write("points.csv", "x1,x2,label\n1,2,3\n4,five,6\n")
        let result = try Backprop.run(["check", "s.toml"], in: folder.url)
        #expect(result.exitCode == 65, "\(result)")
        #expect(result.stderrLines.filter { !$0.isEmpty } == ["points.csv:3:3: error: x2 is 'five', not a number (asked for at s.toml:4:5)"], "\(result)")
    }

    @Test func checkAcceptsAGoodCSVAndTrainReadsIt() throws {
        let folder = try TemporaryFolder()
        try folder.write("s.toml", Self.toml)
        try folder.write("points.csv", "x1,x2,label\n1,2,3\n4,5,6\n")
        let check = try Backprop.run(["check", "s.toml"], in: folder.url)
        #expect(check.exitCode == 0, "\(check)")
        let train = try Backprop.run(["train", "s.toml", "--epochs", "1", "--format", "csv"], in: folder.url)
        #expect(train.exitCode == 0, "\(train)")
        #expect(train.stdout.hasPrefix("epoch,loss\n0,"), "\(train)")
    }
}
