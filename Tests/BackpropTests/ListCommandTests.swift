import Foundation
import Testing

/// `backprop list`: the shipped scenarios, one line each, and every one of them is valid.
struct ListCommandTests {
    /// The names `backprop list` prints (the first word of each line).
    static func listedNames() throws -> [String] {
        let result = try Backprop.run(["list"])
        return result.stdoutLines.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// The `summary = "…"` line of the shipped linear.toml, so a reworded summary does not break the test.
    static func linearSummary() throws -> String {
        let text = try String(contentsOf: Backprop.packageRoot.appendingPathComponent("Sources/Scenario/Builtin/linear.toml"),
                              encoding: .utf8)
        let line = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("summary") })
        let quoted = try #require(line.split(separator: "\"", maxSplits: 1).last)
        return String(quoted.dropLast(quoted.hasSuffix("\"") ? 1 : 0))
    }

    @Test func listShowsLinearFirstWithItsSummary() throws {
        let result = try Backprop.run(["list"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")
        let first = try #require(result.stdoutLines.first, "\(result)")
        #expect(first.hasPrefix("linear "), "\(result)")
        #expect(first.hasSuffix(try Self.linearSummary()), "\(result)")
        #expect(!result.stdout.contains("(broken"), "a shipped scenario does not load:\n\(result)")
    }

    @Test func listNamesAreUniqueAndOnePerLine() throws {
        let result = try Backprop.run(["list"])
        let names = try Self.listedNames()
        #expect(names.count == result.stdoutLines.count)
        #expect(Set(names).count == names.count, "\(names)")
        #expect(names.count > 1, "\(result)")
    }

    @Test func everyListedScenarioPassesCheck() throws {
        let names = try Self.listedNames()
        #expect(!names.isEmpty)
        for name in names {
            let result = try Backprop.run(["check", name])
            #expect(result.exitCode == 0, "backprop check \(name): \(result)")
            #expect(result.stderr == "", "backprop check \(name): \(result)")
        }
    }
}
