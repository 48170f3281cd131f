import TextCanvas

/// Everything a key can ask the app to do.
public enum Command: Equatable, Sendable {
    case togglePlay, next, previous, nextSample, previousSample, nextEpoch, previousEpoch
    case start, end, faster, slower, cycleView, toggleLogScale, toggleHelp, quit
    case toggleZeroGrad, toggleCode, toggleTranscript
    case toggleHeatScale
    /// `<` and `>`: the run forks at the current step with half or twice the lr.
    case halveLR, doubleLR
    /// `A` and `O`: the run forks at the current step with the next hidden activation or optimizer.
    case cycleActivation, cycleOptimizer
    case panLeft, panRight, panUp, panDown, fitGraph
    /// PgDn and PgUp (what a presenter's clicker sends): `backprop lecture`'s next and previous idea.
    case nextIdea, previousIdea
    case weightUp, weightDown
    case nextUnit
    case gridLeft, gridRight
    /// `a`: ASCII or Unicode on this screen (a terminal or font without box drawing); `T`: its colours.
    case toggleAscii, cycleTheme
    case suspend
}

/// One key binding with its help text: the footer and the `?` overlay read the same table.
public struct Binding: Sendable {
    public var keys: [Key]
    public var label: String      // how the keys are written in help: "space", "→ l"
    public var help: String
    public var command: Command
    /// Shown in the footer (short form), not only in the overlay.
    public var inFooter: String?
    /// One command per key, for a row of related keys (the four pan directions); nil: all keys do `command`.
    public var perKey: [Command]?

    public init(keys: [Key], label: String, help: String, command: Command, inFooter: String?, perKey: [Command]? = nil) {
        self.keys = keys
        self.label = label
        self.help = help
        self.command = command
        self.inFooter = inFooter
        self.perKey = perKey
    }

    /// What `key` asks for under this binding, if it is one of its keys.
    public func command(for key: Key) -> Command? {
        guard let index = keys.firstIndex(of: key) else { return nil }
        if let perKey, index < perKey.count { return perKey[index] }
        return command
    }
}

/// The one key map of the app.
public enum KeyMap {
    public static let bindings: [Binding] = [
        Binding(keys: [.character(" ")], label: "space", help: "play / pause", command: .togglePlay, inFooter: "space play"),
        Binding(keys: [.right, .character("l")], label: "→ l", help: "next event", command: .next, inFooter: "→← step"),
        Binding(keys: [.left, .character("h")], label: "← h", help: "previous event", command: .previous, inFooter: nil),
        Binding(keys: [.character("n")], label: "n", help: "next sample (update step)", command: .nextSample, inFooter: "n/p sample"),
        Binding(keys: [.character("p")], label: "p", help: "previous sample", command: .previousSample, inFooter: nil),
        Binding(keys: [.character("]")], label: "]", help: "next epoch", command: .nextEpoch, inFooter: "]/[ epoch"),
        Binding(keys: [.character("[")], label: "[", help: "previous epoch", command: .previousEpoch, inFooter: nil),
        Binding(keys: [.character("g"), .home], label: "g Home", help: "start of training", command: .start, inFooter: "g/G start/end"),
        Binding(keys: [.character("G"), .end], label: "G End", help: "end of training", command: .end, inFooter: nil),
        Binding(keys: [.character("+"), .character("=")], label: "+", help: "faster", command: .faster, inFooter: "+/- speed"),
        Binding(keys: [.character("-"), .character("_")], label: "-", help: "slower", command: .slower, inFooter: nil),
        Binding(keys: [.character("v")], label: "v", help: "cycle the views this scenario has", command: .cycleView, inFooter: "v view"),
        Binding(keys: [.character("s")], label: "s", help: "loss plot: log / linear scale", command: .toggleLogScale, inFooter: "s log"),
        Binding(keys: [.character("c")], label: "c", help: "the code pane: the PyTorch line being run", command: .toggleCode, inFooter: "c code"),
        Binding(keys: [.character("t")], label: "t", help: "the transcript pane: the lecture's printout", command: .toggleTranscript, inFooter: "t transcript"),
        Binding(keys: [.character("<"), .character(">")], label: "< >",
                help: "halve / double lr from this step on (old curve dimmed)",
                command: .halveLR, inFooter: "</> lr", perKey: [.halveLR, .doubleLR]),
        Binding(keys: [.character("A"), .character("O")], label: "A O",
                help: "next hidden activation / optimizer from this step on",
                command: .cycleActivation, inFooter: nil, perKey: [.cycleActivation, .cycleOptimizer]),
        Binding(keys: [.character("z")], label: "z", help: "skip w.grad.zero_(): grads pile up", command: .toggleZeroGrad, inFooter: nil),
        Binding(keys: [.character("m")], label: "m", help: "heat maps: one shared scale / each its own", command: .toggleHeatScale, inFooter: nil),
        Binding(keys: [.character("f")], label: "f", help: "fit the graph (again: undo), follow the active node",
                command: .fitGraph, inFooter: nil),
        Binding(keys: [.shiftLeft, .shiftRight, .shiftUp, .shiftDown], label: "⇧←→↑↓", help: "pan the graph (or the mouse wheel); stops following",
                command: .panLeft, inFooter: nil, perKey: [.panLeft, .panRight, .panUp, .panDown]),
        Binding(keys: [.up, .down, .character("u")], label: "↑↓ u", help: "neurons: weight (⇧↑↓ input, ⇧←→ sample), u a unit large",
                command: .weightUp, inFooter: nil, perKey: [.weightUp, .weightDown, .nextUnit]),
        Binding(keys: [.pageUp, .pageDown], label: "PgUp PgDn", help: "backprop lecture: the previous / next idea",
                command: .previousIdea, inFooter: nil, perKey: [.previousIdea, .nextIdea]),
        Binding(keys: [.character("{"), .character("}")], label: "{ }", help: "the inspector's tensor grid: scroll columns (↑↓ rows)",
                command: .gridLeft, inFooter: nil, perKey: [.gridLeft, .gridRight]),
        Binding(keys: [.character("a")], label: "a", help: "ASCII / Unicode on this screen (a font without ┌─┐)",
                command: .toggleAscii, inFooter: nil),
        Binding(keys: [.character("T")], label: "T", help: "colours: dark ⸱ light ⸱ mono theme (this screen's own)",
                command: .cycleTheme, inFooter: nil),
        Binding(keys: [.control("z")], label: "^Z", help: "suspend to the shell (fg comes back)", command: .suspend, inFooter: nil),
        Binding(keys: [.character("?")], label: "?", help: "this help (↑ ↓ scroll it)", command: .toggleHelp, inFooter: "? help"),
        Binding(keys: [.character("q"), .escape, .control("c")], label: "q Esc ^C", help: "quit", command: .quit, inFooter: "q quit"),
    ]

    public static func command(for key: Key) -> Command? {
        bindings.lazy.compactMap { $0.command(for: key) }.first
    }
}
