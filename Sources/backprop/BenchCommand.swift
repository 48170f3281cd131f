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

    @Option(help: "Repetitions of each measurement (the median is reported).")
    var repeats: Int = 7

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
    }

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

    /// Median seconds per operation over `repeats` runs of `count` operations (a short set in debug).
    func measure(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        let clock = ContinuousClock()
        let count = BenchCommand.isDebugBuild ? max(1, count / 100) : count
        for _ in 0..<repeats {
            let start = clock.now
            for _ in 0..<count { try body() }
            let d = clock.now - start
            times.append((Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) / Double(count))
        }
        return times.sorted()[times.count / 2]
    }

    func line(_ what: String, _ seconds: Double, budget: Double) {
        let unit = seconds < 1e-6 ? String(format: "%8.1f ns", seconds * 1e9)
            : seconds < 1e-3 ? String(format: "%8.3f µs", seconds * 1e6) : String(format: "%8.3f ms", seconds * 1e3)
        let budgetText = budget < 1e-6 ? String(format: "%.0f ns", budget * 1e9)
            : budget < 1e-3 ? String(format: "%.0f µs", budget * 1e6) : String(format: "%.0f ms", budget * 1e3)
        Output.out("\(what.padding(toLength: 58, withPad: " ", startingAt: 0)) \(unit)   (budget \(budgetText): \(seconds <= budget ? "ok" : "OVER"))\n")
    }

    func report() throws {
        if BenchCommand.isDebugBuild {
            Output.out("note: a debug build, so a short set (a hundredth of each measurement) whose numbers mean little;\n"
                       + "      for real numbers: swift build -c release && .build/release/backprop bench\n")
        }
        // 0. Printing numbers as Python does: float32 values read as doubles, as transcripts and csv print them.
        var seed: UInt32 = 12345
        let numbers: [Double] = (0..<10_000).map { _ in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return Double(Float(bitPattern: 0x3000_0000 &+ seed % 0x2000_0000)) * (seed & 1 == 0 ? 1 : -1)
        }
        var printed = 0
        let format = measure(1) { for v in numbers { printed &+= NumberFormat.python(v).utf8.count } }
        _ = printed
        line("format one float as Python's repr (NumberFormat.python)", format / Double(numbers.count), budget: 225e-9)

        // 1. One training step of the lecture's model: forward, backward, update, zero grad.
        let linear = try Builtins.load("linear")
        let trainer = Trainer(scenario: linear)
        var batch = 0
        let step = try measure(300_000) {
            try trainer.step(batch: batch)
            batch = batch == 2 ? 0 : batch + 1
        }
        line("lecture model: one training step", step, budget: 1e-6)

        // The recorder costs nothing when off: the same step with a backward log, for contrast.
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
        Output.out(String(format: "%@ %8.3f µs plain, %8.3f µs recording every message\n",
                          "lecture model: forward + backward".padding(toLength: 58, withPad: " ", startingAt: 0), plain * 1e6, recorded * 1e6))

        // 2. One full-batch epoch of the lecture's 5-6-7-7-6-5 network on 8 samples.
        let deep = try Builtins.load("deep193")
        let deepTrainer = Trainer(scenario: deep)
        let epoch = try measure(20_000) { try deepTrainer.step(batch: 0) }
        line("deep193: one full-batch epoch (8 samples, 193 weights)", epoch, budget: 50e-6)

        // 3. Building and rendering one frame of deep193 at 200×60.
        var state = AppState(timeline: try Timeline(scenario: deep), width: 200, height: 60)
        state.seek(to: 20)
        _ = state.render()
        var cursor = 20
        let frame = measure(300) {
            cursor = cursor == 20 ? 21 : 20
            state.seek(to: cursor)
            _ = state.render()
        }
        line("deep193: build and render one frame at 200×60", frame, budget: 2e-3)

        // 4. Laying out a 300-node graph (a deep chain of ops, each with its own param).
        let picture = BenchGraphs.chain(nodes: 300)
        let layout = measure(20) { _ = GraphLayout(picture) }
        line("layout of a 300-node graph", layout, budget: 20e-3)

        // 5. Memory: the lecture at 100 000 epochs, trained to the end, then a point in the middle.
        var big = linear
        big.train.epochs = BenchCommand.isDebugBuild ? 1_000 : 100_000
        var longRun = AppState(timeline: try Timeline(scenario: big), width: 120, height: 40)
        let clock = ContinuousClock()
        let start = clock.now
        longRun.seek(to: longRun.lastEvent)
        _ = longRun.render()
        longRun.seek(to: longRun.lastEvent / 2)
        let middle = longRun.render().text.contains(HeaderPanel.positionText(longRun.event, in: longRun.timeline))
        let elapsed = clock.now - start
        Output.out("lecture at \(big.train.epochs) epochs: end, then epoch \(longRun.event.epoch) on screen (\(middle ? "shown" : "NOT shown")) in \(elapsed)\n")
        Output.out("peak memory (VmHWM): \(peakMemory())\n")
    }

    func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "unknown" }
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
}

/// Synthetic graphs for timing the layout.
enum BenchGraphs {
    static func chain(nodes: Int) -> GraphPicture {
        var boxes: [GraphBox] = []
        var arrows: [GraphArrow] = []
        var previous = 0
        boxes.append(GraphBox(id: 0, title: "x", lines: ["= 1.0"], kind: .input))
        var id = 1
        while id + 1 < nodes {
            boxes.append(GraphBox(id: id, title: "W\(id)", lines: ["= 0.5"], kind: .param))
            boxes.append(GraphBox(id: id + 1, title: "MM", lines: ["= 0.25"], kind: .op))
            arrows.append(GraphArrow(from: previous, to: id + 1))
            arrows.append(GraphArrow(from: id, to: id + 1))
            if id > 4 { arrows.append(GraphArrow(from: id - 3, to: id + 1)) }
            previous = id + 1
            id += 2
        }
        return GraphPicture(nodes: boxes, edges: arrows)
    }
}
