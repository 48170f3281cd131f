import Dispatch
import Foundation
import NIOConcurrencyHelpers
import Scenario
import Screen
import TextCanvas

/// Lecture mode (`backprop run SCENARIO --serve PORT`): the lecturer's screen stays local, and
/// every student who connects follows it — the same scenario, event, view and fork, laid out for
/// the student's own terminal. Any key but `r` leaves the lecture to explore from where it is;
/// `r` comes back. With `--quiz` the lecturer's question is asked of the class too, and the
/// answers come back to the lecturer's header and screen.
///
/// The lecturer's loop only `publish`es moments and reads `role`; followers are drawn on one
/// queue of the hall's own (at most one core, whatever the class's size): one render per distinct
/// screen size, one encoding per distinct previous frame and terminal, frames that pile up skipped.
///
/// Unchecked Sendable: the mutable state below `queue` is touched only on it; the rest is locked.
public final class LectureHall: @unchecked Sendable {
    let queue = DispatchQueue(label: "backprop.lecture")
    /// The lecture's scenarios (one for `run --serve`, the ideas' for `backprop lecture`), each with its epochs.
    let entries: [ServedScenarios.Entry]
    /// The one on the lecturer's screen (on `queue`): the moment names it.
    private var entry: ServedScenarios.Entry
    let options: AppOptions
    let theme: Theme
    let limits: ServeLimits

    private struct Inbox {
        var pending: LectureMoment?
        var publishedAt: UInt64 = 0
        var scheduled = false
    }
    private let inbox = NIOLockedValueBox(Inbox())
    private let status = NIOLockedValueBox(LectureRole.lecturer(following: 0, exploring: 0, answers: nil))

    // On `queue` only.
    private var moment: LectureMoment?
    /// The service training the lecture's runs (the moment's and the dimmed one) for every follower.
    private var training: Training?
    private var run: (choice: RunChoice, run: TrainingRun)?
    private var earlier: (choice: RunChoice, run: TrainingRun)?
    private var groups: [GroupKey: Group] = [:]
    private var seats: [ObjectIdentifier: LectureSeat] = [:]
    private var answers: [ObjectIdentifier: Double?] = [:]
    private var answersFor: Quiz.Question?
    /// Frames drawn for followers (the benchmark reads it).
    private var rounds = 0
    private var momentPublishedAt: UInt64 = 0

    /// The benchmark's ear: a follower's user name, the bytes it was sent so far and when the
    /// moment they show was published (monotonic nanoseconds). Set before the server starts.
    public var onFrame: (@Sendable (String, Int, UInt64) -> Void)?

    /// What a follower's picture depends on besides the moment: its size, glyphs, and whether it
    /// is drawn in colour or in shapes (a mono theme, a terminal without colours).
    struct GroupKey: Hashable {
        var width: Int
        var height: Int
        var ascii: Bool
        var colour: Bool
    }

    /// The followers of one screen size share one state (its camera follows the active node for that size) and one render.
    struct Group {
        var state: AppState
        var canvas: Canvas?
        var frame = 0
        var followed: LectureMoment?
        /// When the moment it shows was published (monotonic nanoseconds), and the round that last drew it.
        var publishedAt: UInt64 = 0
        var drawnInRound = -1
    }

    /// `options` as the lecturer's (quiz, speed); followers never play by themselves.
    public convenience init(entry: ServedScenarios.Entry, epochs: Int, options: AppOptions, theme: Theme, limits: ServeLimits) {
        var entry = entry
        entry.scenario.train.epochs = epochs
        self.init(entries: [entry], options: options, theme: theme, limits: limits)
    }

    /// Several scenarios, one after another (`backprop lecture`): followers see whichever the moment names.
    public init(entries: [ServedScenarios.Entry], options: AppOptions, theme: Theme, limits: ServeLimits) {
        precondition(!entries.isEmpty, "a lecture shows at least one scenario")
        self.entries = entries
        entry = entries[0]
        var opts = options
        opts.autoplay = false
        opts.kiosk = false
        opts.preparesInSlices = false
        self.options = opts
        self.theme = theme
        self.limits = limits
    }

    // MARK: the lecturer's side (any thread)

    /// The lecturer's screen after an update; followers are drawn from the latest one soon after.
    public func publish(_ m: LectureMoment) {
        let now = DispatchTime.now().uptimeNanoseconds
        let schedule = inbox.withLockedValue { box -> Bool in
            box.pending = m
            box.publishedAt = now
            defer { box.scheduled = true }
            return !box.scheduled
        }
        if schedule { queue.async { self.round() } }
    }

