import PyTorchCode
import Scenario
import Screen
import TextCanvas

/// The formats `backprop export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    case dot, csv, pytorch, cast, svg

    /// A few words for the command's one-line summary.
    public var title: String {
        switch self {
        case .dot: return "Graphviz DOT"
        case .csv: return "loss CSV"
        case .pytorch: return "an equivalent PyTorch script"
        case .cast: return "an asciicast recording"
        case .svg: return "one screen as SVG"
        }
    }

    /// What each format is, for the command's help.
    public var summary: String {
        switch self {
        case .dot: return "the computation graph of one training step (Graphviz)"
        case .csv: return "loss and each scalar param per epoch"
        case .pytorch: return "a Python script that runs the same training in PyTorch"
        case .cast: return "an asciicast v2 recording of the animation"
        case .svg: return "one screen (after --step N events and --keys, at --size, in --theme colours) as SVG, for READMEs and slides"
        }
    }
}

/// The command-line choices an export takes besides the scenario and the format.
public struct ExportOptions: Sendable {
    /// The update step the DOT graph shows (0 = the first).
    public var step: Int?
    /// Stop after this many epochs (csv, pytorch; cast: stop when this epoch begins, default 1).
    public var until: Int?
    /// cast: the recorded terminal's size, speed in events per second, and colours.
    public var width = 100
    public var height = 30
    public var speed: Double = 4
    public var theme: Theme = .dark
    /// svg: keys pressed once the step is reached (a view, the log scale, help), as `frame --keys`;
    /// pytorch: the run those keys make (forks by `A`, `O`, `<`, `>`, and `z`) is the one written.
    public var keys = ""

    public init(step: Int? = nil, until: Int? = nil) {
        self.step = step
        self.until = until
    }
}

/// Why an export could not be made; `isUsage` marks a mistake on the command line (exit 64).
public struct ExportError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var isUsage: Bool

    public init(_ message: String, isUsage: Bool = false) {
        self.message = message
        self.isUsage = isUsage
    }

    public var description: String { message }
}

/// Renders a scenario in one of the export formats: each format is one case here.
public enum Exporter {
    /// Sends the export to `emit` as it is made: the loss table streams, epoch by epoch.
    public static func write(_ scenario: Scenario, as format: ExportFormat, options: ExportOptions = ExportOptions(),
                             to emit: (String) throws -> Void) throws {
        try check(format, options)
        if format == .csv { return try LossTable.csv(scenario, epochs: options.until, emit: emit) }
        try emit(render(scenario, as: format, options: options))
    }

    static func check(_ format: ExportFormat, _ options: ExportOptions) throws {
        if format != .dot, format != .svg, format != .pytorch, options.step != nil {
            throw ExportError("--step chooses the step of the dot graph or the screen of svg and pytorch; \(format.rawValue) has no steps (use --until EPOCHS)", isUsage: true)
        }
        if format != .svg, format != .pytorch, !options.keys.isEmpty {
            throw ExportError("--keys presses keys before the svg screen is drawn or the pytorch run is written (its forks); \(format.rawValue) has neither", isUsage: true)
        }
        if format == .dot || format == .svg, options.until != nil {
            throw ExportError("--until limits the epochs of csv, pytorch and cast; the dot graph shows one step (use --step N)", isUsage: true)
        }
    }

    public static func render(_ scenario: Scenario, as format: ExportFormat, options: ExportOptions = ExportOptions()) throws -> String {
        try check(format, options)
        switch format {
        case .dot:
            return try DotGraph.render(scenario, step: options.step ?? 0)
        case .csv:
            return try LossTable.csv(scenario, epochs: options.until)
        case .pytorch:
            guard options.step != nil || !options.keys.isEmpty else { return try PyTorchScript(scenario: scenario, epochs: options.until).text() }
            // The run as the screen has it after the step and the keys: the forks they make
            // (A, O, < >, z) are written into the script, which then trains what the screen drew.
            let state = try screen(scenario, epochs: options.until, options: options)
            if let failure = state.failure { throw ExportError(failure) }
            return try PyTorchScript(run: state.run).text()
        case .cast:
            // The same frames the screen shows, played as autoplay would; pauses become waits.
            let training = try Training(scenario: scenario)
            let appOptions = AppOptions(autoplay: true, speed: options.speed)
            let state = AppState(training: training, width: options.width, height: options.height, options: appOptions)
            return state.recordAutoplay(training: training, untilEpoch: options.until ?? 1, theme: options.theme).text
        case .svg:
            // The screen `backprop frame --step N` prints, with its colours.
            return SVGScreen(theme: options.theme).render(try screen(scenario, options: options).render())
        }
    }

    /// The screen after `--step N` events and `--keys`, as `frame` makes it (one `AppState.press` path).
    static func screen(_ scenario: Scenario, epochs: Int? = nil, options: ExportOptions) throws -> AppState {
        let training = try Training(scenario: scenario, epochs: epochs)
        var state = AppState(training: training, width: options.width, height: options.height, options: AppOptions())
        let step = options.step ?? 0
        guard step <= state.lastEvent else {
            throw ExportError("--step \(step) is past the last event (\(state.lastEvent))", isUsage: true)
        }
        state.seek(to: step, training: training)
        state.press(options.keys, training: training)
        return state
    }
}
