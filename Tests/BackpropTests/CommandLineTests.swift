import Foundation
import Testing

/// The command line says what it does: defaults written once, negative numbers reach their own
/// message, a mistyped command is suggested, `--epochs` works wherever training runs.
struct CommandLineTests {
    @Test func aNegativeStepSaysTheRange() throws {
        for arguments in [["frame", "linear", "--step", "-1"], ["export", "linear", "--to", "dot", "--step", "-1"]] {
            let result = try Backprop.run(arguments)
            #expect(result.exitCode == 64, "\(result)")
            #expect(result.stderr.contains("--step must be a whole number from 0 to"), "\(result)")
        }
    }

    @Test func helpWritesEachDefaultOnceAsItIsTyped() throws {
        let frame = try Backprop.run(["frame", "--help"])
        let words = frame.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("(default: 100x30)"), "\(frame)")
        #expect(!frame.stdout.contains("TerminalSize"), "\(frame)")
        #expect(!frame.stdout.contains("(default 100x30)"), "\(frame)")
        let export = try Backprop.run(["export", "--help"])
        #expect(!export.stdout.contains("(default 4)"), "\(export)")
        #expect(!export.stdout.contains("TerminalSize"), "\(export)")
    }

    @Test func theTopLevelSummaryNamesEveryExportFormat() throws {
        let help = try Backprop.run(["--help"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("asciicast"), "\(help)")
    }

    @Test func aMistypedCommandIsSuggested() throws {
        let result = try Backprop.run(["lst"])
        #expect(result.exitCode == 65, "\(result)")
        #expect(result.stderr.contains("did you mean `backprop list`"), "\(result)")
        // A real scenario-name typo is not mistaken for a command.
        let typo = try Backprop.run(["run", "lineer"])
        #expect(!typo.stderr.contains("not a command"), "\(typo)")
    }

    @Test func runAndDemoTakeEpochs() throws {
        for command in ["run", "demo"] {
            let zero = try Backprop.run([command] + (command == "run" ? ["linear"] : []) + ["--epochs", "0"])
            #expect(zero.exitCode == 64 && zero.stderr.contains("--epochs must be a whole number from 1 to 10000000"), "\(zero)")
            let negative = try Backprop.run([command, "--epochs", "-3"])
            #expect(negative.exitCode == 64 && negative.stderr.contains("--epochs must be a whole number from 1 to 10000000"), "\(negative)")
            // A good count is accepted: the command goes on to want a terminal (exit 1, not 64).
            let good = try Backprop.run([command, "--epochs", "1000"])
            #expect(good.exitCode == 1 && good.stderr.contains("terminal"), "\(good)")
        }
    }

    @Test func benchOnADebugBuildRunsAShortSetAndSaysHowToBuildForRealNumbers() throws {
        let result = try Backprop.run(["bench", "--repeats", "1"], timeout: 90)
        #expect(!result.timedOut, "bench must end in seconds on any build")
        #expect(result.exitCode == 0, "\(result)")
        #if DEBUG
        #expect(result.stdout.contains("-c release"), "\(result)")
        #endif
    }

    @Test func benchOnlyWidthsRunsTheMLPRowsAlone() throws {
        let result = try Backprop.run(["bench", "--only", "widths", "--widths", "8", "--repeats", "1", "--no-pytorch"], timeout: 90)
        #expect(!result.timedOut && result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains("MLP width 8, batch 64: one epoch"), "\(result)")
        #expect(!result.stdout.contains("lecture: one epoch") && !result.stdout.contains("deep193") && !result.stdout.contains("whole process"),
                "\(result)")
        let wrong = try Backprop.run(["bench", "--only", "width"])
        #expect(wrong.exitCode == 64 && wrong.stderr.contains("--only takes engine, widths, process or screen"), "\(wrong)")
    }
}
