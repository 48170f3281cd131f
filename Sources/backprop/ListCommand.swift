import ArgumentParser
import Scenario

/// `backprop list`: the shipped scenarios, one line each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the shipped scenarios.")

    func run() throws {
        let names = Builtins.names
        let width = (names.map(\.count).max() ?? 0) + 2
        for name in names {
            let summary: String
            do {
                summary = try Builtins.load(name).summary
            } catch {
                summary = "(broken: \(error.message))"
            }
            Output.out(name.padding(toLength: width, withPad: " ", startingAt: 0) + summary + "\n")
        }
    }
}
