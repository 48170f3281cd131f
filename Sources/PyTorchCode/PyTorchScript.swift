import Autograd
import Scenario

/// A self-contained Python script that runs a scenario's training in PyTorch and prints the same
/// transcript as `backprop train`; for the lecture's scenario it reads like the lecture's own script.
public struct PyTorchScript {
    public let scenario: Scenario
    public let epochs: Int

    /// Whether the script zeroes the grads after each update (the scenario's `zero_grad`).
    public let zeroesGrad: Bool
    /// Where the run changes from some step on (the screen's forks: `<` `>` the lr, `A` the hidden
    /// activation, `O` the optimizer); the script makes the same change at the same step.
    public let lrChanges: [LRChange]
    public let modelChanges: [ModelChange]
    /// The most samples a data line writes out; nil writes them all (the export). The code pane
    /// shows a few lines of a list, and a million samples written as text took seconds and
    /// hundreds of MB before the first frame (issue 23), so its listing shortens longer lists.
    var shownSamples: Int?

    /// A data list longer than this is shortened in the code pane (every shipped CSV is shorter).
    public static let paneSampleLimit = 10_000

    /// `zeroesGrad` overrides the scenario's `zero_grad` (the screen's `z` key).
    public init(scenario: Scenario, epochs: Int? = nil, zeroesGrad: Bool? = nil) {
        self.init(scenario: scenario, epochs: epochs, zeroesGrad: zeroesGrad, lrChanges: [], modelChanges: [])
    }

    /// The run `run` trains, forks and `z` included, so the script prints the losses the screen draws.
    public init(run: TrainingRun, epochs: Int? = nil) {
        self.init(scenario: run.scenario, epochs: epochs ?? run.epochs, zeroesGrad: run.zeroesGrad,
                  lrChanges: run.lrChanges, modelChanges: run.modelChanges)
    }

    init(scenario: Scenario, epochs: Int?, zeroesGrad: Bool?, lrChanges: [LRChange], modelChanges: [ModelChange]) {
        self.scenario = scenario
        self.epochs = epochs ?? scenario.train.epochs
        self.zeroesGrad = zeroesGrad ?? scenario.train.zeroGrad
        self.lrChanges = lrChanges.sorted { $0.step < $1.step }
        self.modelChanges = modelChanges.sorted { $0.step < $1.step }
    }

    /// The code each stretch of `run` runs, as the code pane shows it: one listing per
    /// `run.variants` (the scenario's model, then each fork's of `A` or `O`), with `z`'s
    /// choice; the pane writes the lr in force at its step.
    public static func listings(of run: TrainingRun) -> [Result<CodeListing, any Error>] {
        run.variants.map { variant in
            var script = PyTorchScript(scenario: variant, zeroesGrad: run.zeroesGrad)
            script.shownSamples = paneSampleLimit
            return Result { try script.listing() }
        }
    }

    /// Facts about the model that only running it once tells: ranks for printing, whether the loss is averaged.
    struct Probe {
        var parameterRanks: [Int]
        var predictRank: Int
        var lossIsAveraged: Bool

        func rank(ofParameter i: Int) -> Int { parameterRanks.indices.contains(i) ? parameterRanks[i] : 0 }
    }

    func probe() throws -> Probe {
        let trainer = Trainer(scenario: scenario)
        var averaged = false
        if trainer.runner.batchCount > 0 {
            _ = try trainer.runner.run(batch: 0)
            averaged = !(trainer.runner.tensor(ofSlot: scenario.program.lossSlot)?.shape.isScalar ?? true)
        }
        let predictRank = try trainer.predictions().first?.shape.rank ?? 0
        return Probe(parameterRanks: trainer.runner.parameters.map(\.shape.rank), predictRank: predictRank, lossIsAveraged: averaged)
    }

    /// The script, as `export --to pytorch` writes it.
    public func text() throws -> String { try listing().text }

