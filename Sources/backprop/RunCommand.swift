import ArgumentParser
import Scenario

/// `backprop run`: the interactive screen.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Step through training on the screen.")

    @Argument(help: "A scenario: a .toml file or the name of a shipped one.")
    var scenario: String = "linear"

    func run() throws {
        _ = try loadScenario(scenario)
        Output.error("backprop: the screen is not built yet")
        throw ExitCode(Exit.other)
    }
}
