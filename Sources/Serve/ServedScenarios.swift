import Foundation
import Scenario

/// The scenarios a server was given (the shipped ones, or files named at start): a client picks
/// among these by name, never by a path.
public struct ServedScenarios: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var scenario: Scenario

        public init(name: String, scenario: Scenario) {
            self.name = name
            self.scenario = scenario
        }
    }

    public let entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// The entry a client named (exec command or user name), ignoring case and surrounding blanks.
    public func entry(named name: String) -> Entry? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return entries.first { $0.name.lowercased() == wanted }
    }

    /// What a session starts on: the scenario its command names (a command that names none is
    /// refused: no command is ever run), else the one its user name names, else the only one, else the menu (nil).
    public func choice(for start: SessionStart) -> Result<Entry?, SessionRefusal> {
        if let command = start.command {
            guard let entry = entry(named: command) else {
                let names = entries.map(\.name).joined(separator: ", ")
                return .failure(SessionRefusal("backprop runs no commands; `\(escapingControlCharacters(String(command.prefix(40))))` is not a scenario here (\(names))", exitStatus: 1))
            }
            return .success(entry)
        }
        if let entry = entry(named: start.user) { return .success(entry) }
        return .success(entries.count == 1 ? entries[0] : nil)
    }
}
