import ArgumentParser
import Export
import Scenario
import TextCanvas

extension ExportFormat: ExpressibleByArgument {}

/// `backprop export`: the scenario as Graphviz DOT, a loss CSV, an equivalent PyTorch script, a recording or one screen as SVG.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a scenario: " + ExportFormat.allCases.map(\.title).joined(separator: ", ") + ".",
        discussion: ExportFormat.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

    @Argument(help: "A scenario: a .toml file or the name of a shipped one (see `backprop list`).", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(name: .customLong("to"), help: ArgumentHelp("What to write (see the formats above).", valueName: "format"))
    var format: ExportFormat

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to FILE (replaced only by a complete file) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("dot: the update step to draw, with its values and gradients (0 = the first); svg, pytorch: the screen after N events, as `frame --step N`.", valueName: "n"),
            transform: Flags.step.parse)
    var step: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("csv, pytorch: stop after this many epochs (like `train --epochs`); cast: record until this epoch begins (default 1), at most 3000 frames.", valueName: "epochs"),
            transform: Flags.until.parse)
    var until: Int?

    @Option(parsing: .unconditional, help: "cast, svg: the terminal's size COLSxROWS, \(TerminalSize.said). (default: \(TerminalSize.standard.defaultValueDescription))", transform: TerminalSize.parse)
    var size = TerminalSize.standard

    @Option(parsing: .unconditional, help: "cast: animation speed, \(Flags.speed.said). (default: 4)", transform: Flags.speed.parse)
    var speed: Double = 4

    @Option(help: "cast, svg: colours, dark, light or mono.")
    var theme: Theme = .dark

    @Option(help: "svg: press these keys once the step is reached, as `frame --keys` (e.g. 'v' for the next view, 's' for the log scale); pytorch: the script trains the run they make (forks by A, O, < and >, and z).")
    var keys: String = ""

    @OptionGroup var data: DataAccess

    func validate() throws {
        if output?.isEmpty == true { throw ValidationError("-o needs a file name") }
    }

    func run() throws {
        let loaded = try loadScenario(scenario, data: data)
        if let output { try refuseWritingOver(loaded, output, as: "-o") }
        var options = ExportOptions(step: step, until: until)
        options.width = size.columns
        options.height = size.rows
        options.speed = speed
        options.theme = theme
        options.keys = keys
        let file: OutputFile?
        do {
            file = try output.map { path throws(AtomicFile.Failure) in try OutputFile.create(path) }
        } catch {
            Output.error("backprop: \(error)")
            throw ExitCode(Exit.other)
        }
        do {
            try Exporter.write(loaded, as: format, options: options) { chunk in
                if let file { try file.write(chunk) } else { Output.out(chunk) }
            }
            try file?.commit()
        } catch {
            file?.discard()
            switch error {
            case let error as ExportError:
                Output.error("backprop: \(error)")
                throw ExitCode(error.isUsage ? Exit.usage : Exit.other)
            case let error as AtomicFile.Failure:
                Output.error("backprop: \(error)")
            default:
                Output.error("backprop: export failed: \(error)")
            }
            throw ExitCode(Exit.other)
        }
    }
}
