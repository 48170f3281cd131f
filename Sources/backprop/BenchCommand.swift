import ArgumentParser
import Autograd
import Export
import Foundation
import Scenario
import Screen
import TextCanvas

/// `backprop bench`: times the engine, whole processes and the screen, beside PyTorch and micrograd
/// (use a release build). Both sides run the same scenario, round by round.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time training, whole processes and frames beside PyTorch (build with -c release).",
        discussion: """
            Each row runs its sides in turn, round by round (backprop, PyTorch at one thread, PyTorch at its \
            default threads, backprop, …), the same number of rounds each, and prints the median and the \
            least wall time of one operation. PyTorch trains what `backprop export --to pytorch` writes for \
            the same scenario: the same model, data and initial weights. BACKPROP_KERNEL and BACKPROP_THREADS \
            choose our matrix kernel and threads (see docs/speed.md).
            """)

    @Option(parsing: .unconditional, help: "Rounds each side runs of every row, \(Flags.repeats.said). (default: 7)", transform: Flags.repeats.parse)
    var repeats: Int = 7

    @Option(help: "The Python with torch (and micrograd) to measure against (else $BACKPROP_PYTHON, else python3).")
    var python: String?

    @Flag(inversion: .prefixedNo, help: "Time PyTorch and micrograd beside us.")
    var pytorch = true

    @Option(parsing: .unconditional, help: "Widths of the MLP rows, comma-separated.")
    var widths: String = "8,16,32,64,128,256,512,1024"

    @Option(help: "Only these groups, comma-separated: engine, process, screen, or widths (the engine's MLP rows alone).")
    var only: String = "engine,process,screen"

    func validate() throws {
        if let python, BenchCommand.executable(python) == nil {
            throw ValidationError("--python: no program '\(python)' here (give a path to a Python, or a name found in PATH)")
        }
        guard let w = parsedWidths, !w.isEmpty, w.allSatisfy({ (1...4096).contains($0) }) else {
            throw ValidationError("--widths takes widths from 1 to 4096, comma-separated (e.g. 256,512)")
        }
        let groups = only.split(separator: ",").map(String.init)
        if groups.isEmpty || !groups.allSatisfy(["engine", "widths", "process", "screen"].contains) {
            throw ValidationError("--only takes engine, widths, process or screen, comma-separated")
        }
    }

    /// The program a name or path runs: a path as it is, a bare name looked up in PATH; nil when none can run.
    static func executable(_ name: String) -> String? {
        guard !name.isEmpty else { return nil }
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    var parsedWidths: [Int]? {
        let parts = widths.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return parts.contains(nil) ? nil : parts.compactMap { $0 }
    }

    @OptionGroup(title: "Serving a lecture (--serve)") var serving: ServeBenchOptions

    func run() throws {
        if try serving.runIfAsked() { return }
        do {
            try BenchReport(options: self).run()
        } catch {
            Output.error("backprop bench: \(error)")
            throw ExitCode(Exit.other)
        }
    }

    static var isDebugBuild: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }
}
