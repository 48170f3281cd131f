import Autograd
import Export
import Foundation
import PyTorchCode
import Scenario
import Screen
import TextCanvas

/// The rows of `backprop bench`, each side measured as `BenchRounds` interleaves them.
struct BenchReport {
    let options: BenchCommand
    let rounds: Int
    let python: String
    let groups: Set<String>
    /// A debug build is some fifty times slower: a short set whose numbers only show the bench works.
    let debug = BenchCommand.isDebugBuild

    init(options: BenchCommand) {
        self.options = options
        rounds = BenchCommand.isDebugBuild ? 1 : options.repeats
        python = options.python ?? ProcessInfo.processInfo.environment["BACKPROP_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        groups = Set(options.only.split(separator: ",").map(String.init))
    }

    /// Seconds a side's round lasts: a debug build's rounds are short, its figures only show the bench works.
    func round(_ seconds: Double) -> Double { debug ? seconds / 10 : seconds }

    /// What a row promises, checked against its medians.
    enum Goal {
        case atMost(Double)
        /// PyTorch (at its default threads) over ours at least this much.
        case fasterThanPyTorch(Double)
        /// Ours at most PyTorch's time at one thread.
        case aheadOfPyTorchOneThread
        /// Ours at most PyTorch's time at its default threads.
        case aheadOfPyTorchDefault
    }

    func run() throws {
        let folder = try BenchFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        printHeader()
        var torch: PyTorchChild?
        if !options.pytorch {
            Output.out("PyTorch and micrograd: skipped (--no-pytorch)\n")
        } else if debug {
            Output.out("PyTorch and micrograd: skipped in a debug build (its times mean nothing beside theirs)\n")
        } else {
            switch PyTorchChild.start(python: python) {
            case .success(let child):
                torch = child
                Output.out("PyTorch: \(child.version) (\(python)), trained from `backprop export SCENARIO --to pytorch` of the same scenario\n")
            case .failure(let why):
                Output.out("PyTorch: not measured: \(why.reason)\n")
            }
        }
        defer { torch?.quit() }
        let sides = torch == nil ? "backprop" : "backprop, PyTorch at 1 thread, PyTorch at its default threads, backprop, …"
        Output.out("Each row: \(rounds) round\(rounds == 1 ? "" : "s") a side, interleaved (\(sides)); wall time of one operation, median / min.\n\n")
        if debug {
            Output.out("note: a debug build, so a short set whose numbers mean little;\n"
                       + "      for real numbers: swift build -c release && .build/release/backprop bench\n\n")
        }
        if groups.contains("engine") || groups.contains("widths") {
            header(["backprop", "PyTorch 1 thread", "PyTorch default"])
            if groups.contains("engine") { try engineRows(torch, folder) }
            try widthRows(torch, folder)
        }
        if groups.contains("process") { try processRows(torch, folder) }
        if groups.contains("screen") { try screenRows() }
        Output.out(String(format: "\nload average %.1f at the end (other work on this machine slows both sides alike)\n", BenchMachine.load))
    }

    func printHeader() {
        let widest = MatmulKernel.available.last ?? .portable
        Output.out("backprop bench on \(BenchMachine.processor) (\(BenchMachine.processors) processors online): "
                   + "vectors up to \(widest.vectorBits) bits (\(BenchMachine.vectorName(widest)))\n")
        Output.out("matrix products: \(MatmulKernel.chosen.rawValue) kernel (\(MatmulKernel.choice.note)), up to \(MatmulKernel.threads) threads"
                   + String(format: "; load average %.1f at the start\n", BenchMachine.load))
    }

    // MARK: engine

    func engineRows(_ torch: PyTorchChild?, _ folder: URL) throws {
        // Printing numbers as Python does: float32 values read as doubles, as transcripts and csv print them.
        var seed: UInt32 = 12345
        let numbers: [Double] = (0..<10_000).map { _ in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return Double(Float(bitPattern: 0x3000_0000 &+ seed % 0x2000_0000)) * (seed & 1 == 0 ? 1 : -1)
        }
        var printed = 0
        var sides = [BenchSide(name: "backprop") { count in
            BenchRounds.perOperation(count) { for v in numbers { printed &+= NumberFormat.python(v).utf8.count } }.map { $0 / Double(numbers.count) }
        }]
        if let torch { sides.append(BenchSide(name: "Python repr") { count in torch.ask("repr \(count)").flatMap(Double.init) }) }
        row("format a float as Python's repr (vs Python)", BenchRounds.interleave(sides, rounds: rounds, roundSeconds: round(0.03)),
            goals: [.atMost(225e-9)], columns: [0, 1])

        try epochRow("lecture: one epoch (3 steps), engine", name: "linear", scenario: Builtins.load("linear"), torch, folder,
                     goals: [.atMost(150e-9)])
        try epochRow("deep193: one full-batch epoch, engine", name: "deep193", scenario: Builtins.load("deep193"), torch, folder,
                     goals: [.atMost(12e-6), .fasterThanPyTorch(20)])
    }

    /// The MLP of each width in `--widths` (the engine group's last rows, or `--only widths` alone).
    func widthRows(_ torch: PyTorchChild?, _ folder: URL) throws {
        var medians: [(width: Int, ours: Double?, theirs: Double?)] = []
        for width in debug ? [8] : options.parsedWidths ?? [] {
            let label = "MLP width \(width), batch 64: one epoch"
            let scenario: Scenario
            do {
                scenario = try BenchScenarios.mlp(width: width)
            } catch {
                Output.out(BenchText.padded(label, 48) + "not loaded: \(error)\n")
                continue
            }
            let goals: [Goal] = width <= 32 ? [.aheadOfPyTorchOneThread] : width >= 256 ? [.aheadOfPyTorchDefault] : []
            let draws = try epochRow(label, name: "mlp\(width)", scenario: scenario, torch, folder, goals: goals)
            medians.append((width, draws.first?.median, draws.count > 2 ? draws[2].median : nil))
        }
        growth(medians)
    }

    /// One epoch of a scenario, ours against PyTorch's export of it; says when the first epoch's losses differ.
    @discardableResult
    func epochRow(_ label: String, name: String, scenario: Scenario, _ torch: PyTorchChild?, _ folder: URL, goals: [Goal]) throws -> [BenchDraws] {
        let first = Trainer(scenario: scenario)
        var ourLoss = 0.0
        for b in 0..<scenario.stepsPerEpoch { ourLoss = try first.step(batch: b) }
        let trainer = Trainer(scenario: scenario)
        let steps = scenario.stepsPerEpoch
        var sides = [BenchSide(name: "backprop") { count in
            BenchRounds.perOperation(count) { for b in 0..<steps { _ = try trainer.step(batch: b) } }
        }]
        var note = ""
        if let torch {
            let script = folder.appendingPathComponent("\(name).py")
            try PyTorchScript(scenario: scenario).text().write(to: script, atomically: true, encoding: .utf8)
            switch torch.load(name, script: script.path) {
            case .success(let theirLoss):
                sides.append(torch.side("PyTorch 1 thread", name, threads: 1))
                sides.append(torch.side("PyTorch default", name, threads: 0))
                let same = abs(theirLoss - ourLoss) <= 1e-4 * max(abs(theirLoss), 1e-30)
                if !same { note = "  NOT THE SAME MODEL: epoch 0's loss \(ourLoss) here, \(theirLoss) in PyTorch" }
            case .failure(let why):
                note = "  (PyTorch: \(why.reason))"
            }
        }
        let draws = BenchRounds.interleave(sides, rounds: rounds, roundSeconds: round(0.03))
        row(label, draws, goals: goals, columns: [0, 1, 2], note: note)
        return draws
    }

    /// How each doubling of the width multiplies an epoch's time (4× is W²'s growth).
    func growth(_ medians: [(width: Int, ours: Double?, theirs: Double?)]) {
        func line(_ name: String, _ times: [(Int, Double?)]) -> String? {
            var parts: [String] = []
            for (a, b) in zip(times, times.dropFirst()) {
                guard let ta = a.1, let tb = b.1, b.0 == 2 * a.0 else { continue }
                parts.append("\(a.0)→\(b.0) \(String(format: "%.1f", tb / ta))×")
            }
            return parts.isEmpty ? nil : "  \(name): " + parts.joined(separator: ", ")
        }
        var lines = ["MLP epoch time for each doubling of W (W²'s growth is 4×):"]
        if let l = line("backprop", medians.map { ($0.width, $0.ours) }) { lines.append(l) }
        if let l = line("PyTorch default threads", medians.map { ($0.width, $0.theirs) }) { lines.append(l) }
        if lines.count > 1 { Output.out(lines.joined(separator: "\n") + "\n") }
    }

    // MARK: whole processes

    func processRows(_ torch: PyTorchChild?, _ folder: URL) throws {
        Output.out("\n")
        header(["backprop", "micrograd", "PyTorch script"])
        let me = BenchProcess.backprop
        var sides = [BenchProcess.side("backprop", [me, "train", "linear", "--format", "transcript"])]
        var notes: [String] = []
        if torch != nil {
            if let micrograd = BenchFiles.reference("micrograd_linear.py") {
                if BenchProcess.run([python, "-c", "import micrograd"]) != nil {
                    sides.append(BenchProcess.side("micrograd", [python, micrograd]))
                } else {
                    notes.append("micrograd: \(python) cannot import it (pip install micrograd)")
                    sides.append(BenchSide(name: "micrograd") { _ in nil })
                }
            }
            let script = folder.appendingPathComponent("linear-process.py")
            try PyTorchScript(scenario: try Builtins.load("linear")).text().write(to: script, atomically: true, encoding: .utf8)
            sides.append(BenchProcess.side("PyTorch script", [python, script.path]))
        }
        row("lecture: `train linear`, whole process", BenchRounds.interleave(sides, rounds: rounds, roundSeconds: 0), goals: [],
            columns: [0, 1, 2], versus: "vs", note: notes.isEmpty ? "" : "  (" + notes.joined(separator: "; ") + ")")

        let frame = BenchProcess.side("backprop", [me, "frame", "deep193", "--step", "0", "--size", "200x60"])
        row("deep193: first frame at 200×60, whole process", BenchRounds.interleave([frame], rounds: rounds, roundSeconds: 0),
            goals: [.atMost(10e-3)], columns: [0])

        // A big model read and checked: two 1024×1024 layers and 64 samples written out (not in a debug build: seconds).
        if !debug {
            let big = folder.appendingPathComponent("mlp1024.toml")
            let text = BenchScenarios.mlpText(width: 1024, compact: true)
            try text.write(to: big, atomically: true, encoding: .utf8)
            let label = String(format: "`check` of a %.1f MB scenario (two 1024×1024 layers), whole process", Double(text.utf8.count) / 1_048_576)
            row(label, BenchRounds.interleave([BenchProcess.side("backprop", [me, "check", big.path])], rounds: min(rounds, 5), roundSeconds: 0),
                goals: [.atMost(0.5)], columns: [0])
        }

        // G on a long run: the lecture at 10^6 epochs, trained to the end and drawn (not in a debug build: minutes).
        let epochs = 1_000_000
        if !debug, let text = Builtins.text(of: "linear") {
            let long = folder.appendingPathComponent("long.toml")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            try lines.map { $0.hasPrefix("epochs =") ? "epochs = \(epochs)" : String($0) }.joined(separator: "\n")
                .write(to: long, atomically: true, encoding: .utf8)
            let arguments = [me, "frame", long.path, "--keys", "G", "--size", "120x40"]
            row("G on the lecture at \(epochs) epochs, whole process", BenchRounds.interleave([BenchProcess.side("backprop", arguments)],
                rounds: min(rounds, 3), roundSeconds: 0), goals: [.atMost(1)], columns: [0])
            if let peak = BenchProcess.run(arguments)?.peak { Output.out(String(format: "  its peak memory: %.1f MB (goal ≤ 64 MB)\n", peak / 1_048_576)) }
        }
    }

    // MARK: screen

    func screenRows() throws {
        Output.out("\n")
        header(["backprop"])
        let training = try Training(scenario: try Builtins.load("deep193"))
        var state = AppState(training: training, width: 200, height: 60)
        state.seek(to: 20, training: training)
        _ = state.render()
        var cursor = 20
        let frame = BenchSide(name: "backprop") { count in
            BenchRounds.perOperation(count) {
                cursor = cursor == 20 ? 21 : 20
                state.seek(to: cursor, training: training)
                _ = state.render()
            }
        }
        row("deep193: build and render one frame at 200×60", BenchRounds.interleave([frame], rounds: rounds, roundSeconds: round(0.05)),
            goals: [.atMost(1e-3)], columns: [0])
        let picture = BenchScenarios.chain(nodes: 300)
        let layout = BenchSide(name: "backprop") { count in BenchRounds.perOperation(count) { _ = GraphLayout(picture) } }
        row("layout of a 300-node graph", BenchRounds.interleave([layout], rounds: rounds, roundSeconds: round(0.05)), goals: [], columns: [0])
    }

    // MARK: printing

    func header(_ names: [String]) {
        Output.out(BenchText.padded("", 48) + names.map { BenchText.padded($0, 22) }.joined() + "\n")
    }

    /// A row: each side's median / min, ours against the others, and the goals.
    func row(_ label: String, _ draws: [BenchDraws], goals: [Goal], columns: [Int], versus: String = "vs PyTorch", note: String = "") {
        var text = BenchText.padded(label, 48)
        for (i, _) in columns.enumerated() {
            text += BenchText.padded(i < draws.count ? BenchText.draws(draws[i]) : "—", 22)
        }
        let ours = draws.first?.median
        var verdicts: [String] = []
        if let ours {
            for other in draws.dropFirst() {
                if let theirs = other.median { verdicts.append("backprop \(BenchText.ratio(ours: ours, theirs: theirs)) than \(other.name)") }
            }
            let oneThread = draws.count > 1 ? draws[1].median : nil, byDefault = draws.count > 2 ? draws[2].median : nil
            for goal in goals {
                switch goal {
                case .atMost(let budget):
                    verdicts.append("≤ \(BenchText.time(budget)): \(ours <= budget ? "ok" : "OVER")")
                case .fasterThanPyTorch(let factor):
                    if let byDefault { verdicts.append("≥ \(Int(clamping: factor, to: 0...Int.max))× PyTorch: \(byDefault / ours >= factor ? "ok" : "SHORT")") }
                case .aheadOfPyTorchOneThread:
                    if let oneThread { verdicts.append("ahead of PyTorch 1 thread: \(ours <= oneThread ? "ok" : "SHORT")") }
                case .aheadOfPyTorchDefault:
                    if let byDefault { verdicts.append("ahead of PyTorch default: \(ours <= byDefault ? "ok" : "SHORT")") }
                }
            }
        }
        if !verdicts.isEmpty { text += "[" + verdicts.joined(separator: "; ") + "]" }
        Output.out(text + note + "\n")
    }
}

/// What the bench says about the machine it runs on.
enum BenchMachine {
    static var processor: String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "this processor" }
        for line in info.split(separator: "\n") where line.hasPrefix("model name") || line.hasPrefix("Model") {
            if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
        }
        return "this processor"
    }

    static var processors: Int { ProcessInfo.processInfo.activeProcessorCount }

    static func vectorName(_ path: MatmulPath) -> String {
        switch path {
        case .avx512: return "AVX-512"
        case .avx2: return "AVX2"
        case .neon: return "NEON"
        case .portable: return "no wider kernel: SSE2 or the baseline"
        }
    }

    static var load: Double {
        var loads = [0.0, 0.0, 0.0]
        return getloadavg(&loads, 1) == 1 ? loads[0] : 0
    }
}
