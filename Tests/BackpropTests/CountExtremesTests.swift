import Foundation
import Testing
import TestSupport

/// Scenarios whose counts sit at their edge — no epochs, one epoch, one sample, a batch wider than
/// the data, a one-row CSV, a hidden layer one unit wide, a model with nothing to train — through
/// every command that reads a file and every screen that steps. Each ends in a screen, a script or a
/// refusal with its position (65); none dies on a signal (a file's `epochs = 0` passed check and then
/// crashed frame and export --to cast/svg with an index out of range, exit 132).
struct CountExtremesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var toml: String
        var csv: String? = nil
        var testDescription: String { name }
    }

    /// The lecture's scenario (TestSupport keeps its text once), two epochs, one sample a step.
    static let linear = TestScenarios.lecture(title: "t", train: "epochs = 2\nlr = 0.01\nbatch_size = 1") + "\n"

    static let mlp = """
        title = "t"
        [data]
        file = "rows.csv"
        x = ["x1", "x2"]
        y = "label"
        [params]
        W1 = [[0.5, -0.25]]
        b1 = [0.1]
        W2 = [[0.75]]
        b2 = -0.2
        [model]
        forward = ["h = tanh(W1 @ x + b1)", "y_pred = sigmoid(W2 @ h + b2)"]
        loss = "-(y * log(y_pred) + (1 - y) * log(1 - y_pred))"
        [train]
        epochs = 2
        lr = 0.1
        batch_size = "all"

        """

    static func linear(_ old: String, _ new: String) -> String {
        precondition(linear.contains(old))
        return linear.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case(name: "one epoch", toml: linear("epochs = 2", "epochs = 1")),
        Case(name: "one sample", toml: linear("x = [1.0, 2.0, 3.0]\ny = [2.0, 4.0, 6.0]", "x = [1.0]\ny = [2.0]")),
        Case(name: "a batch wider than the data", toml: linear("batch_size = 1", "batch_size = 7")),
        Case(name: "the whole data as one batch", toml: linear("batch_size = 1", "batch_size = \"all\"")),
        Case(name: "nothing to train", toml: linear("w = 1.0", "").replacingOccurrences(of: "x * w", with: "x * 2.0")),
        Case(name: "a one-row CSV and a hidden layer one unit wide", toml: mlp, csv: "x1,x2,label\n0.5,-1.5,1\n"),
        Case(name: "a held-out split that leaves one sample to train on",
             toml: mlp.replacingOccurrences(of: "y = \"label\"", with: "y = \"label\"\ntest_fraction = 0.5"),
             csv: "x1,x2,label\n0.5,-1.5,1\n0.25,0.5,0\n"),
    ]

    /// Every command that reads a scenario file, with what it prints last; the keys go to the end of
    /// the run and back (G, g), through the views, the plot and watch.
    static let commands: [[String]] = [
        ["check"], ["train"],
        ["frame", "--step", "0"], ["frame", "--keys", "G"], ["frame", "--keys", "Gg"], ["frame", "--keys", "vvvvpw"],
        ["export", "--to", "cast", "--until", "1"], ["export", "--to", "svg"], ["export", "--to", "svg", "--keys", "G"],
        ["export", "--to", "pytorch"], ["export", "--to", "dot"], ["export", "--to", "csv"],
    ]

    func folder(for c: Case) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        if let csv = c.csv { _ = try folder.write("rows.csv", csv) }
        return (folder, try folder.write("s.toml", c.toml))
    }

    @Test(arguments: cases)
    func everyCommandEndsInWordsNotASignal(c: Case) throws {
        let (folder, path) = try folder(for: c)
        for command in Self.commands {
            var arguments = command
            arguments.insert(path, at: 1)
            if command.first == "export" { arguments += ["-o", folder.url.appendingPathComponent("out").path] }
            let result = try Backprop.run(arguments, in: folder.url, timeout: 30)
            let said = "\(c.name): backprop \(arguments.joined(separator: " ")): \(result)"
            #expect(!result.killedBySignal && !result.timedOut, "\(said)")
            #expect([0, 65].contains(result.exitCode), "\(said)")
            #expect(!result.stderr.contains("Fatal error"), "\(said)")
            if result.exitCode == 65 { #expect(result.stderr.contains("s.toml:"), "a refusal names its position: \(said)") }
        }
    }

    /// `epochs = 0` gives the screens no step: the file is refused where it says 0, by every command
    /// (check too, so a file that passes check never crashes a screen).
    @Test func noEpochsIsRefusedAtTheValueByEveryCommand() throws {
        let (folder, path) = try folder(for: Case(name: "no epochs", toml: Self.linear("epochs = 2", "epochs = 0")))
        for command in Self.commands {
            var arguments = command
            arguments.insert(path, at: 1)
            if command.first == "export" { arguments += ["-o", folder.url.appendingPathComponent("out").path] }
            let result = try Backprop.run(arguments, in: folder.url, timeout: 30)
            let said = "backprop \(arguments.joined(separator: " ")): \(result)"
            #expect(result.exitCode == 65 && !result.killedBySignal, "\(said)")
            #expect(result.stderr.contains("s.toml:11:10: error: epochs must be at least 1"), "\(said)")
        }
        // Asked for on the command line, no epochs stays what train prints: the predictions untrained.
        let result = try Backprop.run(["train", "linear", "--epochs", "0"], in: folder.url)
        #expect(result.exitCode == 0, "\(result)")
    }
}
