import ArgumentParser

/// `backprop`: see backpropagation happen, in a terminal.
struct BackpropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop",
        abstract: "See backpropagation happen: the graph, forward values, gradients flowing back, the loss.",
        version: BackpropCommand.version,
        subcommands: [RunCommand.self, TrainCommand.self, ListCommand.self, CheckCommand.self, FrameCommand.self, BenchCommand.self, ExportCommand.self, DemoCommand.self, LectureCommand.self, ServeCommand.self, GuideCommand.self],
        defaultSubcommand: RunCommand.self)

    /// What `backprop --version` prints (main.swift answers it before ArgumentParser's reflection;
    /// the configuration names it so that `--help` lists the flag).
    static let version = "0.1.0"
}

/// Exit codes of the command line (sysexits).
enum Exit {
    static let usage: Int32 = 64
    static let badScenario: Int32 = 65
    static let other: Int32 = 1
}
