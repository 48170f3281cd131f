import Scenario
import TextCanvas

/// Input to `update`: keys, the animation clock and the terminal's size.
public enum Action: Equatable, Sendable {
    case key(Key)
    case command(Command)
    /// The clock, in seconds since any fixed start.
    case tick(now: Double)
    case resize(width: Int, height: Int)
    /// A click (inspect the node under it) or the wheel (pan the graph).
    case mouse(MouseEvent)
    /// Who this screen is in a lecture served over SSH, and the class's numbers (the run loop's news).
    case lecture(LectureRole?)
}

/// What the run loop should do after an update: effects are data, not closures.
public enum Effect: Equatable, Sendable {
    /// Nothing to do until the next key (not `.none`: where an `Effect?` is expected Swift would read that as nil).
    case idle
    /// Call back with a tick after this many seconds (only while playing).
    case wake(after: Double)
    case quit
    /// Stop the process until the shell's `fg` (Ctrl-Z); the terminal is restored meanwhile.
    case suspend
    /// The kiosk finished this scenario: show the next one.
    case finished
    /// `backprop lecture`: open the next (+1) or the previous (−1) idea's screen.
    case changeIdea(by: Int)
}

extension AppState {
    /// The only way state changes; `training` trains the runs it shows (the driver holds it beside the state).
    public mutating func update(_ action: Action, training: Training) -> Effect {
        let effect = preparing == nil ? reduce(action, training: training) : reduceWhilePreparing(action, training: training)
        // A slice of training changes nothing on screen but the progress the footer reads.
        if case .tick = action, preparing != nil { return .wake(after: 0) }
        keepFocusInView()
        prepareFrame(training: training)
        // A move still being prepared wants the next slice as soon as the keys have been read.
        return preparing != nil && effect != .quit ? .wake(after: 0) : effect
    }

    /// While a far move is prepared, a tick trains the next slice (the animation waits), keys
    /// quit or stop the move, the mouse waits.
    private mutating func reduceWhilePreparing(_ action: Action, training: Training) -> Effect {
        switch action {
        case .tick(let now):
            _ = expireNotice(now: now)
            prepareSlice(training: training)
            return effect
        case .key(let key):
            return keyWhilePreparing(key)
        case .command(let command):
            return command == .quit ? .quit : stopPreparing()
        case .resize, .lecture:
            return reduce(action, training: training)
        case .mouse:
            return effect
        }
    }

    private mutating func reduce(_ action: Action, training: Training) -> Effect {
        switch action {
        case .mouse(let mouse):
            return self.mouse(mouse, training: training)
        case .key(let key):
            verdict = nil
            notice = nil
            if question != nil, let handled = answerKey(key, training: training) { return handled }
            if quiz != nil && key == .escape {
                // In the quiz Esc skips a question; a student pressing it once more must not lose the run.
                notice = "Esc skips questions in the quiz; q quits"
                return .wake(after: AppState.noticeSeconds)
            }
            if showHelp && key != .character("q") && key != .control("c") {
                if !scrollHelp(key) { showHelp = false }
                return effect
            }
            guard let command = KeyMap.command(for: key) else { return effect }
            let result = reduce(.command(command), training: training)
            // A notice stays a few seconds: ask for a tick then, even when paused.
            return notice != nil && result == .idle ? .wake(after: AppState.noticeSeconds) : result
        case .command(let command):
            return perform(command, training: training)
        case .tick(let now):
            let wakeForNotice = expireNotice(now: now)
            let result = tick(now: now, training: training)
            return result == .idle ? wakeForNotice ?? .idle : result
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            return effect
        case .lecture(let role):
            lectureRole = role
            return effect
        }
    }

    /// The animation clock: plays on, stops at pauses, moves the kiosk along.
    mutating func tick(now: Double, training: Training) -> Effect {
        if kiosk && !playing, let resume = resumeAt {
            guard now >= resume else { return .wake(after: resume - now) }
            resumeAt = nil
            if cursor >= lastEvent { return .finished }
            playing = true
            lastTick = now
            return effect
        }
        guard playing else { lastTick = nil; return .idle }
        let elapsed = lastTick.map { now - $0 } ?? 0
        lastTick = now
        // At most the rest of the run is owed: an hour in the background at a million events a
        // second is a jump to the end, not a number past Int's range (and a clock gone wrong, nan, is no time).
        owed = min(owed + (elapsed.isNaN ? 0 : max(0, elapsed)) * eventsPerSecond, Double(lastEvent + 1))
        let steps = Int(clamping: owed, to: 0...(lastEvent + 1))
        owed -= Double(steps)
        if steps > 0 { advance(by: steps, training: training) }
        if kiosk {
            if event.epoch >= 1 { speedLevel = max(speedLevel, kioskSpeedLevel) }
            if !playing {
                resumeAt = now + (cursor >= lastEvent ? 3 : 4)
                return .wake(after: resumeAt.map { $0 - now } ?? 1)
            }
        }
        return effect
    }

