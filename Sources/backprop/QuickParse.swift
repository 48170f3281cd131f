import ArgumentParser
import Scenario

/// A command line that names its verb (`backprop train linear`), parsed without ArgumentParser's
/// two extra parses that look for a completion-script request — a third of a lecture run's start-up.
///
/// `Root` holds the same verbs as `BackpropCommand`, under a configuration that ArgumentParser takes
/// for part of a bigger tool (`_superCommandName`), where it does not look for completion requests;
/// and with no default verb, so naming one does not read all of `run`'s options first. Only a parse
/// that gives one of our verbs is taken: anything else (help, --version, a usage error, a scenario
/// without a verb, --generate-completion-script) is parsed again by `BackpropCommand`, so whatever a
/// user reads comes from the real root.
enum QuickParse {
    struct Root: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backprop", _superCommandName: "backprop", subcommands: BackpropCommand.configuration.subcommands)
    }

    static func command(_ arguments: [String]) -> ParsableCommand? {
        guard let first = arguments.first, !first.hasPrefix("-"), let parsed = try? Root.parseAsRoot(arguments) else { return nil }
        let kind = type(of: parsed)
        return BackpropCommand.configuration.subcommands.contains { $0 == kind } ? parsed : nil
    }
}

extension QuickParse {
    /// `train SCENARIO [--format F] [--epochs N]`: the lecture's headless run read without
    /// ArgumentParser, whose reflection of a command's properties took more instructions (12 M) than
    /// loading, training and printing the lecture together. The values go through the same
    /// conversions as `TrainCommand`'s options; anything else (another flag, a repeated or bad value,
    /// `--`, help) gives nil, and ArgumentParser parses the line and words any error.
    static func train(_ arguments: [String]) -> (scenario: String, format: OutputFormat, epochs: Int?)? {
        guard arguments.first == "train" else { return nil }
        var scenario: String?, format: OutputFormat?, epochs: Int?
        var rest = arguments.dropFirst()
        while let word = rest.popFirst() {
            if !word.hasPrefix("-") {
                guard scenario == nil else { return nil }
                scenario = word
                continue
            }
            let (name, attached) = word.firstIndex(of: "=").map { (String(word[..<$0]), String(word[word.index(after: $0)...])) } ?? (word, nil)
            guard let value = attached ?? rest.popFirst() else { return nil }
            switch name {
            case "--format" where format == nil:
                guard let f = OutputFormat(argument: value) else { return nil }
                format = f
            case "--epochs" where epochs == nil:
                guard let n = try? Flags.trainEpochs.parse(value) else { return nil }
                epochs = n
            default: return nil
            }
        }
        guard let scenario else { return nil }
        return (scenario, format ?? .transcript, epochs)
    }
}
