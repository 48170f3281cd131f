import PyTorchCode
import Scenario
import TextCanvas

/// What shows beside the graph: the lecture's code or its printout.
public enum SidePane: Equatable, Sendable {
    case code
    case transcript
}

/// How `backprop run` was started.
public struct AppOptions: Sendable {
    public var autoplay = false
    public var loop = false
    public var speed: Double?
    public var glyphs: Glyphs = .unicode
    /// The colours the presenter paints the style roles in (`--theme`; `T` cycles it).
    public var theme: Theme = .dark
    /// Lecture-hall kiosk (`backprop demo`): captions pause a few seconds, not until space; after
    /// the first epoch the rest plays fast; the end says `.finished` so the next scenario starts.
    public var kiosk = false
    /// Ask for each value and gradient before showing it.
    public var quiz = false
    /// Whether the terminal can show colours (not NO_COLOR, enough of them); pictures are drawn
    /// in colour when it can and the theme is not mono, else in shapes.
    public var colour = true
    /// Far moves train in slices between frames, with progress shown and keys read (the run
    /// loop); otherwise every move is done within its `update` (frames, exports, tests).
    public var preparesInSlices = false
    /// In `backprop lecture`: which idea this screen is, so PgDn and PgUp can move between them.
    public var lectureStop: LectureStop?

    public init(autoplay: Bool = false, loop: Bool = false, speed: Double? = nil, glyphs: Glyphs = .unicode, kiosk: Bool = false,
                quiz: Bool = false) {
        self.kiosk = kiosk
        self.quiz = quiz
        self.autoplay = autoplay
        self.loop = loop
        self.speed = speed
        self.glyphs = glyphs
    }
}

/// What the caption's height depends on that can change while the screen runs.
struct CaptionKey: Equatable {
    var width: Int
    var height: Int
    var ascii: Bool
}

/// The mark of a note written for another run: in full, `[written for the run before z; it may
/// not hold now]`, or in short, `[before z]`, where the caption's rows do not hold the full one.
public struct NoteMark: Equatable, Sendable {
    public var full: String
    public var short: String

    init(written: String, short: String) {
        full = "[written for \(written); it may not hold now]"
        self.short = "[\(short)]"
    }
}

