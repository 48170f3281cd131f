import ArgumentParser
import Scenario

/// `backprop list`: the shipped scenarios, one line each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the shipped scenarios.")

    func run() throws {
        let names = Builtins.names
        let width = (names.map(\.count).max() ?? 0) + 2
        for name in names {
            // Read from the file alone; that every shipped scenario loads whole is the tests' (and `check`'s) to say.
            let summary = Builtins.summary(of: name) ?? "(broken: its summary does not read)"
            Output.out(name.padding(toLength: width, withPad: " ", startingAt: 0) + summary + "\n")
        }
    }
}
