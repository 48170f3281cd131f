import ArgumentParser
import Scenario
import Screen

/// The values a numeric flag takes, checked as the flag is parsed: anything else (nan, inf, 1e100,
/// -1, a typo) is a usage error (exit 64) that says the range, before any work starts.
struct FlagRange<Value: Comparable & Sendable>: Sendable {
    let flag: String
    let range: ClosedRange<Value>
    /// The range as people type it, with what the number counts: `0.01 to 1000000 events a second`.
    let said: String
    private let kind: String
    private let read: @Sendable (String) -> Value?

    /// For `@Option(transform:)`.
    func parse(_ text: String) throws -> Value {
        guard let value = read(text), range.contains(value) else { throw ValidationError("\(flag) must be \(kind) from \(said)") }
        return value
    }
}

extension FlagRange where Value == Int {
    init(_ flag: String, _ range: ClosedRange<Int>, unit: String = "") {
        self.init(flag: flag, range: range, said: "\(range.lowerBound) to \(range.upperBound)" + (unit.isEmpty ? "" : " " + unit),
                  kind: "a whole number", read: { Int($0) })
    }
}

extension FlagRange where Value == Double {
    /// A decimal number: `Double("nan")` and `"inf"` read, and are refused by the range.
    init(_ flag: String, _ range: ClosedRange<Double>, unit: String = "") {
        func written(_ value: Double) -> String { Int(exactly: value).map(String.init) ?? "\(value)" }
        self.init(flag: flag, range: range, said: "\(written(range.lowerBound)) to \(written(range.upperBound))" + (unit.isEmpty ? "" : " " + unit),
                  kind: "a number", read: { Double($0) })
    }
}

/// Every numeric flag of every command, with its range: one table, so no flag goes unbounded.
enum Flags {
    static let speed = FlagRange("--speed", AppState.speedRange, unit: "events a second")
    /// The screen animates epochs, so it needs at least one (`train --epochs 0` may print none).
    static let screenEpochs = FlagRange("--epochs", 1...ScenarioLoader.maximumEpochs)
    static let trainEpochs = FlagRange("--epochs", 0...ScenarioLoader.maximumEpochs)
    static let until = FlagRange("--until", 0...ScenarioLoader.maximumEpochs)
    /// Events into the animation; the scenario's own last event is checked once it is loaded.
    static let step = FlagRange("--step", 0...maximumStep)
    static let repeats = FlagRange("--repeats", 1...1000)
    /// Serving over SSH (`serve`, `run --serve`, `bench --serve`); 0 asks the system for a free port.
    static let port = FlagRange("--port", 0...65_535)
    static let servePort = FlagRange("--serve", 0...65_535)
    static let benchPort = FlagRange("--port", 1...65_535)
    static let maxClients = FlagRange("--max-clients", 1...10_000)
    static let handshakeTimeout = FlagRange("--handshake-timeout", 0.1...600, unit: "seconds")
    static let idleTimeout = FlagRange("--idle-timeout", 1.0...604_800, unit: "seconds")
    static let connectionsPerMinute = FlagRange("--connections-per-minute", 1...100_000)
    static let followers = FlagRange("--followers", 1...2000)
    static let serveFollowers = FlagRange("--serve-followers", 1...2000)
    static let benchSeconds = FlagRange("--seconds", 1.0...600, unit: "seconds")

    /// More events than anyone can step through (the scenario's last event is the real bound).
    static let maximumStep = 1_000_000_000_000
}