    /// The script line by line, each line tagged with what it does in training (for the code pane).
    public func listing() throws -> CodeListing {
        let facts = try probe()
        let program = scenario.program
        let names = PythonNames(scenario: scenario)
        let lecture = isLectureShaped
        let float64 = scenario.train.dtype == .float64
        let dtypeArg: String? = lecture ? (float64 ? "torch.float64" : nil) : "dtype"
        let inputs = Array(program.columns[..<program.inputCount])
        let targets = Array(program.columns[program.inputCount...])
        let all = inputs + targets
        let params = program.parameters
        // A fork of the activation makes it a name the loop can change; one of the optimizer or the
        // lr needs a torch.optim object to change (plain SGD is then torch.optim.SGD).
        let forksActivation = modelChanges.contains { $0.activation != nil }
        let forksOptimizer = !lrChanges.isEmpty || modelChanges.contains { $0.optimizer != nil }
        let forks = !lrChanges.isEmpty || !modelChanges.isEmpty

        // Names that hold tensors: params, data unless the lecture's plain numbers, then assignments from them.
        var tensorNames = Set(params)
        if !lecture { tensorNames.formUnion(all) }
        var assigned: [(String, String)] = []
        for (line, a) in scenario.forward.enumerated() {
            var writer = PythonExpression(names: names.map, isTensor: { tensorNames.contains($0) }, dtype: dtypeArg)
            if forksActivation {
                let scenario = scenario
                writer.callName = { _, column in scenario.isHiddenActivationCall(line: line, column: column) ? "activation" : nil }
            }
            if writer.holdsTensor(a.expression) { tensorNames.insert(a.name) }
            assigned.append((a.name, writer.text(a.expression)))
        }
        let writer = PythonExpression(names: names.map, isTensor: { tensorNames.contains($0) }, dtype: dtypeArg)
        let py = { (n: String) in names.map[n] ?? n }

        var s = CodeListing()
        s.append("# \(scenario.title.replacingLineBreaks)\n")
        s.append("# Exported by `backprop export \(scenario.name) --to pytorch`: the same training in PyTorch,\n")
        s.append("# printing the same transcript as `backprop train \(scenario.name)`.\n")
        if forks { s.append("# The run as forked on the screen: \(forkSummary).\n") }
        if scenario.features?.usesMath == true { s.append("import math\n") }
        s.append("import torch\n\n")
        if !lecture { s.append("dtype = torch.\(float64 ? "float64" : "float32")\n\n") }
        s.append(dataLines(columns: all, name: py))
        s.append("\n")
        for (i, name) in params.enumerated() {
            guard let spec = scenario.parameters.first(where: { $0.name == name }) else { continue }
            let args = [Self.tensorLiteral(spec.values, spec.shape, rank: facts.rank(ofParameter: i))] + (dtypeArg.map { ["dtype=\($0)"] } ?? [])
            s.append("\(py(name)) = torch.tensor(\(args.joined(separator: ", ")))\n")
            s.append("\(py(name)).requires_grad = True\n")
        }
        s.append("\n\n")
        if !lecture {
            s.append("""
            def stack(samples):
                # Samples side by side as columns, as backprop batches them; one number stays a number.
                t = torch.tensor(samples, dtype=dtype)
                if len(samples) == 1:
                    t = t[0]
                    return t if t.dim() == 0 else t.reshape(-1, 1)
                return t.reshape(len(samples), -1).T



            """)
        }

        if forksActivation, let op = scenario.hiddenActivation, let name = Self.function(op) {
            s.append("# The hidden layers' activation: the loop changes it where the run was forked.\nactivation = \(name)\n\n\n")
        }

        // forward(inputs) and loss(inputs, targets)
        let yPredName = scenario.forward.last?.name ?? "y_pred"
        s.append("def forward(\(inputs.map(py).joined(separator: ", "))):\n", role: .forwardDef)
        for (i, (name, text)) in assigned.enumerated() {
            s.append(i == assigned.count - 1 && name == "y_pred" ? "    return \(text)\n" : "    \(py(name)) = \(text)\n")
        }
        if yPredName != "y_pred" || assigned.isEmpty { s.append("    return \(py("y_pred"))\n") }
        s.append("\n\n")
        let lossNames = scenario.loss.names
        let intermediates = scenario.forward.map(\.name).filter { $0 != "y_pred" }
        s.append("def loss(\(all.map(py).joined(separator: ", "))):\n", role: .lossDef)
        if lossNames.contains(where: intermediates.contains) {
            for (name, text) in assigned { s.append("    \(py(name)) = \(text)\n") }
        } else if lossNames.contains("y_pred") {
            s.append("    \(py("y_pred")) = forward(\(inputs.map(py).joined(separator: ", ")))\n")
        }
        var lossText = writer.text(scenario.loss)
        if facts.lossIsAveraged {
            var bare = scenario.loss.isLeaf
            if case .call = scenario.loss { bare = true }
            lossText = (bare ? lossText : "(\(lossText))") + ".mean()"
        }
        s.append("    return \(lossText)\n\n\n")

        // predict
        let predictCount = scenario.predict.first?.count ?? 0
        let show = { (expr: String, rank: Int) -> String in
            switch rank {
            case 0: return "\(expr).item()"
            case 1: return "\(expr).flatten().tolist()"
            default: return "\(expr).tolist()"
            }
        }
        var predictLines: (String) -> String
        if lecture {
            predictLines = { title in
                (0..<predictCount).map { i in
                    let args = inputs.map { c in scenario.predict.first { $0.name == c }?.text(ofSample: i).replacingNonFinite ?? "None" }
                    return "print(\"\(title)\", \(args.joined(separator: ", ")), \(show("forward(\(args.joined(separator: ", ")))", facts.predictRank)))\n"
                }.joined()
            }
        } else {
            for column in inputs {
                let texts = scenario.predict.first { $0.name == column }.map { Self.sampleTexts($0) } ?? []
                s.append("\(py(column))_predict = [\(texts.joined(separator: ", "))]\n")
            }
            s.append("\n\ndef predict(title):\n")
            s.append("    for \(inputs.map(py).joined(separator: ", ")) in \(Self.zip(inputs.map { py($0) + "_predict" })):\n")
            s.append("        print(title, \(inputs.map(py).joined(separator: ", ")), \(show("forward(\(inputs.map { "stack([\(py($0))])" }.joined(separator: ", ")))", facts.predictRank)))\n\n\n")
            predictLines = { title in "predict(\"\(title)\")\n" }
        }

        // the optimizer
        let paramList = params.map(py).joined(separator: ", ")
        let lr = scenario.train.lr.text.replacingNonFinite
        // Without zero_grad the script leaves the zeroing out for real (grads pile up, as in
        // `backprop train`), while the listing keeps the line to show it struck out.
        let skipZero = !zeroesGrad
        var update: [CodeListing.Line] = []
        let train = scenario.train
        let optimizerStep: [CodeListing.Line] = [.init("optimizer.step()", role: .update(param: nil)),
                                                 .init("optimizer.zero_grad(set_to_none=False)", role: .zeroGrad(param: nil, skipped: skipZero))]
        if case .sgd(let momentum) = train.optimizer, momentum == 0, !decays(train.optimizer), !forksOptimizer {
            update = params.enumerated().map { i, p in
                .init(before: "\(py(p)).data = \(py(p)).data - ", lr: lr, after: " * \(py(p)).grad.data", role: .update(param: i))
            }
                + params.enumerated().map { i, p in .init("\(py(p)).grad.data.zero_()", role: .zeroGrad(param: i, skipped: skipZero)) }
        } else {
            s.lines.append(optimizerLine(train.optimizer, parameters: paramList, lr: lr))
            update = optimizerStep
        }
        if update == optimizerStep { s.append("\n") }

        // the lecture's loop
        s.append(predictLines("predict (before training)"), role: .predictBefore)
        if forks { s.append("step = 0\n") }
        s.append("for epoch in range(\(epochs)):\n", role: .epochLoop)
        let b = scenario.batchSize
        let grads = params.enumerated().map { i, n in show("\(py(n)).grad", facts.rank(ofParameter: i)) }
        let shown: [String]
        if b == 1 {
            s.append("    for \(all.map(py).joined(separator: ", ")) in \(Self.zip(all.map { py($0) + "_data" })):\n", role: .sampleLoop)
            s.append(forkLines(parameters: paramList))
            let args = lecture ? all.map(py) : all.map { "stack([\(py($0))])" }
            s.append("        l = loss(\(args.joined(separator: ", ")))\n", role: .lossCall)
            shown = all.map(py)
        } else {
            let first = py(all.first ?? "x") + "_data"
            s.append("    for start in range(0, len(\(first)), \(b)):\n", role: .sampleLoop)
            s.append(forkLines(parameters: paramList))
            s.append("        \(all.map(py).joined(separator: ", ")) = \(all.map { "\(py($0))_data[start:start + \(b)]" }.joined(separator: ", "))\n")
            s.append("        l = loss(\(all.map { "stack(\(py($0)))" }.joined(separator: ", ")))\n", role: .lossCall)
            // A last batch of one sample prints as the sample itself, not a list of one.
            let single = scenario.sampleCount % b == 1
            shown = all.map { single ? "\(py($0)) if len(\(py($0))) > 1 else \(py($0))[0]" : py($0) }
        }
        s.append("        l.backward()\n", role: .backward)
        s.append("        print('\\tgrad:', \((shown.map { $0.contains(" if ") ? "(\($0))" : $0 } + grads).joined(separator: ", ")))\n", role: .gradPrint)
        for line in update { s.lines.append(line.indented("        ")) }
        if forks { s.append("        step += 1\n") }
        s.append("    print('progress:', epoch, l.item())\n", role: .progressPrint)
        if scenario.heldOut != nil {
            // The held-out samples as one batch, no graph: the test loss on the epoch's parameters.
            s.append("    with torch.no_grad():\n")
            s.append("        print('test loss:', epoch, loss(\(all.map { "stack(\(py($0))_test)" }.joined(separator: ", "))).mean().item())\n")
        }
        s.append(predictLines("predict (after training)"), role: .predictAfter)
        return s
    }

