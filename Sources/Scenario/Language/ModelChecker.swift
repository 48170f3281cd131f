import Autograd

/// Checks what TOML cannot: names defined, params used, predict inputs given, notes pointing at
/// real moments, and shapes that fit — by running the model once, as PyTorch would find out.
struct ModelChecker {
    let scenario: Scenario
    let locate: SourceLocator

    func fail(_ at: SourcePosition, _ message: String) -> Diagnostic {
        Diagnostic(file: scenario.file, line: at.line, column: at.column, message: message)
    }

    /// File position of a column inside forward line `expression` (-1 = the loss).
    func position(_ origin: Program.Origin) -> SourcePosition {
        let base = origin.expression < 0 ? scenario.lossPosition : scenario.forwardPositions[min(origin.expression, scenario.forwardPositions.count - 1)]
        return SourcePosition(line: base.line, column: base.column + origin.column)
    }

    /// The model compiled, and each watch expression compiled (once, here) and tried on the params' initial values.
    func check() throws(Diagnostic) -> (program: Program, watch: [WatchExpression]) {
        let scope = Program.Scope(data: scenario.data.map(\.name), parameters: scenario.parameters.map(\.name))
        let program: Program
        do {
            program = try Program.compile(forward: scenario.forward, loss: scenario.loss, scope: scope)
        } catch {
            let isLoss = error.origin.expression < 0
            let known = error.known + scenario.forward.map(\.name) + (isLoss ? ["y_pred"] : [])
            let hint = error.name == "y_pred" && !isLoss ? "; y_pred is what forward computes, it can be used in the loss" : didYouMean(error.name, known)
            throw fail(position(error.origin), "'\(error.name)' is not defined\(hint); names are data columns (\(scenario.data.map(\.name).joined(separator: ", "))), params (\(scenario.parameters.map(\.name).joined(separator: ", "))) and earlier assignments")
        }
        for spec in scenario.parameters where !program.parameters.contains(spec.name) {
            throw fail(locate.key(spec.name, in: "params"), "param '\(spec.name)' is never used by the model; use it in forward or remove it")
        }
        if !scenario.loss.names.contains("y_pred") {
            throw fail(scenario.lossPosition, "the loss must use y_pred, the model's output, e.g. \"(y_pred - y)^2\"")
        }
        var watch = scenario.watch
        for (i, w) in watch.enumerated() {
            for name in w.expression.names where !scenario.parameters.contains(where: { $0.name == name }) {
                throw fail(w.position, "watch can use params only; '\(name)' is not a param\(didYouMean(name, scenario.parameters.map(\.name)))")
            }
            do {
                watch[i].program = try Program.compile(watch: w.expression, parameters: scenario.parameters.map(\.name))
                _ = try watch[i].program.evaluate(parameters: scenario.parameters.map { ($0.name, $0.values, $0.shape) })
            } catch {
                throw fail(w.position, "\(error)")
            }
        }
        try checkNotes(program)
        try checkClassIndices(program)
        // Shapes before predict: a forward that does not fit is the mistake to name first.
        try checkShapes(program)
        try checkPredict(program)
        return (program, watch)
    }

    func checkPredict(_ program: Program) throws(Diagnostic) {
        guard !scenario.predict.isEmpty else { return }
        let inputs = Array(program.columns[..<program.inputCount])
        for column in scenario.predict where !inputs.contains(column.name) {
            throw fail(locate.key(column.name, in: "predict"), "[predict] \(column.name) is not an input of forward\(didYouMean(column.name, inputs)); "
                       + (inputs.isEmpty ? "forward reads no data column" : "forward reads \(inputs.joined(separator: ", "))"))
        }
        for name in inputs {
            guard let given = scenario.predict.first(where: { $0.name == name }) else {
                throw fail(locate.section("predict"), "[predict] needs a value for \(name), which forward reads")
            }
            let data = scenario.data.first { $0.name == name }
            if given.vectorLength != data?.vectorLength {
                throw fail(locate.key(name, in: "predict", value: true),
                           "[predict] \(name) must have the shape of its samples in [data]: \(data?.vectorLength.map { "lists of \($0)" } ?? "numbers")")
            }
        }
    }

