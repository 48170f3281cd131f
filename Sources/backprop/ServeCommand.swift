import ArgumentParser
import Dispatch
import Export
import Foundation
import Scenario
import Screen
import Serve
import TextCanvas

/// Who may connect and how much a server takes: shared by `serve` and `run --serve` (and any
/// command that serves a screen), so their flags and their safety are one.
struct ServeOptions: ParsableArguments {
    @Option(help: "The address to listen on (default: every address with --password or --authorized-keys, else loopback only).")
    var host: String?

    @Option(help: "One word for the class: every student types it.")
    var password: String?

    @Option(help: "An authorized_keys file: only these keys get in.")
    var authorizedKeys: String?

    @Option(help: "The host key's file (default $XDG_CONFIG_HOME/backprop/ssh_host_ed25519_key; made on first start).")
    var hostKey: String?

    @Option(parsing: .unconditional, help: "Clients connected at once, at most: \(Flags.maxClients.said). (default: 250)", transform: Flags.maxClients.parse)
    var maxClients: Int = ServeLimits().clients

    @Option(parsing: .unconditional, help: "Seconds a client has to log in: \(Flags.handshakeTimeout.said). (default: 20)", transform: Flags.handshakeTimeout.parse)
    var handshakeTimeout: Double = ServeLimits().handshakeSeconds

    @Option(parsing: .unconditional, help: "Seconds without a key from a client before it is let go, \(Flags.idleTimeout.said) (default: 10800, a lecture's length: followers only watch).",
            transform: Flags.idleTimeout.parse)
    var idleTimeout: Double = ServeLimits().idleSeconds

    @Option(parsing: .unconditional, help: "New connections from one address in a minute, at most: \(Flags.connectionsPerMinute.said). (default: 300)", transform: Flags.connectionsPerMinute.parse)
    var connectionsPerMinute: Int = ServeLimits().connectionsPerMinute

    func validate() throws {
        if password != nil && authorizedKeys != nil { throw ValidationError("--password and --authorized-keys: give one of them") }
        if let password, password.isEmpty || password.count > 200 || password.unicodeScalars.contains(where: { $0.properties.isWhitespace || isControlCharacter($0) }) {
            throw ValidationError("--password must be one word of 1 to 200 characters (no spaces, no invisible characters)")
        }
        if password == nil && authorizedKeys == nil, let host, !Self.isLoopback(host) {
            throw ValidationError("--host \(host) without --password or --authorized-keys would let anyone on the network in; give one, or listen on loopback (127.0.0.1)")
        }
    }

    /// The flags given, of those that mean something only while serving (for `run` and `lecture`,
    /// where they need --serve: without it they were taken and then ignored).
    var givenWithoutEffect: [String] {
        let defaults = ServeLimits()
        return [("--host", host != nil), ("--password", password != nil), ("--authorized-keys", authorizedKeys != nil),
                ("--host-key", hostKey != nil), ("--max-clients", maxClients != defaults.clients),
                ("--handshake-timeout", handshakeTimeout != defaults.handshakeSeconds), ("--idle-timeout", idleTimeout != defaults.idleSeconds),
                ("--connections-per-minute", connectionsPerMinute != defaults.connectionsPerMinute)].filter(\.1).map(\.0)
    }

