import Foundation
import Testing

/// Every option of every command, as the binary itself lists them (`--experimental-dump-help`),
/// fed what a careless or hostile user types: 0, −1, huge, tiny, nan, inf. Nothing crashes or
/// stalls; a number out of its range is a usage error (64) that says the range. A flag added
/// later is fed too, and must say here whether it takes a number.
struct FlagExtremesTests {
    struct Option: Sendable, CustomTestStringConvertible {
        var command: String
        var flag: String
        var testDescription: String { "\(command) \(flag)" }
    }

    static let extremes = ["0", "-1", "1e100", "99999999999999999999", "1e-300", "nan", "inf", "-inf", "0x7fffffffffffffff"]

    /// Options that take a number: the message their range gives, and whether 0 is in it (every
    /// other extreme is out of every range).
    static let numeric: [String: (message: String, takesZero: Bool)] = [
        "run --speed": ("--speed must be a number from 0.01 to 1000000", false),
        "run --epochs": ("--epochs must be a whole number from 1 to 10000000", false),
        "demo --speed": ("--speed must be a number from 0.01 to 1000000", false),
        "demo --epochs": ("--epochs must be a whole number from 1 to 10000000", false),
        "train --epochs": ("--epochs must be a whole number from 0 to 10000000", true),
        "frame --step": ("--step must be a whole number from 0 to", true),
        "frame --size": ("--size must be COLSxROWS from 40x12 to 1000x1000", false),
        "export --step": ("--step must be a whole number from 0 to", true),
        "export --until": ("--until must be a whole number from 0 to 10000000", true),
        "export --size": ("--size must be COLSxROWS from 40x12 to 1000x1000", false),
        "export --speed": ("--speed must be a number from 0.01 to 1000000", false),
        "bench --repeats": ("--repeats must be a whole number from 1 to 1000", false),
        "bench --widths": ("--widths takes widths from 1 to 4096", false),
        "bench --followers": ("--followers must be a whole number from 1 to 2000", false),
        "bench --seconds": ("--seconds must be a number from 1 to 600", false),
        "bench --serve-followers": ("--serve-followers must be a whole number from 1 to 2000", false),
        "bench --port": ("--port must be a whole number from 1 to 65535", false),
        "run --serve": ("--serve must be a whole number from 0 to 65535", true),
        "lecture --serve": ("--serve must be a whole number from 0 to 65535", true),
        "serve --port": ("--port must be a whole number from 0 to 65535", true),
        "run --max-clients": ("--max-clients must be a whole number from 1 to 10000", false),
        "lecture --max-clients": ("--max-clients must be a whole number from 1 to 10000", false),
        "serve --max-clients": ("--max-clients must be a whole number from 1 to 10000", false),
        "run --handshake-timeout": ("--handshake-timeout must be a number from 0.1 to 600", false),
        "lecture --handshake-timeout": ("--handshake-timeout must be a number from 0.1 to 600", false),
        "serve --handshake-timeout": ("--handshake-timeout must be a number from 0.1 to 600", false),
        "run --idle-timeout": ("--idle-timeout must be a number from 1 to 604800", false),
        "lecture --idle-timeout": ("--idle-timeout must be a number from 1 to 604800", false),
        "serve --idle-timeout": ("--idle-timeout must be a number from 1 to 604800", false),
        "run --connections-per-minute": ("--connections-per-minute must be a whole number from 1 to 100000", false),
        "lecture --connections-per-minute": ("--connections-per-minute must be a whole number from 1 to 100000", false),
        "serve --connections-per-minute": ("--connections-per-minute must be a whole number from 1 to 100000", false),
    ]
    /// Options that take words (a name from a list, a file, keys): fed the same, they must not crash.
    static let words: Set<String> = ["run --theme", "run --record", "train --format", "frame --keys", "export --to",
                                     "export --output", "export --theme", "export --keys", "demo --theme", "lecture --theme", "lecture --record", "lecture --host", "lecture --password",
                                     "lecture --authorized-keys", "lecture --host-key",
                                     "bench --python", "bench --only",
                                     "run --host", "run --password", "run --authorized-keys", "run --host-key",
                                     "serve --host", "serve --password", "serve --authorized-keys", "serve --host-key", "serve --theme",
                                     "bench --arrivals"]

    /// What comes before the flag, so each command does the least work it can.
    static func base(_ command: String) -> [String] {
        switch command {
        case "run", "train", "frame": return [command, "linear"]
        case "export": return [command, "linear", "--to", "csv", "--until", "1"]
        // A scenario it does not have: the flags are read, then it stops (65) before it would listen.
        case "serve": return [command, "no-such-scenario"]
        default: return [command]
        }
    }

    static let options: [Option] = {
        guard let result = try? Backprop.run(["--experimental-dump-help"]),
              let json = try? JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any],
              let root = json["command"] as? [String: Any],
              let commands = root["subcommands"] as? [[String: Any]] else { return [] }
        var found: [Option] = []
        for command in commands {
            guard let name = command["commandName"] as? String else { continue }
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                guard let long = names.max(by: { $0.count < $1.count }) else { continue }
                found.append(Option(command: name, flag: "--" + long))
            }
        }
        return found
    }()

    @Test func theOptionsAreFoundAndEachIsClassified() throws {
        #expect(Self.options.count >= Self.numeric.count, "\(Self.options)")
        for option in Self.options {
            let key = option.testDescription
            #expect(Self.numeric[key] != nil || Self.words.contains(key),
                    "\(key) is new: list it in FlagExtremesTests.numeric with its range message (bounded where it is parsed), or in words")
        }
    }

    /// A negative number as its own word (`--port -1`, as typed) is the flag's value, so the message
    /// gives the range; it read "Missing value for '--port <port>'" where the option left ArgumentParser
    /// to take `-1` for a flag.
    @Test(arguments: options.filter { numeric[$0.testDescription] != nil })
    func aNegativeNumberAsItsOwnWordGetsTheRange(option: Option) throws {
        var arguments = Self.base(option.command)
        if let at = arguments.firstIndex(of: option.flag) { arguments.removeSubrange(at...(at + 1)) }
        arguments += [option.flag, "-1"]
        let result = try Backprop.run(arguments, timeout: 30)
        let message = try #require(Self.numeric[option.testDescription]).message
        #expect(result.exitCode == 64 && result.stderr.contains(message) && !result.stderr.contains("Missing value"),
                "backprop \(arguments.joined(separator: " ")): \(result)")
    }

    @Test(arguments: options)
    func extremesNeverCrashOrStall(option: Option) throws {
        let key = option.testDescription
        for value in Self.extremes {
            var arguments = Self.base(option.command)
            if let at = arguments.firstIndex(of: option.flag) { arguments.removeSubrange(at...(at + 1)) }
            arguments += ["\(option.flag)=\(value)"]
            let result = try Backprop.run(arguments, timeout: 30)
            let said = "backprop \(arguments.joined(separator: " ")): \(result)"
            #expect(!result.timedOut && !result.killedBySignal, "\(said)")
            #expect([0, 1, 64, 65].contains(result.exitCode), "\(said)")
            #expect(!result.stderr.contains("Fatal error"), "\(said)")
            if let (message, takesZero) = Self.numeric[key], value != "0" || !takesZero {
                #expect(result.exitCode == 64 && result.stderr.contains(message), "\(said)")
            }
        }
    }
}