/// The whole state of the interactive screen at one moment, changed only by `update`: values only.
/// Training is a service beside it, a `Training` (a class) that the driver holds and hands to each
/// `update`: it trains and keeps checkpoints as asked. Copies of the state may share one; it only
/// ever adds what a run computes, which never changes once computed, so each copy still means its
/// own moment (`StateValueTests`).
public struct AppState {
    /// The run on screen, as a value: its scenario, epochs, forks and the events of a step. A fork
    /// (`<` `>`, `A`, `O`) or `z` puts another run here; the service trains it.
    public internal(set) var run: TrainingRun
    /// What training computed of the run through the cursor's epoch (the loss plot's points), taken
    /// from the service's timeline by `update`: the view reads this value.
    public internal(set) var progress = RunProgress()
    public internal(set) var cursor = 0
    public internal(set) var playing = false
    public internal(set) var speedLevel = 0
    /// The speeds `+` and `-` step through: the standard ladder, with `--speed` added where it falls.
    public let speeds: [Double]
    /// The views this scenario has (`v` cycles them), each with what it prepared; and the one on.
    public internal(set) var screenViews: [any ScreenView]
    public internal(set) var viewIndex = 0
    /// What depends only on the scenario's model, worked out once.
    public let model: ModelFacts
    /// nil = the plot chooses (log when the loss spans more than two decades).
    public internal(set) var logScale: Bool?
    public internal(set) var showHelp = false
    /// Rows of the help scrolled away (small terminals).
    public internal(set) var helpScroll = 0
    /// A few words in the footer about a key that could do nothing here, for a moment.
    public internal(set) var notice: String?
    /// When the notice goes (clock seconds); set at the first tick after it appeared.
    public internal(set) var noticeExpiry: Double?
    public internal(set) var width: Int
    public internal(set) var height: Int
    public internal(set) var glyphs: Glyphs
    /// The theme this screen is presented in: each screen its own (a served one too).
    public internal(set) var theme: Theme
    public internal(set) var loop: Bool
    public let kiosk: Bool
    /// When a kiosk pause ends (clock seconds).
    public internal(set) var resumeAt: Double?
    /// Quiz mode: the score, the open question (about the event after the cursor), what is typed.
    public internal(set) var quiz: Quiz?
    public internal(set) var question: Quiz.Question?
    public internal(set) var answer = AnswerInput()
    /// The last verdict, shown in the caption line until the next key.
    public internal(set) var verdict: String?
    /// The code pane or the transcript pane, beside the graph; nil shows the graph alone.
    public internal(set) var sidePane: SidePane?
    /// The code pane's listing of each stretch of the run (the scenario's model, then each fork's
    /// of `A` or `O`), made in update while the pane is open (nil until then: writing deep193's
    /// script was a tenth of a first frame); an lr fork keeps them (the pane writes the lr in force).
    var codeListings: CodeListings?
    /// Events owed to the animation clock but not yet shown (fractions of an event).
    public internal(set) var owed = 0.0
    public internal(set) var lastTick: Double?
    /// Event indices where autoplay stops for a caption (`pause = true`), sorted.
    public let pauseEvents: [Int]
    /// Event indices where each note starts, with the note.
    public let noteEvents: [(index: Int, note: Note)]
    /// What the frame shows of the cursor's step, derived by `update`: the view only reads it.
    public internal(set) var shown = Shown()
    /// Heat maps on one shared scale (vanishing gradients compare across layers) or each on its own.
    public internal(set) var heatScaleShared = false
    /// Which part of a graph too big for its panel shows, and whether it follows the active node.
    public internal(set) var camera = GraphCamera()
    /// The neuron view's weight per layer, as the lecturer chose it (↑↓, ⇧↑↓, a click); a layer
    /// not in here discusses its largest gradient.
    public internal(set) var weightChoices: [Int: WeightChoice] = [:]
    /// The sample (column of the batch) whose values the neuron view shows (⇧←→ there).
    public internal(set) var neuronSample = 0
    /// The neuron view's unit whose picture shows large beside the net (`u`, a click); nil: none.
    public internal(set) var pickedUnit: UnitChoice?
    /// How far the inspector's grids are scrolled (↑ ↓ { }); back to none when the cursor moves.
    public internal(set) var gridScroll = GridScroll()
    /// A training error (nan is not an error; a broken step is), shown instead of crashing.
    public internal(set) var failure: String?
    /// Whether the terminal can show colours at all.
    public let colourAvailable: Bool
    /// Whether pictures may use colour (else shapes): the terminal can, and the theme is not mono.
    public var colour: Bool { colourAvailable && theme != .mono }
    /// A far move being trained towards in slices (the run loop sends `.tick`s until it is nil).
    public internal(set) var preparing: Preparation?
    var preparesInSlices: Bool
    /// Which of `backprop lecture`'s ideas this is (nil outside the lecture).
    public let lectureStop: LectureStop?
    /// Training steps per slice of a prepared move.
    let sliceSteps: Int
    /// The run before the last `<` / `>`: its loss curve stays dimmed beside the fork's.
    public internal(set) var earlierRun: EarlierRun?
    /// In a lecture served over SSH, who this screen is (nil: no lecture).
    public internal(set) var lectureRole: LectureRole?
    /// The caption's rows, and what they were worked out for (see `captionHeight`).
    var captionRows: (key: CaptionKey, rows: Int)?
    /// A follower's answer to the open question, sent to the lecturer (`.some(nil)`: skipped).
    public internal(set) var classAnswerSent: Double??

    /// The standard animation speeds in events per second: from one node a second up to whole epochs a frame.
    public static let speeds: [Double] = [1, 2, 4, 8, 15, 30, 60, 120, 300, 1_000, 3_000, 10_000, 100_000, 1_000_000]
    public static let framesPerSecond = 30.0
    /// The speeds `--speed` may ask for: a node every 100 s up to the fastest standard speed.
    public static let speedRange = 0.01...1_000_000.0

