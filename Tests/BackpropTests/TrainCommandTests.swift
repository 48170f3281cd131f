import Foundation
import Testing
import TestSupport

/// `backprop train`: the lecture's printout digit for digit, and the csv and jsonl exports.
struct TrainCommandTests {
    /// What PyTorch 2.x prints for the lecture's script.
    static func golden() throws -> String {
        try String(contentsOf: Backprop.fixtures.appendingPathComponent("seed_linear.out"), encoding: .utf8)
    }

    @Test func trainLinearPrintsTheLecturesTranscript() throws {
        let result = try Backprop.run(["train", "linear"])  // from a fresh temporary working directory
        #expect(result.exitCode == 0, "\(result)")
        #expect(!result.timedOut)
        #expect(result.stderr == "", "\(result)")
        let expected = try Self.golden()
        let same = result.stdout == expected
        #expect(same, "the transcript differs from what PyTorch printed (Tests/ScenarioTests/Fixtures/seed_linear.out)")
        if !same {
            let got = result.stdoutLines, want = expected.components(separatedBy: "\n")
            if let i = zip(got, want).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(i + 1): got '\(got[i])', PyTorch printed '\(want[i])'")
            } else {
                Issue.record("got \(got.count) lines, PyTorch printed \(want.count) (a trailing newline counts as one)")
            }
        }
    }

    @Test func trainLinearByItsPathPrintsTheSameTranscript() throws {
        let path = Backprop.packageRoot.appendingPathComponent("Sources/Scenario/Builtin/linear.toml").path
        let result = try Backprop.run(["train", path])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout == (try Self.golden()))
    }

    @Test func trainLinearAsCSVHasAHeaderAndOneRowPerEpoch() throws {
        let result = try Backprop.run(["train", "linear", "--format", "csv"])
        #expect(result.exitCode == 0, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.count == 101, "\(result)")
        #expect(lines.first == "epoch,loss")
        for (i, row) in lines.dropFirst().enumerated() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count == 2 && cells[0] == "\(i)" && Double(cells[1]) != nil, "row \(i + 1): '\(row)'")
        }
        // The first epoch's mean loss, (1.0 + 3.8416 + 7.3159) / 3 in float32 steps, as Python prints it.
        #expect(lines.dropFirst().first?.hasPrefix("0,4.05") == true, "\(result)")
    }

    @Test func trainLinearAsJSONLHasOneObjectPerEpoch() throws {
        let result = try Backprop.run(["train", "linear", "--format", "jsonl"])
        #expect(result.exitCode == 0, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.count == 100, "\(result)")
        for (i, line) in lines.enumerated() {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let object else {
                Issue.record("line \(i + 1) is not a JSON object: '\(line)'")
                continue
            }
            #expect((object["epoch"] as? NSNumber)?.intValue == i, "line \(i + 1): '\(line)'")
            #expect(object["loss"] != nil, "line \(i + 1) has no loss: '\(line)'")
            #expect(line.contains("\"w\""), "line \(i + 1) does not mention the param w: '\(line)'")
        }
    }

    @Test func trainWithThreeEpochsPrintsThreeProgressLines() throws {
        let result = try Backprop.run(["train", "linear", "--epochs", "3"])
        #expect(result.exitCode == 0, "\(result)")
        let progress = result.stdoutLines.filter { $0.hasPrefix("progress:") }
        #expect(progress.count == 3, "\(result)")
        // The first three epochs are the lecture's first three epochs, line for line.
        let golden = try Self.golden().components(separatedBy: "\n")
        let prefix = Array(golden.prefix(1 + 3 * 4))
        #expect(Array(result.stdoutLines.prefix(prefix.count)) == prefix)
        #expect(result.stdoutLines.count == prefix.count + 1)
        #expect(result.stdoutLines.last?.hasPrefix("predict (after training) 4 ") == true)
    }

    @Test(arguments: ["csv", "jsonl"])
    func trainWithThreeEpochsExportsThreeEpochs(format: String) throws {
        let result = try Backprop.run(["train", "linear", "--format", format, "--epochs", "3"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutLines.count == (format == "csv" ? 4 : 3), "\(result)")
    }

    @Test func trainWithZeroEpochsOnlyPredicts() throws {
        let result = try Backprop.run(["train", "linear", "--epochs", "0"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutLines == ["predict (before training) 4 4.0", "predict (after training) 4 4.0"], "\(result)")
    }

    /// The lecture's model with lr = 0.3: every epoch multiplies the error by about 2.5, so it
    /// overflows float32 (inf) and then inf − inf gives nan. That is a lesson, not a crash.
    @Test func aDivergingScenarioPrintsInfAndNanAndExitsZero() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("too-fast.toml",
                                    TestScenarios.lecture(title: "Too fast", train: "epochs = 100\nlr = 0.3") + "\n[predict]\nx = [4]\n")
        let result = try Backprop.run(["train", path], in: folder.url)
        #expect(result.exitCode == 0, "\(result)")
        #expect(!result.killedBySignal && !result.timedOut)
        #expect(result.stdoutLines.filter { $0.hasPrefix("progress:") }.count == 100, "\(result)")
        #expect(result.stdout.contains("inf"), "\(result)")
        #expect(result.stdout.contains("nan"), "\(result)")
        #expect(result.stdoutLines.last?.hasPrefix("predict (after training) 4 ") == true)

        // csv and jsonl carry on too (JSON has no nan: the writer must still print valid lines).
        let csv = try Backprop.run(["train", path, "--format", "csv"], in: folder.url)
        #expect(csv.exitCode == 0, "\(csv)")
        #expect(csv.stdoutLines.count == 101, "\(csv)")
        let jsonl = try Backprop.run(["train", path, "--format", "jsonl"], in: folder.url)
        #expect(jsonl.exitCode == 0, "\(jsonl)")
        #expect(jsonl.stdoutLines.count == 100, "\(jsonl)")
        for line in jsonl.stdoutLines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not valid JSON: '\(line)'")
        }
    }

    @Test func theShippedDivergeScenarioPrintsInfAndNanAndExitsZero() throws {
        let result = try Backprop.run(["train", "diverge"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("inf") && result.stdout.contains("nan"), "\(result)")
    }
}
