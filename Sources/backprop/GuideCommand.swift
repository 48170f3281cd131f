import ArgumentParser
import Screen

/// `backprop guide`: what docs/make.sh reads to make the guide's pictures, from the program's own list.
struct GuideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guide", abstract: "The teaching guide's screens, one a line, for docs/make.sh (or the sheet of keys).",
        discussion: "Each line: picture, scenario, step, keys (- for none), COLSxROWS, theme, separated by tabs.",
        shouldDisplay: false)

    @Flag(help: "Print the sheet of keys (docs/keys.md) instead.")
    var keySheet = false

    func run() throws {
        if keySheet {
            Output.out(KeySheet.markdown)
            return
        }
        for screen in Guide.screens {
            let fields = [screen.picture, screen.scenario, String(screen.step), screen.keys.isEmpty ? "-" : screen.keys,
                          "\(screen.width)x\(screen.height)", screen.theme.rawValue]
            Output.out(fields.joined(separator: "\t") + "\n")
        }
    }
}
