import ArgumentParser
import Scenario
import Screen
import TextCanvas

/// A terminal size written COLSxROWS, from the smallest screen that draws panels to 1000x1000.
struct TerminalSize: ExpressibleByArgument, Sendable {
    var columns: Int
    var rows: Int

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]),
              Self.columnRange.contains(c), Self.rowRange.contains(r) else { return nil }
        columns = c
        rows = r
    }

    /// Below 40x12 the screen only asks to be enlarged; above 1000 a picture is a mistake.
    static let columnRange = AppState.minimumWidth...1000
    static let rowRange = AppState.minimumHeight...1000
    static let said = "\(columnRange.lowerBound)x\(rowRange.lowerBound) to \(columnRange.upperBound)x\(rowRange.upperBound)"

    /// For `@Option(transform:)`: a size out of range is a usage error that says the range.
    static func parse(_ text: String) throws -> TerminalSize {
        guard let size = TerminalSize(argument: text) else {
            throw ValidationError("--size must be COLSxROWS from \(said), e.g. 80x24")
        }
        return size
    }

    /// What `frame`, `export --to svg` and `--to cast` draw unless told.
    static let standard = TerminalSize(columns: 100, rows: 30)

    /// How `--help` writes the default: `100x30`, as it is typed.
    var defaultValueDescription: String { "\(columns)x\(rows)" }
}

/// `backprop frame`: the screen after N events, as plain text, with no terminal.
struct FrameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frame", abstract: "Print the screen after N animation events as plain text.")

    @Argument(help: "A scenario: a .toml file or the name of a shipped one.", completion: ScenarioCompletion.kind)
    var scenario: String

    // Unconditional parsing: `--step -1` reaches the range's message, not "missing value".
    @Option(parsing: .unconditional, help: "How many events into the animation (0 = the first event). (default: 0)", transform: Flags.step.parse)
    var step: Int = 0

    @Option(parsing: .unconditional, help: "Screen size COLSxROWS, \(TerminalSize.said). (default: \(TerminalSize.standard.defaultValueDescription))", transform: TerminalSize.parse)
    var size = TerminalSize.standard

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Option(help: "Press these keys first (e.g. 'v' for the heat-map view, 's' for the log scale, '?' for help).")
    var keys: String = ""

    @OptionGroup var data: DataAccess

    func run() throws {
        try Self.frame(Request(scenario: scenario, step: step, size: size, ascii: ascii, keys: keys), allowDataOutside: data.allowDataOutside)
    }

    /// What a command line asks `frame` for.
    struct Request {
        var scenario: String
        var step = 0
        var size = TerminalSize.standard
        var ascii = false
        var keys = ""
    }

    /// What `run` does, callable without a parsed command (`QuickParse.frame`).
    static func frame(_ request: Request, allowDataOutside: Bool = false) throws {
        let loaded = try loadScenario(request.scenario, allowDataOutside: allowDataOutside)
        let training: Training
        do {
            training = try Training(scenario: loaded)
        } catch {
            Output.error("backprop: \(error)")
            throw ExitCode(Exit.other)
        }
        var options = AppOptions(glyphs: request.ascii ? .ascii : .unicode)
        options.colour = false  // plain text: pictures in shapes, as on a monochrome terminal
        var state = AppState(training: training, width: request.size.columns, height: request.size.rows, options: options)
        if request.step > state.lastEvent {
            Output.error("backprop: --step \(request.step) is past the last event (\(state.lastEvent))")
            throw ExitCode(Exit.usage)
        }
        state.seek(to: request.step, training: training)
        state.press(request.keys, training: training)
        let canvas = state.render()
        Output.out(canvas.text + "\n")
    }
}