    /// Whether `optimizer` is given a weight_decay: one is written (AdamW's default 0.01 too).
    func decays(_ optimizer: Optimizer) -> Bool {
        scenario.train.weightDecay.value != 0 || optimizer.decouplesWeightDecay
    }

    /// `optimizer = torch.optim.SGD([w], lr=0.01, momentum=0.9)`: the torch.optim object for `optimizer`
    /// with the scenario's weight_decay, the lr in its slot (the code pane writes a forked lr there).
    func optimizerLine(_ optimizer: Optimizer, parameters: String, lr: String) -> CodeListing.Line {
        let decay = decays(optimizer) ? ", weight_decay=\(scenario.train.weightDecay.text.replacingNonFinite)" : ""
        switch optimizer {
        case .sgd(let momentum):
            return .init(before: "optimizer = torch.optim.SGD([\(parameters)], lr=", lr: lr,
                         after: (momentum == 0 ? "" : ", momentum=\(NumberFormat.python(momentum))") + decay + ")")
        case .adam(let beta1, let beta2, let eps), .adamw(let beta1, let beta2, let eps):
            let name = optimizer.decouplesWeightDecay ? "AdamW" : "Adam"
            return .init(before: "optimizer = torch.optim.\(name)([\(parameters)], lr=", lr: lr,
                         after: ", betas=(\(NumberFormat.python(beta1)), \(NumberFormat.python(beta2))), eps=\(NumberFormat.python(eps))\(decay))")
        }
    }

