import ArgumentParser
import Foundation
import Scenario
import Screen
import Serve
import TextCanvas

/// `backprop lecture`: the lecture's seven ideas as one run, each scenario opened at its screen.
struct LectureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lecture",
        abstract: "Give the lecture: its seven ideas in turn, each opened paused at its screen (PgDn / PgUp: next / previous idea).",
        discussion: "Every key of `run` works on each screen; docs/teaching.md says what each idea shows and what to ask.\n"
            + Guide.ideas.map { "\($0.idea ?? 0). \($0.title) (\($0.scenario))" }.joined(separator: "\n"))

    @Option(help: "Colours: dark, light (for projectors) or mono.")
    var theme: Theme = .dark

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Option(help: "Record the session as an asciicast v2 file (play it with `asciinema play`).")
    var record: String?

    @Option(parsing: .unconditional, help: "Lecture mode: students who `ssh -p PORT` to this machine follow this screen (any key explores, r comes back); \(Flags.servePort.said).",
            transform: Flags.servePort.parse)
    var serve: Int?

    @OptionGroup(title: "Lecture mode (with --serve)") var serving: ServeOptions

    func validate() throws { try serving.requireServe(serve) }

    func run() throws {
        let stops = Guide.ideas
        let scenarios = try stops.map { try loadScenario($0.scenario, allowDataOutside: false) }
        let options = AppOptions(glyphs: ascii ? .ascii : .unicode)
        var lecture: LectureServer?
        if let serve {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                Output.error("backprop: --serve shows the lecturer's screen here: run it in a terminal")
                throw ExitCode(Exit.other)
            }
            lecture = try LectureServer.start(scenarios, port: serve, options: options, theme: theme, serving: serving,
                                              what: "the lecture (\(stops.count) ideas)")
        }
        let code = try Session.run(scenarios: scenarios, options: options, theme: theme, record: record, lecture: lecture?.hall, stops: stops)
        lecture?.stop()
        if code != 0 { throw ExitCode(code) }
    }
}
