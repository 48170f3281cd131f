import Scenario
import TextCanvas

/// The chrome panels as this state fills them: each panel takes what it draws, and these say
/// what that is (the header's position and speed, the caption's note or question, the help's entries).
extension AppState {
    var headerPanel: HeaderPanel {
        let e = event, t = run
        // The widest position this run writes: the last epoch and step.
        let last = TimelineEvent(epoch: max(0, t.epochs - 1), batch: max(0, t.stepsPerEpoch - 1), step: e.step,
                                 phase: e.phase, node: e.node, indexInStep: e.indexInStep)
        // A follower's score is not kept (the lecturer's would be wrong on their screen).
        var header = HeaderPanel(title: t.scenario.title, position: HeaderPanel.positionText(e, in: t),
                                 widestPosition: HeaderPanel.positionText(last, in: t), phase: e.phase,
                                 lr: HeaderPanel.lrText(atStep: e.step, in: t), zeroesGrad: t.zeroesGrad, playing: playing,
                                 quiz: lectureRole == .follower ? nil : quiz.map { ($0.right, $0.asked) }, speed: speedText, glyphs: glyphs)
        header.lrShort = HeaderPanel.lrShortText(atStep: e.step, in: t)
        if let now = HeaderPanel.positionShortText(e, in: t), let widest = HeaderPanel.positionShortText(last, in: t) {
            header.positionShort = (now, widest)
            header.positionShortFirst = !HeaderPanel.positionCountsSteps(in: t)
        }
        if case .lecturer(let following, let exploring, _) = lectureRole {
            header.lecture = (" \(following) following ⸱ \(exploring) exploring ", " \(following) ⸱ \(exploring) exploring ")
        }
        return header
    }

    /// A student's place in a lecture: following it (or answering its question), or exploring with the way back.
    var lectureHint: String? {
        switch lectureRole {
        case .follower: question != nil ? "the lecturer asks the class: type your answer" : "following the lecture ⸱ any key: explore on your own"
        case .explorer: "exploring ⸱ r: back to the lecture"
        case .lecturer, nil: nil
        }
    }

    /// The speed in words (`2 nodes a second`, `3 epochs a second`).
    public var speedText: String {
        HeaderPanel.speedText(eventsPerSecond: eventsPerSecond, eventsPerEpoch: run.eventsPerStep * run.stepsPerEpoch)
    }

    var footerPanel: FooterPanel { FooterPanel(message: preparationProgress ?? notice ?? lectureHint, glyphs: glyphs) }

    var captionPanel: CaptionPanel {
        let content: CaptionPanel.Content
        if let q = question, let sent = classAnswerSent {
            content = .answerSent(prompt: q.prompt, given: sent.map { "you answered \(NumberFormat.short($0))" } ?? "you skipped it")
        } else if let q = question, lectureRole == .follower {
            content = .classQuestion(prompt: q.prompt, answer: answer.text)
        } else if let q = question {
            content = .question(prompt: q.prompt, answer: answer.text)
        } else if let verdict {
            content = .verdict(verdict)
        } else if let failure {
            content = .failure(failure)
        } else if let note = activeNote {
            content = .note(text: note.text, mark: noteMark, holds: activeNoteHolds, paused: pauseEvents.contains(cursor) && !playing)
        } else {
            content = .summary(run.scenario.summary)
        }
        return CaptionPanel(content, glyphs: glyphs)
    }

    /// The caption's rows at this size: enough for the scenario's longest note (the layout never jumps).
    /// Every note is wrapped to find it, so it is kept (`refreshCaptionHeight`) for as long as what it depends on holds.
    var captionHeight: Int {
        if let kept = captionRows, kept.key == captionKey { return kept.rows }
        return CaptionPanel.height(notes: noteEvents.map(\.note), quiz: quiz != nil, screenHeight: height, width: width, glyphs: glyphs)
    }

    /// What the caption's rows depend on besides the scenario's notes and the quiz.
    var captionKey: CaptionKey { CaptionKey(width: width, height: height, ascii: !glyphs.usesBraille) }

    /// Works the caption's rows out again if the size or the glyphs changed (`update` calls it).
    mutating func refreshCaptionHeight() {
        let key = captionKey
        if captionRows?.key != key {
            captionRows = nil
            captionRows = (key, captionHeight)
        }
    }

    /// Every binding's keys and its help as it applies to this scenario.
    var helpEntries: [(label: String, help: String)] { KeyMap.bindings.map { ($0.label, help(for: $0)) } }

    var helpOverlay: HelpOverlay { HelpOverlay(entries: helpEntries, scroll: helpScroll, glyphs: glyphs) }
}