    /// The steps where a fork changes the run, with what changes there.
    var forkSteps: [(step: Int, activation: Op?, optimizer: Optimizer?, lr: Literal?)] {
        let steps = Array(Set(lrChanges.map(\.step) + modelChanges.map(\.step))).sorted()
        return steps.map { step in
            let model = modelChanges.last { $0.step == step }
            return (step, model?.activation, model?.optimizer, lrChanges.last { $0.step == step }?.lr)
        }
    }

    /// The lr the run updates with at `step`: the scenario's until an lr fork changed it.
    func lr(atStep step: Int) -> Literal {
        lrChanges.last { $0.step <= step }?.lr ?? scenario.train.lr
    }

    /// Where a step is, as the screen says it: `epoch 100` (its first step), else `epoch 3 sample 2` or `batch 2`.
    func moment(ofStep step: Int) -> String {
        let perEpoch = max(1, scenario.stepsPerEpoch)
        let (epoch, within) = step.quotientAndRemainder(dividingBy: perEpoch)
        return within == 0 ? "epoch \(epoch)" : "epoch \(epoch) \(scenario.batchSize == 1 ? "sample" : "batch") \(within)"
    }

    /// `tanh from epoch 100 (A), momentum from epoch 150 (O)`: what the script's forks change, for its header.
    var forkSummary: String {
        forkSteps.flatMap { f -> [String] in
            var parts: [String] = []
            if let op = f.activation { parts.append("\(op.name ?? op.symbol) from \(moment(ofStep: f.step)) (A)") }
            if let o = f.optimizer { parts.append("\(Self.describe(o)) from \(moment(ofStep: f.step)) (O)") }
            if let lr = f.lr { parts.append("lr \(lr.text) from \(moment(ofStep: f.step)) (< >)") }
            return parts
        }.joined(separator: ", ")
    }