    /// A screen on `run` (the service's latest when nil), trained by `training`.
    public init(training: Training, run: TrainingRun? = nil, width: Int, height: Int, options: AppOptions = AppOptions()) {
        let run = run ?? training.latest
        self.run = run
        model = ModelFacts(run)
        screenViews = ScreenViews.make(for: model)
        self.width = width
        self.height = height
        glyphs = options.glyphs
        loop = options.loop
        kiosk = options.kiosk
        quiz = options.quiz ? Quiz() : nil
        colourAvailable = options.colour
        theme = options.theme
        preparesInSlices = options.preparesInSlices
        lectureStop = options.lectureStop
        sliceSteps = AppState.sliceSteps(run.firstStep)
        playing = options.autoplay
        if let asked = options.speed, asked > 0, asked.isFinite {
            let speed = min(max(asked, AppState.speedRange.lowerBound), AppState.speedRange.upperBound)
            speeds = (AppState.speeds.filter { $0 != speed } + [speed]).sorted()
            speedLevel = speeds.firstIndex(of: speed) ?? 1
        } else {
            speeds = AppState.speeds
            speedLevel = 1
        }
        // Two notes at one moment would hide one another: a later one moves on to the next event.
        var taken = Set<Int>()
        let notes = run.scenario.notes.compactMap { note -> (index: Int, note: Note)? in
            guard var index = run.eventIndex(of: note) else { return nil }
            while taken.contains(index) && index < run.eventCount - 1 { index += 1 }
            taken.insert(index)
            return (index: index, note: note)
        }
        noteEvents = notes.sorted { $0.index < $1.index }
        pauseEvents = notes.filter(\.note.pause).map(\.index).sorted()
        startZoomedOutWhereOnlyThatShowsEveryNumber()
        // The first frame follows the active node too, as every later one does.
        keepFocusInView()
        prepareFrame(training: training)
    }

    /// The code the run executes at the cursor's step, as PyTorch: the scenario's model, or after
    /// `A` or `O` the fork's (what the code pane shows; `export --to pytorch --keys` writes the whole run).
    public var codeListing: CodeListing? {
        try? listingsOfThisRun.listings[run.variantIndex(atStep: event.step)].get()
    }

    /// The lines of `codeListing` a fork of the model changed (none before the first fork).
    public var forkedCodeLines: [Int] {
        listingsOfThisRun.forked[run.variantIndex(atStep: event.step)]
    }

    /// Why there is no code listing here, said when `c` asks for it.
    public var codeListingProblem: String? {
        if case .failure(let error) = listingsOfThisRun.listings[run.variantIndex(atStep: event.step)] { return "\(error)" }
        return nil
    }

    /// The listings update made, or (asked while the pane is closed) made now.
    private var listingsOfThisRun: CodeListings {
        if let codeListings, codeListings.fits(run) { return codeListings }
        return CodeListings(run)
    }

    /// Makes the code pane's listings unless those kept are this run's.
    mutating func prepareCodeListings() {
        if codeListings?.fits(run) != true { codeListings = CodeListings(run) }
    }

    public var eventsPerSecond: Double { speeds[min(max(0, speedLevel), speeds.count - 1)] }
    public var event: TimelineEvent { run.event(at: cursor) }
    public var lastEvent: Int { max(0, run.eventCount - 1) }
    /// The view on screen.
    public var view: ViewID { screenViews[viewIndex].id }
    /// The model as layers of units, when it is a chain of small layers.
    public var neuronNet: NeuronNet? { model.neuronNet }

    /// Whether the active note was written for the training on screen. `z` changes training from
    /// the first update on, a fork of lr from its step's update on, so from there a note ("the
    /// grad was zeroed", "w is now 1.26") may no longer hold.
    public var activeNoteHolds: Bool {
        let firstUpdate = run.template.firstIndex { $0.phase == .update } ?? 0
        var changed = run.lrChanges.first.map { $0.step * run.eventsPerStep + firstUpdate } ?? Int.max
        // A new activation changes the step's forward already; a new optimizer its update.
        if let model = run.modelChanges.first {
            changed = min(changed, model.step * run.eventsPerStep + (model.activation == nil ? firstUpdate : 0))
        }
        if run.zeroesGrad != run.scenario.train.zeroGrad { changed = firstUpdate }
        return cursor < changed
    }

    /// What marks a caption written for another run (after `z`, a fork of the model or of lr):
    /// every change named (`z` then `<` is `[before z, lr 0.01]`, not `[before z]` alone).
    public var noteMark: NoteMark? {
        var changes: [(written: String, short: String)] = []
        if run.zeroesGrad != run.scenario.train.zeroGrad { changes.append(("the run before z", "before z")) }
        if !run.modelChanges.isEmpty { changes.append(("the run before the fork", "before the fork")) }
        if !run.lrChanges.isEmpty { changes.append(("lr \(run.scenario.train.lr.text)", "lr \(run.scenario.train.lr.text)")) }
        guard !changes.isEmpty else { return nil }
        return NoteMark(written: changes.map(\.written).joined(separator: " and "), short: changes.map(\.short).joined(separator: ", "))
    }

    /// The caption showing now: the latest note at or before the cursor within the same phase of the same step.
    public var activeNote: Note? {
        let e = event
        return noteEvents.last { n in
            n.index <= cursor && run.event(at: n.index).step == e.step && run.event(at: n.index).phase == e.phase
        }?.note
    }
}