    func checkNotes(_ program: Program) throws(Diagnostic) {
        let names = program.labels.compactMap { $0 } + ["loss", "y_pred"]
        for (i, note) in scenario.notes.enumerated() {
            let at = locate.key("at", in: "notes", occurrence: i, value: true)
            if let node = note.at.node, !names.contains(node) {
                throw fail(at, "at.node '\(node)' is not a node of the graph\(didYouMean(node, names)); use a data column, a param, an assignment, y_pred or loss")
            }
            if note.at.epoch >= max(1, scenario.train.epochs) {
                throw fail(at, "at.epoch \(note.at.epoch) is past the last epoch (\(scenario.train.epochs - 1)); epochs count from 0")
            }
            if note.at.sample >= max(1, scenario.stepsPerEpoch) {
                throw fail(at, "at.sample \(note.at.sample) is past the last step of an epoch (\(scenario.stepsPerEpoch - 1)); steps count from 0")
            }
        }
    }

    /// cross_entropy's second argument is a data column of class indices: whole numbers from 0 to
    /// one less than the logits' rows, for every sample (not only the batches a trial run sees).
    func checkClassIndices(_ program: Program) throws(Diagnostic) {
        for (k, instruction) in program.instructions.enumerated() {
            guard case .binary(.crossEntropy, _, let target) = instruction else { continue }
            let at = position(program.origins[k])
            guard case .data(let c) = program.instructions[target],
                  let column = scenario.data.first(where: { $0.name == program.columns[c] }) else {
                throw fail(at, "cross_entropy(logits, y) needs y to be a data column of class indices 0, 1, 2 … (one per sample), like cross_entropy(y_pred, y)")
            }
            let classes = classCount(program, instruction: k)
            let held = scenario.test.first { $0.name == column.name }
            if column.vectorLength != nil || held?.vectorLength != nil {
                let which = column.vectorLength != nil ? "sample 0" : "held-out sample 0"
                throw fail(at, "cross_entropy's \(column.name) must hold one class index per sample; \(which) is a list")
            }
            let range = classes.map { " 0…\($0 - 1) (the logits have \($0) rows)" } ?? ""
            for (part, data) in [("sample", column), ("held-out sample", held)] as [(String, DataColumn?)] {
                guard let data else { continue }
                for (i, v) in data.values.enumerated() where v != v.rounded() || v < 0 || classes.map({ v >= Double($0) }) == true {
                    throw fail(at, "cross_entropy's \(column.name) must hold class indices\(range); \(part) \(i) is \(data.text(ofSample: i))")
                }
            }
        }
    }

    /// How many classes the logits of cross_entropy instruction `k` have: their rows on the first batch.
    private func classCount(_ program: Program, instruction k: Int) -> Int? {
        guard case .binary(_, let logits, _) = program.instructions[k] else { return nil }
        let runner = ModelRunner(scenario: scenario, program: program)
        guard runner.batchCount > 0, let shapes = try? runner.shapes(ofBatch: 0) else { return nil }
        return shapes[logits].rows
    }

    /// Works out the shapes of the first and the last batch (which may be smaller), of every
    /// predict input and of the held-out samples, as running them would, without their numbers:
    /// a shape is all a trial run could prove (cross_entropy's class indices are checked over every
    /// sample above), and a batch of 10⁶ samples would cost every node 10⁶ numbers.
    func checkShapes(_ program: Program) throws(Diagnostic) {
        let runner = ModelRunner(scenario: scenario, program: program)
        do {
            for b in Set([0, max(0, runner.batchCount - 1)]).sorted() { _ = try runner.shapes(ofBatch: b) }
            for inputs in PredictInputs.batches(of: scenario, program: program) { _ = try runner.shapes(ofInputs: inputs.map(\.shape)) }
            // The held-out samples as one batch, as the test loss runs them.
            if !scenario.test.isEmpty {
                var held = scenario
                held.data = scenario.test
                held.train.batchSize = .all
                _ = try ModelRunner(scenario: held, program: program).shapes(ofBatch: 0)
            }
        } catch {
            let origin = program.origins[min(error.instruction, program.origins.count - 1)]
            throw fail(position(origin), "\(error.error)")
        }
    }
}

/// The predict section as single-sample batches, one per entry.
enum PredictInputs {
    static func batches(of scenario: Scenario, program: Program) -> [[(values: [Double], shape: Shape)]] {
        let count = scenario.predict.first?.count ?? 0
        let columns = program.columns[..<program.inputCount].map { name in scenario.predict.first { $0.name == name } }
        return (0..<count).map { i in columns.map { $0?.batch(i..<i + 1) ?? ([], .scalar) } }
    }
}