    /// What the lecturer's header shows: how many follow, explore, and how the class answered.
    public var role: LectureRole { status.withLockedValue { $0 } }

    /// The app for a student's session: a seat that follows.
    public func seat(for start: SessionStart, link: ClientLink) -> Result<SessionApp, SessionRefusal> {
        if let command = start.command, !entries.contains(where: { $0.name.lowercased() == command.trimmingCharacters(in: .whitespaces).lowercased() }) {
            let name = entries[0].name
            return .failure(SessionRefusal("backprop runs no commands; this server shows the lecture `\(name)` (ssh -t … \(name), or no command)"))
        }
        let seat = LectureSeat(hall: self, link: link, terminal: start.terminal, user: start.user)
        queue.async { self.join(seat) }
        return .success(seat)
    }

    /// Frames drawn for followers so far.
    public var framesDrawn: Int { queue.sync { rounds } }

    // MARK: on the queue

    private func round() {
        inbox.withLockedValue { $0.scheduled = false }
        drawFollowers()
    }

    /// The latest moment the lecturer published, if one came since the last look.
    private func takeNewestMoment() {
        let (m, at) = inbox.withLockedValue { box -> (LectureMoment?, UInt64) in
            defer { box.pending = nil }
            return (box.pending, box.publishedAt)
        }
        if let m {
            moment = m
            momentPublishedAt = at
        }
    }

    /// Draws every follower whose screen is behind the moment (all of them after a new moment).
    /// Followers are drawn a screen size at a time, the size that waited longest first, and each
    /// size takes the newest moment when its turn comes: when there are more sizes than a frame's
    /// time can draw, every student still sees where the lecture is now, a little less often —
    /// never a moment that got old while other sizes were drawn.
    func drawFollowers(only: LectureSeat? = nil) {
        var bySize: [GroupKey: [LectureSeat]] = [:]
        for seat in (only.map { [$0] } ?? Array(seats.values)) where seat.explorer == nil && !seat.ended {
            bySize[seat.groupKey(limits: limits), default: []].append(seat)
        }
        let order = bySize.keys.sorted { (groups[$0]?.drawnInRound ?? -1, $0.width, $0.height) < (groups[$1]?.drawnInRound ?? -1, $1.width, $1.height) }
        rounds += 1
        var encodings: [EncodingKey: [UInt8]] = [:]
        var shared: StepShown?
        for key in order {
            // A size whose every reader is behind is not drawn: its frame would be dropped, and they get a whole one when they catch up.
            if only == nil, bySize[key]?.allSatisfy({ $0.link.isBehind }) == true { continue }
            takeNewestMoment()
            guard let m = moment, prepareRun(m) != nil, let run, let training else { break }
            if m.question != answersFor {
                answersFor = m.question
                answers = [:]
            }
            var group = groups[key] ?? Group(state: followerState(key, run: run.run, training: training))
            if group.followed != m || group.canvas == nil {
                // What the step shows at any size (its record, names, gradient checks) is worked out once for all sizes.
                group.state.follow(m, run: run.run, earlier: earlier?.run, training: training, sharing: shared)
                shared = group.state.stepShown
                group.followed = m
                group.publishedAt = momentPublishedAt
                let canvas = group.state.render()
                if canvas != group.canvas {
                    group.canvas = canvas
                    group.frame += 1
                }
            }
            group.drawnInRound = rounds
            groups[key] = group
            guard let canvas = group.canvas else { continue }
            for seat in bySize[key] ?? [] {
                group.state.settle(&seat.answer)
                if seat.answer.input.text.isEmpty && seat.answer.sent == nil && seat.answer.verdict == nil {
                    if seat.screen.lastFrame == group.frame { continue }
                    defer { onFrame?(seat.user, seat.link.sentTotal, group.publishedAt) }
                    let encoding = EncodingKey(group: key, frame: seat.screen.isBlank ? nil : seat.screen.lastFrame, encoder: seat.screen.encoderKey)
                    if seat.screen.lastFrame == nil && !seat.screen.isBlank {
                        seat.screen.present(canvas, frame: group.frame, link: seat.link)
                    } else if let bytes = encodings[encoding] {
                        seat.screen.present(canvas, bytes: bytes, frame: group.frame, link: seat.link)
                    } else {
                        let bytes = seat.screen.bytes(for: canvas)
                        encodings[encoding] = bytes
                        seat.screen.present(canvas, bytes: bytes, frame: group.frame, link: seat.link)
                    }
                } else {
                    // This student's own answer on the lecture's screen: drawn for them alone.
                    seat.screen.present(group.state.showing(seat.answer).render(), frame: nil, link: seat.link)
                }
            }
        }
        // Sizes nobody has any more are forgotten.
        if only == nil {
            let used = Set(seats.values.filter { $0.explorer == nil && !$0.ended }.map { $0.groupKey(limits: limits) })
            groups = groups.filter { used.contains($0.key) }
        }
        updateStatus()
    }

