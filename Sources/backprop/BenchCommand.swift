import ArgumentParser
import Autograd
import Foundation
import Scenario
import Screen
import TextCanvas

/// `backprop bench`: times the engine and the screen in this process (use a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time training steps, frames and layout (build with -c release).")

    @Option(parsing: .unconditional, help: "Repetitions of each measurement (the least CPU time is reported), \(Flags.repeats.said). (default: 7)", transform: Flags.repeats.parse)
    var repeats: Int = 7

    @Flag(inversion: .prefixedNo, help: "Time PyTorch beside us (references/bench_pytorch.py, when python3 has torch).")
    var pytorch = true

    func run() throws {
        do {
            try report()
        } catch {
            Output.error("backprop bench: \(error)")
            throw ExitCode(Exit.other)
        }
    }

    /// A debug build is some fifty times slower: it runs a hundredth of each measurement, so it
    /// ends in seconds rather than minutes (its numbers only show that the bench works).
    static var isDebugBuild: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }

    /// Seconds per operation: the least CPU time of this thread over `repeats` runs of `count`
    /// operations (a short set in debug). CPU time and the minimum, because the machine is shared:
    /// other work adds to wall time and to some runs, never takes away.
    func measure(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        let count = BenchCommand.isDebugBuild ? max(1, count / 100) : count
        for _ in 0..<repeats {
            let start = BenchCommand.threadCPU()
            for _ in 0..<count { try body() }
            best = min(best, (BenchCommand.threadCPU() - start) / Double(count))
        }
        return best
    }

    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// What a row promises: at most some time, or some ratio against PyTorch's figure.
    enum Goal {
        case atMost(Double)
        /// PyTorch's time over ours at least this much (20 = twenty times faster).
        case fasterThanPyTorch(Double)
        /// Ours at most this many times PyTorch's.
        case withinPyTorch(Double)
        case none
    }

    /// One row: what, our time, PyTorch's (when measured), the ratio, the goal and whether it holds.
    func row(_ what: String, _ seconds: Double, pytorch: Double? = nil, goals: [Goal] = []) {
        var text = what.padding(toLength: 50, withPad: " ", startingAt: 0) + " " + BenchCommand.time(seconds)
        if let pytorch {
            text += "   PyTorch " + BenchCommand.time(pytorch)
            text += pytorch >= seconds ? String(format: "  (%.1f× faster)", pytorch / seconds) : String(format: "  (%.2f× slower)", seconds / pytorch)
        }
        var verdicts: [String] = []
        for goal in goals {
            switch goal {
            case .atMost(let budget):
                verdicts.append("≤ \(BenchCommand.time(budget).trimmingCharacters(in: .whitespaces)): \(seconds <= budget ? "ok" : "OVER")")
            case .fasterThanPyTorch(let factor):
                guard let pytorch else { continue }
                verdicts.append("≥ \(Int(clamping: factor, to: 0...Int.max))× PyTorch: \(pytorch / seconds >= factor ? "ok" : "SHORT")")
            case .withinPyTorch(let factor):
                guard let pytorch else { continue }
                verdicts.append(factor == 1 ? "ahead of PyTorch: \(seconds <= pytorch ? "ok" : "SHORT")"
                                : "within \(Int(clamping: factor, to: 0...Int.max))× PyTorch: \(seconds <= factor * pytorch ? "ok" : "SHORT")")
            case .none:
                break
            }
        }
        if !verdicts.isEmpty { text += "   [" + verdicts.joined(separator: "; ") + "]" }
        Output.out(text + "\n")
    }

    static func time(_ seconds: Double) -> String {
        if seconds < 1e-6 { return String(format: "%7.1f ns", seconds * 1e9) }
        if seconds < 1e-3 { return String(format: "%7.2f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%7.2f ms", seconds * 1e3) }
        return String(format: "%7.2f s ", seconds)
    }

    /// Runs this binary with `arguments` `runs` times: the least of its CPU time (user + system)
    /// as a whole process, which a busy machine disturbs less than the wall clock, and the largest
    /// resident size any child of this process has reached so far (bytes).
    func wholeProcess(_ arguments: [String], runs: Int = 5) -> (cpu: Double, peak: Double)? {
        var times: [Double] = []
        for _ in 0..<runs {
            let before = BenchCommand.children().cpu
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            times.append(BenchCommand.children().cpu - before)
        }
        return (times.min() ?? 0, BenchCommand.children().peak)
    }

    static func children() -> (cpu: Double, peak: Double) {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return (cpu, Double(usage.ru_maxrss) * 1024)
    }

    func report() throws {
        if BenchCommand.isDebugBuild {
            Output.out("note: a debug build, so a short set (a hundredth of each measurement) whose numbers mean little;\n"
                       + "      for real numbers: swift build -c release && .build/release/backprop bench\n")
        }
        // G on a long run: the lecture at 10^6 epochs, trained to the end and drawn, whole process.
        // Measured first, while this process is small: a child's peak memory counts the pages it
        // shares with its parent until it starts, and PyTorch's run would hide it altogether.
        var longRun: (cpu: Double, peak: Double)?
        let epochs = BenchCommand.isDebugBuild ? 1_000 : 1_000_000
        let long = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-bench-\(getpid()).toml")
        if let path = Builtins.path(of: "linear"), let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let longText = lines.map { $0.hasPrefix("epochs =") ? "epochs = \(epochs)" : String($0) }.joined(separator: "\n")
            try longText.write(to: long, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: long) }
            longRun = wholeProcess(["frame", long.path, "--keys", "G", "--size", "120x40"], runs: 3)
        }

        // A debug build's numbers mean nothing beside PyTorch's, and its run must stay short.
        let torch = !pytorch ? BenchReference(note: "PyTorch: skipped (--no-pytorch)")
            : BenchCommand.isDebugBuild ? BenchReference(note: "PyTorch: skipped in a debug build")
            : BenchReference.measure()
        Output.out(torch.version.isEmpty ? torch.note + "\n" : "PyTorch \(torch.version), measured just now on this machine (references/bench_pytorch.py)\n")

        // 1. Printing numbers as Python does: float32 values read as doubles, as transcripts and csv print them.
        var seed: UInt32 = 12345
        let numbers: [Double] = (0..<10_000).map { _ in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return Double(Float(bitPattern: 0x3000_0000 &+ seed % 0x2000_0000)) * (seed & 1 == 0 ? 1 : -1)
        }
        var printed = 0
        let format = measure(1) { for v in numbers { printed &+= NumberFormat.python(v).utf8.count } }
        _ = printed
        // 4.5 µs a number before (issue 13); the goal is twenty times that. Python's own repr() beside it.
        row("format a float as Python's repr (vs Python repr)", format / Double(numbers.count), pytorch: torch["repr_float"],
            goals: [.atMost(225e-9)])

        // 2. One training step of the lecture's model: forward, backward, update, zero grad.
        let linear = try Builtins.load("linear")
        let trainer = Trainer(scenario: linear)
        var batch = 0
        let step = try measure(300_000) {
            try trainer.step(batch: batch)
            batch = batch == 2 ? 0 : batch + 1
        }
        row("lecture: one training step, engine", step, pytorch: torch["lecture_step"], goals: [.atMost(50e-9)])

        // The recorder costs nothing when off: the same forward + backward with a backward log, for contrast.
        let runner = trainer.runner
        let recorded = try measure(100_000) {
            let loss = try runner.run(batch: 0)
            var log = BackwardLog()
            try runner.tape.backward(loss, recorder: &log)
            trainer.tape.zeroGrad()
        }
        let plain = try measure(100_000) {
            let loss = try runner.run(batch: 0)
            try runner.tape.backward(loss)
            trainer.tape.zeroGrad()
        }
        row("lecture: forward + backward, no recorder", plain)
        row("lecture: forward + backward, recording every send", recorded)

        // 3. The lecture end to end: `train linear --format csv`, whole process, many epochs minus one.
        let many = BenchCommand.isDebugBuild ? 1_001 : 200_001
        if let long = wholeProcess(["train", "linear", "--format", "csv", "--epochs", String(many)]),
           let short = wholeProcess(["train", "linear", "--format", "csv", "--epochs", "1"]) {
            row("lecture: epoch + csv line, whole process", max(0, long.cpu - short.cpu) / Double(many - 1),
                pytorch: torch["lecture_epoch_csv"], goals: [.fasterThanPyTorch(500)])
        }

        // 4. One full-batch epoch of the lecture's 5-6-7-7-6-5 network on 8 samples.
        let deep = try Builtins.load("deep193")
        let deepTrainer = Trainer(scenario: deep)
        let epoch = try measure(20_000) { try deepTrainer.step(batch: 0) }
        row("deep193: one full-batch epoch, engine", epoch, pytorch: torch["deep193_epoch"], goals: [.atMost(12e-6), .fasterThanPyTorch(20)])

        // 5. The MLP across widths: 64 samples, two W×W layers, one full-batch epoch, one thread each.
        for width in BenchCommand.isDebugBuild ? [8, 16] : [8, 16, 32, 64, 128, 256, 512] {
            let mlp = Trainer(scenario: try BenchScenarios.mlp(width: width))
            try mlp.step(batch: 0)
            let epochs = max(3, 4_000_000 / (width * width * 16))
            let seconds = try measure(epochs) { try mlp.step(batch: 0) }
            let goals: [Goal] = width <= 32 ? [.withinPyTorch(1)] : width == 256 ? [.withinPyTorch(2)] : []
            row("MLP width \(width), batch 64: one epoch", seconds, pytorch: torch["mlp\(width)_epoch"], goals: goals)
        }

        // 6. The screen: deep193's first frame at 200×60 as a whole process; building a frame in process.
        if let frame = wholeProcess(["frame", "deep193", "--step", "0", "--size", "200x60"]) {
            row("deep193: first frame at 200×60, whole process", frame.cpu, goals: [.atMost(20e-3)])
        }
        var state = AppState(timeline: try Timeline(scenario: deep), width: 200, height: 60)
        state.seek(to: 20)
        _ = state.render()
        var cursor = 20
        let frame = measure(300) {
            cursor = cursor == 20 ? 21 : 20
            state.seek(to: cursor)
            _ = state.render()
        }
        row("deep193: build and render one frame at 200×60", frame, goals: [.atMost(2e-3)])

        let picture = BenchScenarios.chain(nodes: 300)
        let layout = measure(20) { _ = GraphLayout(picture) }
        row("layout of a 300-node graph", layout, goals: [.atMost(20e-3)])

        // 7. G, measured at the start.
        if let longRun {
            row("G on the lecture at \(epochs) epochs, whole process", longRun.cpu, goals: [.atMost(1)])
            Output.out(String(format: "  its peak memory: %.1f MB (goal ≤ 64 MB)\n", longRun.peak / 1_048_576))
        }
    }
}
