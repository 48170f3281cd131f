import Testing
import Scenario
@testable import Screen

/// The questions of one step, by event index within the step (nil where nothing is asked).
private func questions(_ scenario: Scenario, step: Int = 0, zeroesGrad: Bool? = nil) throws -> [Quiz.Question?] {
    let timeline = try Timeline(scenario: scenario, epochs: 2, zeroesGrad: zeroesGrad)
    let record = try timeline.record(ofStep: step)
    let names = NodeNames(record)
    let first = timeline.firstEvent(ofStep: step)
    return (first..<(first + timeline.eventsPerStep)).map { i in
        Quiz.question(record: record, event: timeline.event(at: i), names: names, lr: scenario.train.lr)
    }
}

private func scenario(_ toml: String) throws -> Scenario {
    try ScenarioLoader.load(bytes: Array(toml.utf8), file: "quiz.toml")
}

struct QuizTests {
    @Test func lectureFirstStepAsksEveryValueAndGradient() throws {
        let qs = try questions(Builtins.load("linear"))
        // x, y arriving and ∂loss/∂loss = 1 are given, not asked.
        #expect(qs.map { $0?.prompt } == [
            nil,
            "y_pred = x · w = 1.0 × 1.0 = ?",
            nil,
            "z1 = y_pred - y = 1.0 - 2.0 = ?",
            "loss = z1^2 = (-1.0)^2 = ?",
            nil,
            "∂loss/∂z1 = ∂loss/∂loss · ∂(z1^2)/∂z1 = 1.0 × (-2.0) = ?",
            "∂loss/∂y_pred = ∂loss/∂z1 · ∂z1/∂y_pred = -2.0 × 1.0 = ?",
            "∂loss/∂w = ∂loss/∂y_pred · ∂y_pred/∂w = -2.0 × 1.0 = ?",
            "w = w - lr · ∂loss/∂w = 1.0 - 0.01 × (-2.0) = ?",
        ])
        #expect(qs.map { $0?.answer } == [nil, 1, nil, -1, 1, nil, -2, -2, -2, Double(Float(1.02))])
        #expect(qs[8]?.explanation == "∂loss/∂w = ∂loss/∂y_pred · ∂y_pred/∂w = -2.0 × 1.0 = -2.0")
        #expect(qs[9]?.explanation == "w = w - lr · ∂loss/∂w = 1.0 - 0.01 × (-2.0) = 1.02")
    }

    @Test func withoutZeroGradTheQuestionAddsTheHeldGradient() throws {
        let qs = try questions(Builtins.load("linear-bias"), step: 1, zeroesGrad: false)
        let w = qs.first { $0?.prompt.hasPrefix("∂loss/∂w =") == true } ?? nil
        #expect(w?.prompt == "∂loss/∂w = w.grad + ∂loss/∂z1 · ∂z1/∂w = -4.0 + (-4.7999997 × 2.0) = ?")
        #expect(abs((w?.answer ?? 0) + 13.6) < 1e-5)
    }

    /// A name used twice gets the sum of both paths.
    @Test func twoPathsToAParamAreSummed() throws {
        let s = try scenario("""
            [data]
            x = [3.0]
            y = [0.0]
            [params]
            w = 1.0
            [model]
            forward = "x * w + w"
            loss = "(y_pred - y)^2"
            """)
        let qs = try questions(s)
        let w = try #require(qs.compactMap { $0 }.first { $0.prompt.hasPrefix("∂loss/∂w") })
        #expect(w.prompt == "∂loss/∂w = ∂loss/∂y_pred · ∂y_pred/∂w + ∂loss/∂z1 · ∂z1/∂w = (8.0 × 1.0) + (8.0 × 3.0) = ?")
        #expect(w.answer == 32)
    }

    /// Full-batch models work on tensors: each question is about one entry (the largest, as the
    /// inspector lights it), with the sum over the batch written out where backward makes one.
    @Test func tensorNodesAskAboutOneEntry() throws {
        let prompts = try questions(Builtins.load("logistic")).compactMap { $0?.prompt }
        #expect(prompts.first == "z1[0] = x[0] · w = 1.0 × 0.0 = ?", "\(prompts)")
        #expect(prompts.contains("∂loss/∂w = Σₛ ∂loss/∂z1[s] · x[s] = 0.16666667 × 1.0 + 0.16666667 × 2.0 + (-0.16666667) × 3.0 = ?"))
        #expect(prompts.contains("∂loss/∂b = Σₛ ∂loss/∂z2[s] = 0.16666667 + 0.16666667 + (-0.16666667) = ?"))
        #expect(prompts.suffix(2) == [
            "w = w - lr · ∂loss/∂w = 0.0 - 0.1 × 0.0 = ?",
            "b = b - lr · ∂loss/∂b = 0.0 - 0.1 × 0.16666667 = ?",
        ])
    }

    /// Momentum's update asks the velocity (its first step, where v is the grad itself, the step);
    /// Adam's asks the step from the corrected moments, about lr on the first step. Without lr, none.
    @Test func momentumAndAdamUpdatesAskTheirOwnArithmetic() throws {
        let model = """
            [data]
            x = [1.0, 2.0]
            y = [2.0, 4.0]
            [params]
            w = 1.0
            [model]
            forward = "x * w"
            loss = "(y_pred - y)^2"
            [train]
            lr = 0.01

            """
        let momentum = try scenario(model + "momentum = 0.9\n")
        let timeline = try Timeline(scenario: momentum, epochs: 1)
        func updateQuestion(_ t: Timeline, step: Int, lr: Literal) throws -> Quiz.Question? {
            let record = try t.record(ofStep: step)
            let update = t.event(at: t.firstEvent(ofStep: step) + t.eventsPerStep - 1)
            #expect(update.phase == .update)
            return Quiz.question(record: record, event: update, names: NodeNames(record), lr: lr)
        }
        let first = try #require(try updateQuestion(timeline, step: 0, lr: momentum.train.lr))
        #expect(first.prompt == "w = w - lr · v (v = g on the first step) = 1.0 - 0.01 × (-2.0) = ?")
        #expect(abs(first.answer - 1.02) < 1e-6)
        let second = try #require(try updateQuestion(timeline, step: 1, lr: momentum.train.lr))
        #expect(second.prompt.hasPrefix("v = 0.9 · v + ∂loss/∂w = 0.9 × (-2.0) + (-7.84"), "\(second.prompt)")
        #expect(abs(second.answer - (-9.64)) < 1e-5)
        var quiz = Quiz()
        #expect(quiz.submit("-9.64", for: second) == .right("right: " + second.explanation))

        let adam = try scenario(model + "optimizer = \"adam\"\n")
        let adamTimeline = try Timeline(scenario: adam, epochs: 1)
        let step = try #require(try updateQuestion(adamTimeline, step: 0, lr: adam.train.lr))
        #expect(step.prompt.hasPrefix("step = -lr · m̂/(√v̂ + eps) = -0.01 × (-2.0) / (2.0 + 1e-08) = ?"), "\(step.prompt)")
        #expect(abs(step.answer - 0.01) < 1e-6, "Adam's first step is lr whatever the gradient's size")
        // The shipped scenarios ask their scalar param's update (b2) too.
        for name in ["momentum", "adam"] {
            #expect(try questions(Builtins.load(name)).compactMap { $0?.prompt }.contains { $0.contains("=") && ($0.hasPrefix("v =") || $0.hasPrefix("b2 =") || $0.hasPrefix("step =")) },
                    "\(name)")
        }
        // Without lr, no update questions.
        let lecture = try Builtins.load("linear")
        let t = try Timeline(scenario: lecture, epochs: 1)
        let r = try t.record(ofStep: 0)
        #expect(Quiz.question(record: r, event: t.event(at: t.eventsPerStep - 1), names: NodeNames(r)) == nil)
    }

    @Test func typedNumbersAreRead() {
        #expect(Quiz.read("-2") == -2)
        #expect(Quiz.read("-2.0") == -2)
        #expect(Quiz.read(" 1.02 ") == 1.02)
        #expect(Quiz.read("4e-1") == 0.4)
        #expect(Quiz.read("+3") == 3)
        #expect(Quiz.read("−2") == -2)
        #expect(Quiz.read("1,5") == 1.5)
        for bad in ["", " ", "-", ".", "e", "abc", "nan", "inf", "0x1p3", "1e999", "1.2.3", "2-"] {
            #expect(Quiz.read(bad) == nil, "\(bad)")
        }
    }

    @Test func answersAreJudgedWithATeachersTolerance() {
        let q = Quiz.Question(prompt: "w = ?", answer: Double(Float(1.02)), explanation: "w = 1.02", node: 0)
        var quiz = Quiz()
        var verdict: Quiz.Verdict
        verdict = quiz.submit("1.02", for: q)
        #expect(verdict == .right("right: w = 1.02"))
        verdict = quiz.submit("0.98", for: q)
        #expect(verdict == .wrong("not quite (you typed 0.98): w = 1.02"))
        // 2 % off: the first update's whole point is the small change, so 1.0 is not 1.02.
        verdict = quiz.submit("1.0", for: q)
        #expect(!verdict.isRight)
        verdict = quiz.submit("1.0201", for: q)                 // within 1 %
        #expect(verdict.isRight)
        let ln2 = Quiz.Question(prompt: "?", answer: 0.6931471805599453, explanation: "0.693", node: 0)
        verdict = quiz.submit("0.7", for: ln2)                  // 0.99 % off
        #expect(verdict.isRight)
        verdict = quiz.submit("0.69", for: ln2)
        #expect(verdict.isRight)
        verdict = quiz.submit("0.68", for: ln2)
        #expect(!verdict.isRight)
        verdict = quiz.submit("1", for: Quiz.Question(prompt: "?", answer: 1.4, explanation: "", node: 0))
        #expect(!verdict.isRight)
        let tiny = Quiz.Question(prompt: "?", answer: 9.1e-13, explanation: "", node: 0)
        verdict = quiz.submit("0", for: tiny)                   // within 1e-6 absolute
        #expect(verdict.isRight)
        verdict = quiz.submit("-2", for: Quiz.Question(prompt: "?", answer: -2, explanation: "", node: 0))
        #expect(verdict.isRight)
        verdict = quiz.submit("4e-1", for: Quiz.Question(prompt: "?", answer: 0.4, explanation: "", node: 0))
        #expect(verdict.isRight)
        verdict = quiz.submit("2", for: Quiz.Question(prompt: "?", answer: -2, explanation: "", node: 0))
        #expect(!verdict.isRight)
        #expect(quiz.asked == 12)
        #expect(quiz.right == 7)
        #expect(quiz.summary == "7 of 12 right")
    }

    @Test func unreadableAnswersAskForANumberAndAreNotCounted() {
        var quiz = Quiz()
        #expect(quiz.summary == "no questions answered")
        let verdict = quiz.submit("two", for: Quiz.Question(prompt: "?", answer: 2, explanation: "", node: 0))
        #expect(verdict == .unreadable("type a number, like -2, 1.02 or 4e-1"))
        #expect(quiz.asked == 0)
    }

    @Test func answerInputTakesOnlyTheCharactersOfANumber() {
        var input = AnswerInput()
        for c in "-1.5e+2" { let taken = input.type(c); #expect(taken) }
        #expect(input.text == "-1.5e+2")
        for c in "x ,/q" { let taken = input.type(c); #expect(!taken) }
        let taken = input.type("E")
        #expect(taken)
        #expect(input.text == "-1.5e+2e")
        input.backspace()
        input.backspace()
        #expect(input.text == "-1.5e+")
        input.clear()
        input.backspace()
        #expect(input.text == "")
        for _ in 0..<40 { input.type("9") }
        #expect(input.text.count == AnswerInput.maxLength)
    }
}

private extension Quiz.Verdict {
    var isRight: Bool { if case .right = self { return true } else { return false } }
}
