import ArgumentParser
import Scenario

/// `backprop check`: validate scenario files, naming file, line and column of each mistake.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check scenario files; exit 0 when all are good, 65 otherwise.")

    @Argument(help: "Scenario files (or names of shipped scenarios).", completion: ScenarioCompletion.kind)
    var files: [String]

    @OptionGroup var data: DataAccess

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file to check") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let scenario = try Builtins.load(file, allowDataOutside: data.allowDataOutside)
                Output.out(escapingControlCharacters("\(file): ok — \(scenario.title)") + "\n")
            } catch {
                Output.error(error.description)
                failed = true
            }
        }
        if failed { throw ExitCode(Exit.badScenario) }
    }
}