    /// The loop's lines that make each fork's change at its step (none without forks).
    func forkLines(parameters: String) -> String {
        var s = ""
        for f in forkSteps {
            s += "        if step == \(f.step):  # \(moment(ofStep: f.step))\n"
            if let op = f.activation, let name = Self.function(op) { s += "            activation = \(name)\n" }
            if let o = f.optimizer {
                // A new torch.optim object: its state (momentum, Adam's moments) starts empty.
                s += "            " + optimizerLine(o, parameters: parameters, lr: lr(atStep: f.step).text.replacingNonFinite).text + "\n"
            } else if let lr = f.lr {
                s += "            for group in optimizer.param_groups:\n"
                s += "                group['lr'] = \(lr.text.replacingNonFinite)\n"
            }
        }
        return s
    }

    /// `sgd`, `sgd with momentum 0.9`, `adam`: an optimizer in a comment.
    static func describe(_ o: Optimizer) -> String {
        switch o {
        case .sgd(let m): return m == 0 ? "sgd" : "sgd with momentum \(NumberFormat.python(m))"
        case .adam: return "adam"
        case .adamw: return "adamw"
        }
    }

    /// `torch.tanh`: an activation as the function PyTorch calls (what `activation` holds).
    static func function(_ op: Op) -> String? {
        if case .function(let name)? = op.pytorch { return name }
        return nil
    }

    /// The lecture's shape: one number per sample, one sample per step, and no arithmetic on data
    /// alone, so the data can stay plain Python numbers (`for x, y in zip(x_data, y_data)`).
    var isLectureShaped: Bool {
        guard scenario.heldOut == nil, scenario.features == nil else { return false }
        let columns = scenario.program.columns
        let scalarData = (scenario.data + scenario.predict).filter { columns.contains($0.name) }.allSatisfy { $0.vectorLength == nil }
        guard scalarData, scenario.batchSize == 1 else { return false }
        var dependsOnParams = Set(scenario.program.parameters)
        var dataOnly = false
        func check(_ e: Expression) -> Bool {  // returns whether e depends on a param
            switch e {
            case .number: return false
            case .name(let n, _): return dependsOnParams.contains(n)
            case .binary(_, let l, let r, _):
                let (a, b) = (check(l), check(r))
                if !(a || b) && (l.mentionsName || r.mentionsName) { dataOnly = true }
                return a || b
            case .negate(let x, _), .power(let x, _, _), .transpose(let x, _):
                let a = check(x)
                if !a && x.mentionsName { dataOnly = true }
                return a
            case .call(_, let arguments, _):
                let dependent = arguments.map(check)
                if !dependent.contains(true) && arguments.contains(where: \.mentionsName) { dataOnly = true }
                return dependent.contains(true)
            }
        }
        for a in scenario.forward where check(a.expression) { dependsOnParams.insert(a.name) }
        _ = check(scenario.loss)
        return !dataOnly
    }

