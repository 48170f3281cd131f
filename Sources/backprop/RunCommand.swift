import ArgumentParser
import Export
import Foundation
import Scenario
import Screen
import Serve
import Terminal
import TextCanvas

extension Theme: ExpressibleByArgument {}

/// What every command that opens the screen (`run`, `demo`) takes: the epochs, the colours, ASCII.
struct ScreenOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Train this many epochs instead of the scenario's own (\(Flags.screenEpochs.said)).", transform: Flags.screenEpochs.parse)
    var epochs: Int?

    @Option(help: "Colours: dark, light (for projectors) or mono.")
    var theme: Theme = .dark

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    var glyphs: Glyphs { ascii ? .ascii : .unicode }
}

/// `backprop run`: the interactive screen.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Step through training on the screen.")

    @Argument(help: "A scenario: a .toml file or the name of a shipped one.", completion: ScenarioCompletion.kind)
    var scenario: String = "linear"

    @Flag(help: "Start playing at once; stop at captions marked pause until space.")
    var autoplay = false

    @Flag(help: "Start over at the end.")
    var loop = false

    @Option(parsing: .unconditional, help: "Animation speed: \(Flags.speed.said) (an event is a node's value or gradient).", transform: Flags.speed.parse)
    var speed: Double?

    @OptionGroup var screen: ScreenOptions

    @Option(help: "Record the session as an asciicast v2 file (play it with `asciinema play`).")
    var record: String?

    @Flag(help: "Quiz: before each value or gradient is shown, type what it will be.")
    var quiz = false

    @Option(parsing: .unconditional, help: "Lecture mode: students who `ssh -p PORT` to this machine follow this screen (any key explores, r comes back); \(Flags.servePort.said).",
            transform: Flags.servePort.parse)
    var serve: Int?

    @OptionGroup(title: "Lecture mode (with --serve)") var serving: ServeOptions

    func validate() throws { try serving.requireServe(serve) }

    @OptionGroup var data: DataAccess

    func run() throws {
        var loaded = try loadScenario(scenario, data: data, orCommand: true)
        if let record { try refuseWritingOver(loaded, record, as: "--record") }
        let (epochs, theme) = (screen.epochs, screen.theme)
        let options = AppOptions(autoplay: autoplay, loop: loop, speed: speed, glyphs: screen.glyphs, quiz: quiz)
        var lecture: LectureServer?
        if let serve {
            // The screen needs a terminal: said before a server starts and a host key is made for nothing.
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                Output.error("backprop: --serve shows the lecturer's screen here: run it in a terminal")
                throw ExitCode(Exit.other)
            }
            if let epochs { loaded.train.epochs = epochs }
            lecture = try LectureServer.start([loaded], port: serve, options: options, theme: theme, serving: serving)
        }
        let code = try Session.run(scenarios: [loaded], epochs: epochs, options: options, theme: theme, record: record, lecture: lecture?.hall)
        lecture?.stop()
        if code != 0 { throw ExitCode(code) }
    }
}

/// A lecture served over SSH: the hall that mirrors the lecturer's screen and the server students
/// connect to. One piece, so every command with a lecturer's screen (`run`, `lecture`) serves the same way.
struct LectureServer {
    let hall: LectureHall
    let server: SSHServer

    /// Starts listening before the screen opens, so a port in use or a bad key is said in plain text.
    /// `scenarios`: what the lecturer's screen will show, in any order (a name once).
    static func start(_ scenarios: [Scenario], port: Int, options: AppOptions, theme: Theme, serving: ServeOptions,
                      what: String? = nil) throws -> LectureServer {
        var entries: [ServedScenarios.Entry] = []
        for scenario in scenarios where !entries.contains(where: { $0.name == scenario.name }) {
            entries.append(ServedScenarios.Entry(name: scenario.name, scenario: scenario))
        }
        do {
            let config = try serving.configuration(port: port)
            let hall = LectureHall(entries: entries, options: options, theme: theme, limits: config.limits)
            let server = SSHServer(config, threads: 2) { start, link in hall.seat(for: start, link: link) }
            let bound = try server.start()
            ServeOptions.announce(config, port: bound, what: what ?? "lecture `\(entries.first?.name ?? "")`")
            return LectureServer(hall: hall, server: server)
        } catch {
            Output.error("backprop: \(error)")
            throw ExitCode(Exit.other)
        }
    }

    /// Gives every student's terminal back and closes the server.
    func stop() {
        hall.close()
        server.stop()
    }
}

/// `backprop demo`: every shipped scenario in autoplay, one after another, for a lecture hall.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Play every shipped scenario in turn (q leaves).")

    @Option(parsing: .unconditional, help: "Animation speed of each first epoch: \(Flags.speed.said). (default: 4)", transform: Flags.speed.parse)
    var speed: Double = 4

    @OptionGroup var screen: ScreenOptions

    func run() throws {
        let scenarios = try Builtins.names.map { try loadScenario($0, allowDataOutside: false) }
        let options = AppOptions(autoplay: true, speed: speed, glyphs: screen.glyphs, kiosk: true)
        let code = try Session.run(scenarios: scenarios, epochs: screen.epochs, options: options, theme: screen.theme)
        if code != 0 { throw ExitCode(code) }
    }
}
