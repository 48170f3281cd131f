import ArgumentParser
import Scenario

extension OutputFormat: ExpressibleByArgument {}

/// `backprop train`: headless training, printing the lecture's transcript (or csv, jsonl).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train a scenario without the screen and print what happens.")

    @Argument(help: "A scenario: a .toml file or the name of a shipped one (see `backprop list`).", completion: ScenarioCompletion.kind)
    var scenario: String

    @Option(help: "transcript (the lecture's printout), csv (loss per epoch) or jsonl (params per epoch).")
    var format: OutputFormat = .transcript

    @Option(parsing: .unconditional, help: "Train this many epochs instead of the scenario's (\(Flags.trainEpochs.said)).", transform: Flags.trainEpochs.parse)
    var epochs: Int?

    @OptionGroup var data: DataAccess

    func run() throws {
        try Self.train(scenario, format: format, epochs: epochs, allowDataOutside: data.allowDataOutside)
    }

    /// What `run` does, callable without a parsed command (`QuickParse.train`).
    static func train(_ scenario: String, format: OutputFormat, epochs: Int?, allowDataOutside: Bool = false) throws {
        let loaded = try loadScenario(scenario, allowDataOutside: allowDataOutside)
        do {
            try TranscriptWriter(scenario: loaded, format: format, epochs: epochs).run(emit: Output.out)
        } catch {
            Output.error("backprop: training stopped: \(error)")
            throw ExitCode(Exit.other)
        }
    }
}

/// Loads a scenario or exits 65 with its diagnostic. `run` is the default command, so a
/// mistyped command (`backprop lst`) arrives as a scenario name: `orCommand` suggests the command too.
func loadScenario(_ reference: String, data: DataAccess, orCommand: Bool = false) throws -> Scenario {
    try loadScenario(reference, allowDataOutside: data.allowDataOutside, orCommand: orCommand)
}

/// The same, with the data-access flag as a value.
func loadScenario(_ reference: String, allowDataOutside: Bool, orCommand: Bool = false) throws -> Scenario {
    do {
        return try Builtins.load(reference, allowDataOutside: allowDataOutside)
    } catch {
        Output.error(error.description)
        if orCommand, let command = closestCommand(to: reference) {
            Output.error("backprop: '\(reference)' is not a command either; did you mean `backprop \(command)`?")
        }
        throw ExitCode(Exit.badScenario)
    }
}

/// The subcommand a misspelt word most likely meant, if it is close to one.
func closestCommand(to word: String) -> String? {
    guard !word.contains("/"), !word.contains(".") else { return nil }
    let names = BackpropCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
    return closestMatch(to: word, in: names)
}