    /// The data as Python lists, built as backprop builds them: written out (a CSV's samples too: the
    /// script carries its data, so it runs on a machine without the CSV), x computed by the features,
    /// and the held-out samples split off (`*_test`).
    func dataLines(columns: [String], name py: (String) -> String) -> String {
        var s = ""
        let features = scenario.features
        if let features {
            let writer = PythonExpression(names: Dictionary(uniqueKeysWithValues: features.sources.map { ($0, py($0)) }),
                                          isTensor: { _ in true }, dtype: nil,
                                          spellCall: { op, arguments in Features.pythonCall(op, argument: arguments.first ?? "") })
            s += "def features(\(features.sources.map(py).joined(separator: ", "))):\n"
            s += "    # [data] features: each sample's \(features.target), in float64 (Python's floats), as backprop computes it\n"
            s += "    return [\(features.list.map { writer.text($0.expression) }.joined(separator: ", "))]\n\n\n"
        }
        var testFile: DataFile?
        if case .file(let file)? = scenario.heldOut { testFile = file }
        if let file = scenario.dataFile {
            let test = testFile.map { " (held out: \($0.written))" } ?? ""
            s += "# The samples of \(file.written)\(test), carried in the script: it runs wherever it is copied\n"
        }
        // Written out whole (held-out samples of a test_fraction included, split below as backprop splits them).
        let written = columns.filter { $0 != features?.target } + (features?.sources.filter { !columns.contains($0) } ?? [])
        for suffix in testFile == nil ? ["_data"] : ["_data", "_test"] {
            for column in written {
                let train = scenario.data.first { $0.name == column }
                let test = scenario.test.first { $0.name == column }
                let lists = suffix == "_test" ? [test] : testFile == nil ? [train, test] : [train]
                let count = lists.reduce(0) { $0 + ($1?.count ?? 0) }
                let shown = min(count, shownSamples ?? count)
                var texts: [String] = []
                for list in lists.compactMap({ $0 }) where texts.count < shown {
                    texts += Self.sampleTexts(list, upTo: shown - texts.count)
                }
                let more = shown < count ? ", …]  # \(count) samples; the export writes them all\n" : "]\n"
                s += "\(py(column))\(suffix) = [\(texts.joined(separator: ", "))" + more
            }
            if let features, columns.contains(features.target) {
                let args = features.sources.map(py)
                s += "\(py(features.target))\(suffix) = [features(\(args.joined(separator: ", "))) for \(args.joined(separator: ", ")) in \(Self.zip(args.map { $0 + suffix }))]\n"
            }
        }
        if case .fraction(let fraction, let count)? = scenario.heldOut {
            let train = scenario.sampleCount
            s += "\n# test_fraction = \(fraction.text): the last \(count) of the \(train + count) samples, in file order, are held out\n"
            s += "n_train = \(train)\n"
            for column in columns {
                s += "\(py(column))_data, \(py(column))_test = \(py(column))_data[:n_train], \(py(column))_data[n_train:]\n"
            }
        }
        return s
    }

    /// Every sample of a column as a Python literal, as written.
    static func sampleTexts(_ column: DataColumn, upTo limit: Int = .max) -> [String] {
        (0..<min(column.count, limit)).map { column.text(ofSample: $0).replacingNonFinite }
    }

    static func zip(_ lists: [String]) -> String {
        lists.count == 1 ? lists[0] : "zip(\(lists.joined(separator: ", ")))"
    }

    /// A param's initial value as a Python literal: `[1.0]` for a number (the lecture's
    /// `torch.tensor([1.0])`), a column `[[0.0], [0.0]]` for a vector, a list of rows for a matrix.
    static func tensorLiteral(_ values: [Double], _ shape: Shape, rank: Int) -> String {
        let v = values.map { NumberFormat.python($0).replacingNonFinite }
        switch rank {
        case 0: return "[\(v.first ?? "0.0")]"
        case 1: return "[" + v.map { "[\($0)]" }.joined(separator: ", ") + "]"
        default:
            return "[" + (0..<shape.rows).map { r in
                "[" + v[(r * shape.cols)..<min(v.count, (r + 1) * shape.cols)].joined(separator: ", ") + "]"
            }.joined(separator: ", ") + "]"
        }
    }
}

extension Expression {
    var mentionsName: Bool { !names.isEmpty }
}

extension String {
    var replacingLineBreaks: String { split(whereSeparator: \.isNewline).joined(separator: " ") }
}
