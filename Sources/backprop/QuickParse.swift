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
    /// `VERB SCENARIO` with `--name value` (or `--name=value`) for names in `options` and bare
    /// `--name` for names in `flags`, each at most once, in any order. Anything else (another flag,
    /// a second word, `--`, help, a value that begins with `-`) gives nil, and ArgumentParser
    /// parses the line and words any error.
    /// (Arrays, not sets: the first `Set<String>` of a run costs the runtime a scan of every
    /// conformance record, 0.4 M instructions.)
    static func words(_ arguments: [String], verb: String, options: [String], flags: [String] = [])
        -> (scenario: String, values: [String: String], flags: [String])? {
        guard arguments.first == verb else { return nil }
        var scenario: String?, values: [String: String] = [:], given: [String] = []
        var rest = arguments.dropFirst()
        while let word = rest.popFirst() {
            if !word.hasPrefix("-") {
                guard scenario == nil else { return nil }
                scenario = word
                continue
            }
            if flags.contains(word) {
                guard !given.contains(word) else { return nil }
                given.append(word)
                continue
            }
            let (name, attached) = word.firstIndex(of: "=").map { (String(word[..<$0]), String(word[word.index(after: $0)...])) } ?? (word, nil)
            guard options.contains(name), values[name] == nil, let value = attached ?? rest.popFirst(), !value.hasPrefix("-") else { return nil }
            values[name] = value
        }
        guard let scenario else { return nil }
        return (scenario, values, given)
    }

    /// `train SCENARIO [--format F] [--epochs N]`: the lecture's headless run read without
    /// ArgumentParser, whose reflection of a command's properties took more instructions (12 M) than
    /// loading, training and printing the lecture together. The values go through the same
    /// conversions as `TrainCommand`'s options.
    static func train(_ arguments: [String]) -> (scenario: String, format: OutputFormat, epochs: Int?)? {
        guard let line = words(arguments, verb: "train", options: ["--format", "--epochs"]) else { return nil }
        var format = OutputFormat.transcript, epochs: Int?
        if let value = line.values["--format"] {
            guard let f = OutputFormat(argument: value) else { return nil }
            format = f
        }
        if let value = line.values["--epochs"] {
            guard let n = try? Flags.trainEpochs.parse(value) else { return nil }
            epochs = n
        }
        return (line.scenario, format, epochs)
    }

    /// `frame SCENARIO [--step N] [--size COLSxROWS] [--keys K] [--ascii]`, read as `train` is (a
    /// first frame as a process paid ArgumentParser's 12 M instructions too), through
    /// `FrameCommand`'s own conversions.
    static func frame(_ arguments: [String]) -> FrameCommand.Request? {
        guard let line = words(arguments, verb: "frame", options: ["--step", "--size", "--keys"], flags: ["--ascii"]) else { return nil }
        var request = FrameCommand.Request(scenario: line.scenario)
        if let value = line.values["--step"] {
            guard let n = try? Flags.step.parse(value) else { return nil }
            request.step = n
        }
        if let value = line.values["--size"] {
            guard let size = try? TerminalSize.parse(value) else { return nil }
            request.size = size
        }
        request.keys = line.values["--keys"] ?? ""
        request.ascii = line.flags.contains("--ascii")
        return request
    }
}
