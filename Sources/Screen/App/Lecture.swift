import Scenario
import TextCanvas

/// Who a screen is in a lecture served over SSH (`backprop run --serve`): the lecturer, who sees
/// how many follow and how the class answered; a student following the lecture; or a student who
/// left it to explore on their own.
public enum LectureRole: Equatable, Sendable {
    case lecturer(following: Int, exploring: Int, answers: ClassAnswers?)
    case follower
    case explorer
}

/// How the class answered the open quiz question, for the lecturer's screen before revealing it.
public struct ClassAnswers: Equatable, Sendable {
    /// The values given, one per student who answered.
    public var values: [Double]
    public var skipped: Int
    /// Students following who have not answered yet.
    public var waiting: Int

    public init(values: [Double] = [], skipped: Int = 0, waiting: Int = 0) {
        self.values = values
        self.skipped = skipped
        self.waiting = waiting
    }

    /// How many of the values are right by the quiz's own measure.
    public func within(of answer: Double) -> Int { values.filter { Quiz.isRight($0, answer) }.count }
}

/// What a following screen copies from the lecturer's: the moment, the view and the fork; each
/// student's own size, glyphs, camera and help stay theirs. A plain value, sent between threads.
public struct LectureMoment: Equatable, Sendable {
    /// The scenario on screen, by name (`backprop lecture` moves through several).
    public var scenario: String?
    public var cursor = 0
    public var playing = false
    public var speedLevel = 0
    /// The view on screen (by its id: a follower's list of views is the same scenario's).
    public var view: ViewID?
    public var logScale: Bool?
    public var sidePane: SidePane?
    public var heatScaleShared = false
    public var weightChoices: [Int: WeightChoice] = [:]
    public var neuronSample = 0
    /// The run on screen: `z` and the forks of lr made so far.
    public var run = RunChoice()
    /// The run before the last fork, drawn dimmed, and where it parts.
    public var earlier: (run: RunChoice, step: Int, lr: Literal)?
    /// The quiz question open on the lecturer's screen, asked of the class too.
    public var question: Quiz.Question?

    public init() {}

    public static func == (a: LectureMoment, b: LectureMoment) -> Bool {
        a.scenario == b.scenario && a.cursor == b.cursor && a.playing == b.playing && a.speedLevel == b.speedLevel && a.view == b.view
            && a.logScale == b.logScale && a.sidePane == b.sidePane && a.heatScaleShared == b.heatScaleShared
            && a.weightChoices == b.weightChoices && a.neuronSample == b.neuronSample && a.run == b.run
            && a.earlier?.run == b.earlier?.run && a.earlier?.step == b.earlier?.step && a.earlier?.lr == b.earlier?.lr
            && a.question == b.question
    }
}

/// Which training a run is: whether it zeroes grads, and the forks of lr, activation and optimizer.
public struct RunChoice: Equatable, Sendable {
    public var zeroesGrad: Bool?
    public var lrChanges: [LRChange] = []
    public var modelChanges: [ModelChange] = []

    public init(zeroesGrad: Bool? = nil, lrChanges: [LRChange] = [], modelChanges: [ModelChange] = []) {
        self.zeroesGrad = zeroesGrad
        self.lrChanges = lrChanges
        self.modelChanges = modelChanges
    }

    /// The run `t` is.
    public init(_ t: TrainingRun) {
        self.init(zeroesGrad: t.zeroesGrad, lrChanges: t.lrChanges, modelChanges: t.modelChanges)
    }

    /// This run of `scenario`, as a value (a `Training` trains it as the cursor asks).
    public func run(_ scenario: Scenario, epochs: Int) throws -> TrainingRun {
        try TrainingRun(scenario: scenario, epochs: epochs, zeroesGrad: zeroesGrad, lrChanges: lrChanges, modelChanges: modelChanges)
    }
}

/// What a follower typed for the open question, and what it was told.
public struct FollowerAnswer: Equatable, Sendable {
    public var input = AnswerInput()
    /// Sent to the lecturer: a value, or nil for skipped.
    public var sent: Double??
    /// The question it answered, to judge it when the lecturer reveals.
    public var question: Quiz.Question?
    /// After the reveal: right or not, with the arithmetic; kept until the lecture moves on.
    public var verdict: String?
    public var verdictCursor: Int?

    public init() {}
}

/// What a key does on a following screen.
public enum FollowerKey: Equatable, Sendable {
    /// Typed into the answer (or nothing to do): redraw this student's screen.
    case answered
    /// The answer was sent (nil: skipped).
    case sent(Double?)
    /// Leave the lecture to explore from here; the key then acts on the student's own screen.
    case explore
    case quit
}