    struct EncodingKey: Hashable {
        var group: GroupKey
        var frame: Int?
        var encoder: ClientScreen.EncoderKey
    }

    /// The moment's run and the dimmed one, made again only when a fork changes them (the
    /// service keeps their timelines).
    private func prepareRun(_ m: LectureMoment) -> TrainingRun? {
        if let name = m.scenario, name != entry.name, let next = entries.first(where: { $0.name == name }) {
            // The lecture moved on to another scenario: every follower's screen is made again for it.
            entry = next
            run = nil
            earlier = nil
            training = nil
            groups = [:]
            // Frame numbers start again with the new groups: a seat's last one says nothing now.
            for seat in seats.values { seat.screen.lastFrame = nil }
        }
        let epochs = entry.scenario.train.epochs
        do {
            if run?.choice != m.run { run = (m.run, try m.run.run(entry.scenario, epochs: epochs)) }
            if training == nil, let made = run?.run { training = Training(Timeline(run: made)) }
            if let e = m.earlier {
                if earlier?.choice != e.run { earlier = (e.run, try e.run.run(entry.scenario, epochs: epochs)) }
            } else {
                earlier = nil
            }
        } catch {
            return nil
        }
        return run?.run
    }

    private func followerState(_ key: GroupKey, run: TrainingRun, training: Training) -> AppState {
        var opts = options
        opts.glyphs = key.ascii ? .ascii : .unicode
        opts.colour = key.colour
        opts.theme = key.colour ? theme : .mono
        var state = AppState(training: training, run: run, width: key.width, height: key.height, options: opts)
        _ = state.update(.lecture(.follower), training: training)
        return state
    }

    private func updateStatus() {
        let following = seats.values.filter { $0.explorer == nil && !$0.ended }.count
        let exploring = seats.values.filter { $0.explorer != nil && !$0.ended }.count
        var classAnswers: ClassAnswers?
        if answersFor != nil {
            let given = answers.values.compactMap { $0 }
            let skipped = answers.values.filter { $0 == nil }.count
            classAnswers = ClassAnswers(values: given, skipped: skipped, waiting: max(0, following - given.count - skipped))
        }
        status.withLockedValue { $0 = .lecturer(following: following, exploring: exploring, answers: classAnswers) }
    }

    func join(_ seat: LectureSeat) {
        seats[ObjectIdentifier(seat)] = seat
        _ = seat.link.send(Array(TerminalModes.enter.utf8))
        drawFollowers(only: seat)
        updateStatus()
    }

    func leave(_ seat: LectureSeat) {
        seat.ended = true
        seats[ObjectIdentifier(seat)] = nil
        answers[ObjectIdentifier(seat)] = nil
        updateStatus()
    }

    /// Keys from a follower (on the queue): answers, quitting, or leaving to explore.
    func key(_ key: Key, from seat: LectureSeat) {
        guard let m = moment, run != nil, let group = groups[seat.groupKey(limits: limits)] else {
            if key == .character("q") || key == .control("c") { seat.link.finish() }
            return
        }
        // `a` and `T` are the student's own (glyphs, colours): they change this screen and stay in the lecture.
        switch KeyMap.command(for: key) {
        case .toggleAscii?:
            seat.ascii.toggle()
            seat.present()
            return drawFollowers(only: seat)
        case .cycleTheme?:
            seat.theme = Theme.allCases[((Theme.allCases.firstIndex(of: seat.theme) ?? 0) + 1) % Theme.allCases.count]
            seat.present()
            return drawFollowers(only: seat)
        default:
            break
        }
        switch group.state.followerKey(key, answer: &seat.answer) {
        case .quit:
            seat.link.finish()
        case .answered:
            drawFollowers(only: seat)
        case .sent(let value):
            answers[ObjectIdentifier(seat)] = .some(value)
            drawFollowers(only: seat)
            updateStatus()
        case .explore:
            explore(seat, from: m, key: key)
        }
    }

