import ArgumentParser

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
