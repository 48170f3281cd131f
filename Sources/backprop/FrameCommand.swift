import ArgumentParser
import Export
import Scenario
import Screen
import TextCanvas

/// A terminal size written COLSxROWS.
struct TerminalSize: ExpressibleByArgument {
    var columns: Int
    var rows: Int

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), c >= 0, r >= 0 else { return nil }
        columns = c
        rows = r
    }

    /// Columns and rows a drawn screen may have at most.
    static let maximum = 1000

    func validate() throws {
        if columns > Self.maximum || rows > Self.maximum {
            throw ValidationError("--size must be at most \(Self.maximum)x\(Self.maximum), found \(columns)x\(rows)")
        }
    }

    /// How `--help` writes the default: `100x30`, as it is typed.
    var defaultValueDescription: String { "\(columns)x\(rows)" }
}

/// `backprop frame`: the screen after N events, as plain text, with no terminal.
struct FrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frame", abstract: "Print the screen after N animation events as plain text.")

    @Argument(help: "A scenario: a .toml file or the name of a shipped one.")
    var scenario: String

    // Unconditional parsing: `--step -1` reaches validate() and its message, not "missing value".
    @Option(parsing: .unconditional, help: "How many events into the animation (0 = the first event).")
    var step: Int = 0

    @Option(help: "Screen size COLSxROWS.")
    var size = TerminalSize(columns: 100, rows: 30)

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Option(help: "Press these keys first (e.g. 'v' for the heat-map view, 's' for the log scale, '?' for help).")
    var keys: String = ""

    func validate() throws {
        if step < 0 { throw ValidationError("--step must be 0 or more") }
        try size.validate()
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        let timeline: Timeline
        do {
            timeline = try Timeline(scenario: loaded)
        } catch {
            Output.error("backprop: \(error)")
            throw ExitCode(Exit.other)
        }
        var options = AppOptions(glyphs: ascii ? .ascii : .unicode)
        options.colour = false  // plain text: pictures in shapes, as on a monochrome terminal
        options.codeListing = try? PyTorchScript(scenario: loaded).listing()
        var state = AppState(timeline: timeline, width: size.columns, height: size.rows, options: options)
        if step > state.lastEvent {
            Output.error("backprop: --step \(step) is past the last event (\(state.lastEvent))")
            throw ExitCode(Exit.usage)
        }
        state.seek(to: step)
        for key in keys { _ = state.update(.key(.character(key))) }
        let canvas = state.render()
        Output.out(canvas.text + "\n")
    }
}