    /// The student leaves the lecture where it is: a state of their own, on a training service of
    /// its own (trained again to the moment: the hall's timelines stay the hall's).
    private func explore(_ seat: LectureSeat, from m: LectureMoment, key: Key) {
        let key_ = seat.groupKey(limits: limits)
        var opts = options
        opts.glyphs = key_.ascii ? .ascii : .unicode
        opts.colour = seat.terminal.usesColour
        opts.theme = seat.theme
        let epochs = entry.scenario.train.epochs
        do {
            let own = try m.run.run(entry.scenario, epochs: epochs)
            let dimmed = try m.earlier.map { try $0.run.run(entry.scenario, epochs: epochs) }
            let training = Training(Timeline(run: own))
            var state = AppState(training: training, run: own, width: key_.width, height: key_.height, options: opts)
            state.follow(m, run: own, earlier: dimmed, training: training)
            _ = state.update(.lecture(.explorer), training: training)
            let screen = ServedScreen(link: seat.link, terminal: seat.terminal, theme: seat.theme,
                                      scenarios: ServedScenarios([entry]), options: opts, limits: limits)
            screen.intercept = { [weak self, weak seat] key in
                guard key == .character("r"), let self, let seat else { return false }
                self.queue.async { self.rejoin(seat) }
                return true
            }
            seat.explorer = screen
            screen.adopt(Handoff(value: (state, training)), key: key)
            updateStatus()
        } catch {
            // The run cannot be made again (it could when the lecture made it): the student stays with the lecture.
        }
    }

    private func rejoin(_ seat: LectureSeat) {
        guard let explorer = seat.explorer else { return }
        // What the student chose while exploring (`a`, `T`) stays theirs in the lecture.
        if let (theme, ascii) = explorer.queue.sync(execute: { explorer.withState { s in s.map { ($0.theme, !$0.glyphs.usesBraille) } } }) {
            seat.theme = theme
            seat.ascii = ascii
            seat.present()
        }
        explorer.closed()
        seat.explorer = nil
        seat.screen.forget()
        drawFollowers(only: seat)
        updateStatus()
    }

    /// Gives every student's terminal back (the lecture ends).
    public func close() {
        queue.sync {
            for seat in seats.values { seat.link.finish(exitStatus: 0, message: "backprop: the lecture ended") }
            seats = [:]
            groups = [:]
        }
    }
}

/// One student in the lecture: following (drawn by the hall) or exploring (a screen of their own).
///
/// Unchecked Sendable: its mutable state is touched only on the hall's queue.
final class LectureSeat: SessionApp, @unchecked Sendable {
    /// Weak: an SSH channel can deliver input, a resize or its close after the lecture has ended
    /// and the hall is gone; then there is nothing to do (an unowned reference crashed there).
    weak var hall: LectureHall?
    let link: ClientLink
    var terminal: ClientTerminal
    var screen: ClientScreen
    var answer = FollowerAnswer()
    var explorer: ServedScreen?
    var decoder = InputDecoder()
    var ended = false
    let user: String
    /// This student's own glyphs and colours (`a`, `T`): from their LANG and the server's theme at first.
    var ascii: Bool
    var theme: Theme

    init(hall: LectureHall, link: ClientLink, terminal: ClientTerminal, user: String) {
        self.hall = hall
        self.link = link
        self.terminal = terminal
        self.user = user
        ascii = terminal.asksForAscii
        theme = hall.theme
        screen = ClientScreen(terminal: terminal, theme: theme, ascii: ascii)
    }

    /// The encoder for this student's choices (a new one draws whole).
    func present() {
        screen = screen.presenting(theme: theme, ascii: ascii, terminal: terminal)
    }

    func groupKey(limits: ServeLimits) -> LectureHall.GroupKey {
        let size = terminal.drawnSize(limits: limits)
        return LectureHall.GroupKey(width: size.width, height: size.height, ascii: ascii, colour: terminal.usesColour && theme != .mono)
    }

    func input(_ bytes: [UInt8]) {
        guard let hall else { return }
        hall.queue.async {
            guard !self.ended else { return }
            if let explorer = self.explorer { return explorer.input(bytes) }
            for input in self.decoder.decode(bytes) {
                guard !self.ended, self.explorer == nil else { return }
                if case .key(let key) = input { hall.key(key, from: self) }
            }
        }
    }

    func resize(width: Int, height: Int) {
        guard let hall else { return }
        hall.queue.async {
            self.terminal.width = width
            self.terminal.height = height
            self.screen.forget()
            if let explorer = self.explorer { return explorer.resize(width: width, height: height) }
            hall.drawFollowers(only: self)
        }
    }

    func redrawWhole() {
        guard let hall else { return }
        hall.queue.async {
            if let explorer = self.explorer { return explorer.redrawWhole() }
            self.screen.forget()
            hall.drawFollowers(only: self)
        }
    }

    func closed() {
        guard let hall else { return }
        hall.queue.async {
            self.explorer?.closed()
            self.explorer = nil
            hall.leave(self)
        }
    }
}