    /// While playing, the time until the animation reaches its next event (what a recording waits).
    public var secondsToNextEvent: Double? {
        guard playing else { return nil }
        return max(0, 1 - owed) / eventsPerSecond
    }

    var effect: Effect {
        guard playing else { return .idle }
        return .wake(after: max(1 / AppState.framesPerSecond, min(1, 1 / eventsPerSecond)))
    }

    mutating func perform(_ command: Command, training: Training) -> Effect {
        let e = event
        if let why = whyNothing(command) {
            notice = why
            return effect
        }
        switch command {
        case .togglePlay:
            playing.toggle()
            lastTick = nil
            owed = 0
            if playing && cursor >= lastEvent { moveTo(0, training: training) }
        case .next:
            if !askBefore(cursor + 1, training: training) { moveTo(cursor + 1, training: training) }
        case .previous: moveTo(cursor - 1, training: training)
        case .nextSample: moveTo(run.firstEvent(ofStep: e.step + 1), training: training)
        case .previousSample:
            moveTo(e.indexInStep > 0 ? run.firstEvent(ofStep: e.step) : run.firstEvent(ofStep: e.step - 1), training: training)
        case .nextEpoch: moveTo(run.firstEvent(ofStep: (e.epoch + 1) * run.stepsPerEpoch), training: training)
        case .previousEpoch:
            let first = run.firstEvent(ofStep: e.epoch * run.stepsPerEpoch)
            moveTo(cursor > first ? first : run.firstEvent(ofStep: (e.epoch - 1) * run.stepsPerEpoch), training: training)
        case .start: moveTo(0, training: training)
        case .end: moveTo(lastEvent, training: training)
        case .faster:
            speedLevel = min(speedLevel + 1, speeds.count - 1)
            sayTheSpeedWhereTheHeaderHidesIt("+")
        case .slower:
            speedLevel = max(speedLevel - 1, 0)
            sayTheSpeedWhereTheHeaderHidesIt("-")
        case .cycleView: cycleView()
        case .toggleLogScale:
            logScale = !(logScale ?? resolvedLogScale)
            if !plotShown {
                notice = "s: the loss plot needs \(AppState.plotMinimumWidth) columns (this terminal has \(width))"
            } else if shownEpochLosses.isEmpty {
                // Nothing drawn yet: the scale changes where nobody can see it.
                notice = "s: \(logScale == true ? "log" : "linear") scale once epoch 0 ends and the plot has a point"
            }
        case .toggleHelp:
            showHelp.toggle()
            helpScroll = 0
        case .toggleCode: toggleSidePane(.code)
        case .toggleTranscript: toggleSidePane(.transcript)
        case .suspend: return .suspend
        case .toggleZeroGrad:
            do {
                let replacement = try TrainingRun(scenario: run.scenario, epochs: run.epochs, zeroesGrad: !run.zeroesGrad,
                                                  lrChanges: run.lrChanges, modelChanges: run.modelChanges)
                // Training again up to a far cursor is prepared in slices; the old run stays on screen meanwhile.
                if prepareInSlices(to: cursor, on: replacement, training: training) { return effect }
                startOver(with: replacement)
                earlierRun = nil
                moveTo(cursor, training: training)
            } catch {
                failure = "training stopped: \(error)"
            }
        // In the neuron view there is nothing to pan: Shift+arrows choose the weight's input and the sample.
        case .panLeft: if view == .neurons { moveNeuronSample(by: -1) } else { panOrSay(dx: -10, dy: 0, key: "⇧←") }
        case .panRight: if view == .neurons { moveNeuronSample(by: 1) } else { panOrSay(dx: 10, dy: 0, key: "⇧→") }
        case .panUp: if view == .neurons { chooseWeight(to: 0, from: -1) } else { panOrSay(dx: 0, dy: -3, key: "⇧↑") }
        case .panDown: if view == .neurons { chooseWeight(to: 0, from: 1) } else { panOrSay(dx: 0, dy: 3, key: "⇧↓") }
        // ↑↓ choose the neuron view's weight; in the other views they scroll the inspector's grid.
        case .weightUp: if view == .neurons { chooseWeight(to: -1, from: 0) } else { scrollGrid(rows: -1, cols: 0) }
        case .weightDown: if view == .neurons { chooseWeight(to: 1, from: 0) } else { scrollGrid(rows: 1, cols: 0) }
        case .nextUnit: pickNextUnit()
        case .nextIdea: return changeIdea(by: 1)
        case .previousIdea: return changeIdea(by: -1)
        case .fitGraph: fitGraph()
        case .toggleHeatScale:
            heatScaleShared.toggle()
            if view != .heatValues && view != .heatGrads {
                notice = views.contains(.heatValues) || views.contains(.heatGrads)
                    ? "m: heat maps now on \(heatScaleShared ? "one shared scale" : "scales of their own"); v shows them"
                    : "m: no heat maps here (they need weight matrices)"
            }
        case .halveLR: forkLR(times: 0.5, training: training)
        case .doubleLR: forkLR(times: 2, training: training)
        case .cycleActivation: forkActivation(training: training)
        case .cycleOptimizer: forkOptimizer(training: training)
        case .gridLeft: scrollGrid(rows: 0, cols: -1)
        case .gridRight: scrollGrid(rows: 0, cols: 1)
        case .toggleAscii: glyphs = glyphs.usesBraille ? .ascii : .unicode
        case .cycleTheme:
            theme = Theme.allCases[((Theme.allCases.firstIndex(of: theme) ?? 0) + 1) % Theme.allCases.count]
            if !colourAvailable && theme != .mono { notice = "T: \(theme.rawValue) theme; this terminal shows no colours (NO_COLOR, TERM)" }
        case .quit: return .quit
        }
        return effect
    }