extension AppState {
    /// The lecturer's moment, for the followers.
    public var moment: LectureMoment {
        var m = LectureMoment()
        m.scenario = run.scenario.name
        m.cursor = cursor
        m.playing = playing
        m.speedLevel = speedLevel
        m.view = view
        m.logScale = logScale
        m.sidePane = sidePane
        m.heatScaleShared = heatScaleShared
        m.weightChoices = weightChoices
        m.neuronSample = neuronSample
        m.run = RunChoice(run)
        if let earlierRun {
            m.earlier = (RunChoice(earlierRun.run), earlierRun.step, earlierRun.lr)
        }
        m.question = question
        return m
    }

    /// The run this screen shows, to compare with a moment's.
    public var runChoice: RunChoice { RunChoice(run) }

    /// Shows the lecture's moment on this screen: `run` is the moment's run (the caller makes it
    /// once for every follower) and `earlier` the dimmed one, both trained by `training` (one
    /// service for every follower of a scenario). The screen keeps its own size,
    /// glyphs, camera and help; it never plays by itself (the lecturer's clock moves it).
    /// `sharing`: what another screen following the same run worked out for its step (see `stepShown`).
    public mutating func follow(_ m: LectureMoment, run: TrainingRun, earlier: TrainingRun?, training: Training,
                                sharing: StepShown? = nil) {
        if self.run.key != run.key {
            self.run = run
            var fresh = Shown()
            fresh.layouts = shown.layouts
            shown = fresh
        }
        if let sharing, sharing.run == run.key, sharing.step == run.event(at: min(max(0, m.cursor), lastEvent)).step {
            shown.adopt(sharing)
        }
        if let e = m.earlier, let earlier {
            earlierRun = EarlierRun(run: earlier, step: e.step, lr: e.lr)
        } else {
            earlierRun = nil
        }
        playing = m.playing
        lastTick = nil
        speedLevel = min(max(0, m.speedLevel), speeds.count - 1)
        if let id = m.view, let index = screenViews.firstIndex(where: { $0.id == id }) { viewIndex = index }
        logScale = m.logScale
        sidePane = m.sidePane
        heatScaleShared = m.heatScaleShared
        weightChoices = m.weightChoices
        neuronSample = m.neuronSample
        question = m.question
        moveTo(m.cursor, inSlices: false, training: training)
        keepFocusInView()
        prepareFrame(training: training)
    }

    /// The same screen with this student's own answer to the open question, or the verdict on it.
    public func showing(_ answer: FollowerAnswer) -> AppState {
        var copy = self
        copy.answer = answer.input
        copy.classAnswerSent = answer.sent
        if question == nil { copy.verdict = answer.verdict }
        return copy
    }

    /// A key on a following screen: while a question is open it types the answer, q and Ctrl-C
    /// leave, and any other key (but r, which is the way back) leaves the lecture to explore.
    public func followerKey(_ key: Key, answer: inout FollowerAnswer) -> FollowerKey {
        if key == .character("q") || key == .control("c") { return .quit }
        if let q = question, answer.sent == nil {
            answer.question = q
            switch key {
            case .enter where answer.input.text.isEmpty, .escape:
                answer.sent = .some(nil)
                return .sent(nil)
            case .enter:
                guard let value = Quiz.read(answer.input.text) else { return .answered }
                answer.sent = .some(value)
                return .sent(value)
            case .backspace:
                answer.input.backspace()
                return .answered
            case .character(let c):
                answer.input.type(c)
                return .answered
            default:
                return .answered
            }
        }
        if question != nil { return .answered }
        return key == .character("r") ? .answered : .explore
    }

    /// After a moment: the follower's verdict once the lecturer revealed the question it answered,
    /// and the answer line cleared for the next question.
    public func settle(_ answer: inout FollowerAnswer) {
        if let asked = answer.question, question != asked {
            if let sent = answer.sent, let value = sent {
                answer.verdict = Quiz.isRight(value, asked.answer) ? "right: \(asked.explanation)"
                    : "not quite (you answered \(NumberFormat.short(value))): \(asked.explanation)"
            } else {
                answer.verdict = "skipped: \(asked.explanation)"
            }
            answer.verdictCursor = cursor
            answer.question = nil
            answer.sent = nil
            answer.input.clear()
        } else if let at = answer.verdictCursor, at != cursor {
            answer.verdict = nil
            answer.verdictCursor = nil
        }
    }
}
