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

    @Option(parsing: .unconditional, help: "Animation speed: \(Flags.speed.said) (an event is a node's value or gradient).", transform: Flags.speed.parse)
    var speed: Double?

    @Option(parsing: .unconditional, help: "Train this many epochs instead of the scenario's (\(Flags.screenEpochs.said)).", transform: Flags.screenEpochs.parse)
    var epochs: Int?

    @Option(help: "Colours: dark, light (for projectors) or mono.")
    var theme: Theme = .dark

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Option(help: "Record the session as an asciicast v2 file (play it with `asciinema play`).")
    var record: String?

    @Flag(help: "Quiz: before each value or gradient is shown, type what it will be.")
    var quiz = false

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

    @Option(parsing: .unconditional, help: "Animation speed of each first epoch: \(Flags.speed.said). (default: 4)", transform: Flags.speed.parse)
    var speed: Double = 4

    @Option(parsing: .unconditional, help: "Train each scenario this many epochs instead of its own (\(Flags.screenEpochs.said)).", transform: Flags.screenEpochs.parse)
    var epochs: Int?

    @Option(help: "Colours: dark, light (for projectors) or mono.")
    var theme: Theme = .dark

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    func run() throws {
        let scenarios = try Builtins.names.map { try loadScenario($0) }
        let options = AppOptions(autoplay: true, speed: speed, glyphs: ascii ? .ascii : .unicode, kiosk: true)
        let code = try Session.run(scenarios: scenarios, epochs: epochs, options: options, theme: theme)
        if code != 0 { throw ExitCode(code) }
    }
}