    /// Whether the plot is on a log scale now (automatic until `s` is pressed).
    public var resolvedLogScale: Bool {
        logScale ?? (LossPlot.resolvedScale(.auto, for: progress.epochLosses, earlierRun?.progress.epochLosses ?? []) == .log)
    }

    /// In the kiosk, after the first epoch: fast enough that the rest plays in about ten seconds.
    var kioskSpeedLevel: Int {
        let rate = Double(max(0, lastEvent - cursor)) / 10
        return speeds.firstIndex { $0 >= rate } ?? speeds.count - 1
    }

    /// Jumps to an event, as `backprop frame --step N` does.
    public mutating func seek(to index: Int, training: Training) {
        moveTo(index, inSlices: false, training: training)
        keepFocusInView()
        prepareFrame(training: training)
    }

    /// Moves the cursor (clamped), training ahead as far as needed so the plot and the record exist.
    /// A move needing much training is prepared in slices when `inSlices` (the cursor moves when it is ready).
    mutating func moveTo(_ index: Int, inSlices: Bool = true, training: Training) {
        let target = min(max(0, index), lastEvent)
        if inSlices && prepareInSlices(to: target, training: training) { return }
        if cursor != target { gridScroll = GridScroll() }
        cursor = target
        do {
            let through = stepsNeeded(for: cursor, in: run)
            try training.timeline(of: run).train(through: through)
            // The earlier run keeps pace, so both curves end at the same epoch; its failure is not this run's.
            if let earlier = earlierRun { try? training.timeline(of: earlier.run).train(through: through) }
        } catch {
            failure = "training stopped: \(error)"
            playing = false
        }
    }

    /// Playing forward: stops at captions marked pause (and quiz questions), loops or pauses at the end.
    mutating func advance(by count: Int, training: Training) {
        let target = cursor + count
        if quiz != nil {
            for k in (cursor + 1)...min(target, lastEvent) where askBefore(k, training: training) {
                playing = false
                return
            }
        }
        if let stop = pauseEvents.first(where: { $0 > cursor && $0 <= target }) {
            moveTo(stop, training: training)
            playing = false
            return
        }
        if target > lastEvent {
            if loop { moveTo(0, training: training) } else { moveTo(lastEvent, training: training); playing = false }
            return
        }
        moveTo(target, training: training)
    }
}

extension AppState {
    /// Quiz mode: if event `index` reveals a value or gradient the student can compute, opens the
    /// question and stays just before it; returns whether it did.
    mutating func askBefore(_ index: Int, training: Training) -> Bool {
        guard quiz != nil, index <= lastEvent, index > cursor else { return false }
        let e = run.event(at: index)
        guard let record = try? training.timeline(of: run).record(ofStep: e.step),
              let q = Quiz.question(record: record, event: e, names: NodeNames(record), lr: run.lr(atStep: e.step)) else { return false }
        moveTo(index - 1, inSlices: false, training: training)
        question = q
        answer.clear()
        playing = false
        return true
    }

    /// Keys while a question is open: the answer's characters, Backspace, Enter to check, Esc or
    /// Enter on an empty answer to skip. Every other character belongs to the answer too (a `-`
    /// never slows playback); nil for the keys that keep their usual meaning (q, Ctrl-C, ?, arrows).
    mutating func answerKey(_ key: Key, training: Training) -> Effect? {
        guard let q = question else { return nil }
        switch key {
        case .enter where answer.text.isEmpty:
            return skip(q, training: training)
        case .enter:
            guard var score = quiz else { return .idle }
            let result = score.submit(answer.text, for: q)
            quiz = score
            if case .unreadable = result {
                verdict = result.message
                return .idle
            }
            verdict = result.message
            question = nil
            moveTo(cursor + 1, inSlices: false, training: training)
            if cursor >= lastEvent, let quiz { verdict = (verdict ?? "") + "  —  quiz over: \(quiz.summary)" }
            return .idle
        case .escape:
            return skip(q, training: training)
        case .backspace:
            answer.backspace()
            return .idle
        case .character(let c):
            if answer.type(c) { return .idle }
            return c == "q" || c == "?" ? nil : .idle
        default:
            return nil
        }
    }

    /// Leaves the question unanswered: the answer is shown, nothing is counted.
    mutating func skip(_ q: Quiz.Question, training: Training) -> Effect {
        question = nil
        verdict = "skipped: " + q.explanation
        moveTo(cursor + 1, inSlices: false, training: training)
        return Effect.idle
    }
}
