import ArgumentParser
import Foundation
import Scenario
import Screen
import Terminal
import TextCanvas

extension Theme: ExpressibleByArgument {}

/// `backprop run`: the interactive screen.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Step through training on the screen.")

    @Argument(help: "A scenario: a .toml file or the name of a shipped one.")
    var scenario: String = "linear"

    @Flag(help: "Start playing at once; stop at captions marked pause until space.")
    var autoplay = false

    @Flag(help: "Start over at the end.")
    var loop = false

    @Option(parsing: .unconditional, help: "Animation speed in events (nodes) per second; any number above 0.")
    var speed: Double?

    @Option(parsing: .unconditional, help: "Train this many epochs instead of the scenario's.")
    var epochs: Int?

    @Option(help: "Colours: dark, light (for projectors) or mono.")
    var theme: Theme = .dark

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Option(help: "Record the session as an asciicast v2 file (play it with `asciinema play`).")
    var record: String?

    @Flag(help: "Quiz: before each value or gradient is shown, type what it will be.")
    var quiz = false

    func validate() throws {
        if let speed, !(speed > 0) { throw ValidationError("--speed must be a number greater than 0") }
        try validateEpochs(epochs)
    }

    func run() throws {
        let loaded = try loadScenario(scenario, orCommand: true)
        let options = AppOptions(autoplay: autoplay, loop: loop, speed: speed, glyphs: ascii ? .ascii : .unicode, quiz: quiz)
        let code = try Session.run(scenarios: [loaded], epochs: epochs, options: options, theme: theme, record: record)
        if code != 0 { throw ExitCode(code) }
    }
}

/// `backprop demo`: every shipped scenario in autoplay, one after another, for a lecture hall.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Play every shipped scenario in turn (q leaves).")

    @Option(parsing: .unconditional, help: "Animation speed in events (nodes) per second for each first epoch.")
    var speed: Double = 4

    @Option(parsing: .unconditional, help: "Train each scenario this many epochs instead of its own.")
    var epochs: Int?

    @Option(help: "Colours: dark, light (for projectors) or mono.")
    var theme: Theme = .dark

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    func validate() throws {
        if !(speed > 0) { throw ValidationError("--speed must be a number greater than 0") }
        try validateEpochs(epochs)
    }

    func run() throws {
        let scenarios = try Builtins.names.map { try loadScenario($0) }
        let options = AppOptions(autoplay: true, speed: speed, glyphs: ascii ? .ascii : .unicode, kiosk: true)
        let code = try Session.run(scenarios: scenarios, epochs: epochs, options: options, theme: theme)
        if code != 0 { throw ExitCode(code) }
    }
}

/// The screen animates epochs, so it needs at least one (`train --epochs 0` may print none).
func validateEpochs(_ epochs: Int?) throws {
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be 1 or more") }
    try validateEpochLimit(epochs, option: "--epochs")
}

/// The scenario's own limit, for every option that counts epochs.
func validateEpochLimit(_ epochs: Int?, option: String) throws {
    if let epochs, epochs > ScenarioLoader.maximumEpochs {
        throw ValidationError("\(option) must be at most \(ScenarioLoader.maximumEpochs) (the limit for a scenario's epochs), found \(epochs)")
    }
}
