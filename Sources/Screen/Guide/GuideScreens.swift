import Scenario
import TextCanvas

/// One screen of the teaching guide or the README: a scenario after `step` events and `keys`, at a
/// size and in a theme. `docs/make.sh` draws each as `docs/<picture>.svg`; `backprop lecture` opens
/// the ones that carry an idea, in the idea's order; a test redraws every one against its picture.
public struct GuideScreen: Equatable, Sendable {
    /// The picture's file in docs/, without `.svg`.
    public var picture: String
    public var scenario: String
    public var step: Int
    /// Pressed after the step is reached, as `frame --keys` and `export --to svg --keys` press them.
    public var keys: String
    public var width: Int
    public var height: Int
    public var theme: Theme
    /// Which of the lecture's seven ideas this screen teaches (1–7), or nil for a picture only.
    public var idea: Int?
    /// The idea in a few words, for the lecture's footer.
    public var title: String

    public init(picture: String, scenario: String, step: Int, keys: String = "", width: Int, height: Int, theme: Theme = .dark,
                idea: Int? = nil, title: String = "") {
        self.picture = picture
        self.scenario = scenario
        self.step = step
        self.keys = keys
        self.width = width
        self.height = height
        self.theme = theme
        self.idea = idea
        self.title = title
    }

    /// The command that draws this picture, as docs/make.sh runs it.
    public var exportCommand: String {
        var words = ["backprop", "export", scenario, "--to", "svg", "--step", String(step)]
        if !keys.isEmpty { words += ["--keys", "'" + keys + "'"] }
        words += ["--size", "\(width)x\(height)"]
        if theme != .dark { words += ["--theme", theme.rawValue] }
        words += ["-o", "docs/\(picture).svg"]
        return words.joined(separator: " ")
    }
}

/// The guide's screens: the one list docs/make.sh, the picture test and `backprop lecture` read.
public enum Guide {
    public static let screens: [GuideScreen] = [
        // The README's pictures.
        GuideScreen(picture: "linear-backward", scenario: "linear", step: 8, width: 100, height: 30),
        GuideScreen(picture: "chain-rule-80x24-light", scenario: "chain-rule", step: 7, width: 80, height: 24, theme: .light),
        GuideScreen(picture: "xor-backward", scenario: "xor", step: 28, width: 120, height: 36),
        // docs/teaching.md: the lecture's seven ideas, in its order (`backprop lecture` opens these) …
        GuideScreen(picture: "idea1-dloss-dw", scenario: "linear", step: 8, width: 120, height: 40, idea: 1, title: "training uses ∂loss/∂w, not ∂ŷ/∂w"),
        GuideScreen(picture: "idea2-graph-mm-add", scenario: "collapse", step: 2, width: 120, height: 40, idea: 2, title: "a model is a graph of nodes: MM, ADD"),
        GuideScreen(picture: "idea3-collapse", scenario: "collapse", step: 0, keys: "Gvvvv", width: 120, height: 40, idea: 3, title: "stacked linear layers collapse"),
        GuideScreen(picture: "idea4-activation", scenario: "activation", step: 0, keys: "Gvvvv", width: 120, height: 40, idea: 4, title: "an activation breaks the collapse"),
        GuideScreen(picture: "idea5-local-derivatives", scenario: "chain-rule", step: 1, width: 120, height: 40, idea: 5, title: "forward keeps the local derivatives"),
        GuideScreen(picture: "idea6-sum-over-paths", scenario: "two-paths", step: 14, width: 120, height: 40, idea: 6, title: "backward multiplies; paths add up"),
        GuideScreen(picture: "idea7-accumulate", scenario: "linear", step: 18, keys: "z", width: 120, height: 40, idea: 7, title: "grad: None, accumulates, zero_grad"),
        // … and the networks that follow.
        GuideScreen(picture: "net-xor-neurons", scenario: "xor", step: 0, keys: "Gv", width: 120, height: 40),
        GuideScreen(picture: "net-deep193-vanishing", scenario: "deep193", step: 32, keys: "vvv", width: 120, height: 40),
        GuideScreen(picture: "net-spiral-boundary", scenario: "spiral", step: 0, keys: "Gvvvv", width: 120, height: 40),
        GuideScreen(picture: "net-overfit", scenario: "overfit", step: 0, keys: "Gvvvv", width: 120, height: 40),
    ]

    /// The screens of the lecture's seven ideas, in the lecture's order.
    public static var ideas: [GuideScreen] {
        screens.filter { $0.idea != nil }.sorted { ($0.idea ?? 0) < ($1.idea ?? 0) }
    }
}

extension AppState {
    /// Presses each character of `keys` as if typed (what `frame --keys`, `export --to svg --keys`
    /// and the lecture's screens do after reaching their step).
    public mutating func press(_ keys: String, training: Training) {
        for key in keys { _ = update(.key(.character(key)), training: training) }
    }
}

/// Where a screen stands in `backprop lecture`: idea `idea` of `count`, and what it is about.
public struct LectureStop: Equatable, Sendable {
    public var idea: Int
    public var count: Int
    public var title: String

    public init(idea: Int, count: Int, title: String) {
        self.idea = idea
        self.count = count
        self.title = title
    }
}

extension AppState {
    /// Opens a guide screen: its step, then its keys, trained at once (the lecture's first frame
    /// is the screen itself, not a progress bar); in the lecture the footer says which idea it is.
    public mutating func open(_ screen: GuideScreen, training: Training) {
        let slices = preparesInSlices
        preparesInSlices = false
        seek(to: min(max(0, screen.step), lastEvent), training: training)
        press(screen.keys, training: training)
        preparesInSlices = slices
        if let stop = lectureStop {
            notice = "idea \(stop.idea)/\(stop.count): \(stop.title) ⸱ PgDn PgUp"
        }
    }

    /// PgDn and PgUp: in the lecture, the next or previous idea (the run loop opens it); at either
    /// end, and outside the lecture, a word on why nothing moved.
    mutating func changeIdea(by delta: Int) -> Effect {
        guard let stop = lectureStop else {
            notice = "PgDn PgUp: ideas in `backprop lecture`; pan: ⇧←→, the wheel"
            return effect
        }
        let target = stop.idea + delta
        guard target >= 1 && target <= stop.count else {
            notice = delta > 0 ? "the last idea (\(stop.count)/\(stop.count)): PgUp goes back, q ends" : "the first idea: PgDn goes on"
            return effect
        }
        return .changeIdea(by: delta)
    }
}