    /// Refuses serving flags given without `--serve` (what `run` and `lecture` check).
    func requireServe(_ serve: Int?) throws {
        let given = givenWithoutEffect
        guard serve == nil, !given.isEmpty else { return }
        throw ValidationError("\(given.joined(separator: ", ")) \(given.count == 1 ? "is" : "are") for lecture mode: add --serve PORT, or leave \(given.count == 1 ? "it" : "them") out")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    var limits: ServeLimits {
        var limits = ServeLimits()
        limits.clients = maxClients
        limits.handshakeSeconds = handshakeTimeout
        limits.idleSeconds = idleTimeout
        limits.connectionsPerMinute = connectionsPerMinute
        return limits
    }

    /// The server's configuration, its key made or read; what it says at start goes to stderr.
    func configuration(port: Int) throws -> ServeConfiguration {
        let access: Access
        if let password { access = .password(password) } else if let authorizedKeys { access = try Access.authorizedKeys(file: authorizedKeys) } else { access = .open }
        let key = try HostKey.loadOrCreate(at: hostKey ?? HostKey.defaultPath())
        let open: Bool = { if case .open = access { return true } else { return false } }()
        let host = self.host ?? (open ? "127.0.0.1" : "0.0.0.0")
        var configuration = ServeConfiguration(host: host, port: port, access: access, hostKey: key)
        configuration.limits = limits
        return configuration
    }

    /// What the server says when it listens: where, who may in, and the fingerprint students compare.
    static func announce(_ c: ServeConfiguration, port: Int, what: String) {
        let who: String
        switch c.access {
        case .password: who = "the class's password"
        case .authorizedKeys(let keys): who = "\(keys.count) authorized key\(keys.count == 1 ? "" : "s")"
        case .open: who = "no password: loopback only (give --password or --authorized-keys to let others in)"
        }
        Output.error("""
        backprop: \(what) on \(c.host) port \(port) · \(who)
        host key \(c.hostKey.fingerprint) (\(c.hostKey.isNew ? "made now, " : "")\(c.hostKey.path))
          students compare it with the fingerprint ssh shows the first time they connect
        students type: ssh -p \(port) \(ServeOptions.isLoopback(c.host) ? "localhost" : "HOST")
        """)
    }
}

/// `backprop serve`: an SSH server; every connection a screen of its own.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the screen over SSH: every student who connects gets a screen of their own.",
        discussion: "A student picks a scenario with `ssh -t -p PORT HOST xor` or `ssh -p PORT xor@HOST`, else from a menu. Only the scenarios named here (or the shipped ones) can be picked, never a path.")

    @Argument(help: "Scenarios to serve: .toml files or shipped names (default: every shipped one).", completion: ScenarioCompletion.kind)
    var scenarios: [String] = []

    @Option(parsing: .unconditional, help: "The port to listen on: \(Flags.port.said). (default: 2222)", transform: Flags.port.parse)
    var port: Int = 2222

    @OptionGroup var serving: ServeOptions

    @Option(help: "Colours: dark, light (for projectors) or mono.")
    var theme: Theme = .dark

    @OptionGroup var data: DataAccess

    func run() throws {
        let names = scenarios.isEmpty ? Builtins.names : scenarios
        var entries: [ServedScenarios.Entry] = []
        for reference in names {
            let scenario = try loadScenario(reference, data: data)
            let name = scenario.name
            guard !entries.contains(where: { $0.name == name }) else { continue }
            entries.append(.init(name: name, scenario: scenario))
        }
        let served = ServedScenarios(entries)
        let config: ServeConfiguration
        do {
            config = try serving.configuration(port: port)
        } catch {
            Output.error("backprop: \(error)")
            throw ExitCode(Exit.other)
        }
        let server = SSHServer(config, threads: 2, start: ServedSessions.starter(scenarios: served, options: AppOptions(), theme: theme, limits: config.limits))
        let bound: Int
        do {
            bound = try server.start()
        } catch {
            Output.error("backprop: \(error)")
            throw ExitCode(Exit.other)
        }
        ServeOptions.announce(config, port: bound, what: "serving \(entries.count) scenario\(entries.count == 1 ? "" : "s")")
        let signal = StopSignal.wait()
        server.stop()
        throw ExitCode(128 + signal)
    }
}

/// SIGINT and SIGTERM as events: the server closes every session before the process ends.
enum StopSignal {
    /// Blocks until SIGINT or SIGTERM; returns its number.
    static func wait() -> Int32 {
        let semaphore = DispatchSemaphore(value: 0)
        let received = ReceivedSignal()
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                received.set(number)
                semaphore.signal()
            }
            source.resume()
            sources.append(source)
        }
        semaphore.wait()
        sources.forEach { $0.cancel() }
        return received.value
    }

    final class ReceivedSignal: @unchecked Sendable {
        private let lock = NSLock()
        private var number: Int32 = SIGTERM
        func set(_ n: Int32) { lock.lock(); number = n; lock.unlock() }
        var value: Int32 { lock.lock(); defer { lock.unlock() }; return number }
    }
}
