import Autograd

/// The headless outputs of `backprop train`: the lecture's printout, csv and jsonl.
public enum OutputFormat: String, CaseIterable, Sendable {
    case transcript, csv, jsonl
}

extension NumberFormat {
    /// A tensor as Python prints `.item()` or `.tolist()`: a number, a flat list for a vector,
    /// a list of rows for a matrix.
    public static func pythonTensor(_ values: [Double], _ shape: Shape) -> String {
        switch shape.rank {
        case 0: return python(values.first ?? .nan)
        case 1: return pythonList(values)
        default:
            if shape.cols == 1 && shape.rank < 2 { return pythonList(values) }
            return "[" + (0..<shape.rows).map { r in pythonList(values[(r * shape.cols)..<((r + 1) * shape.cols)]) }.joined(with: ", ") + "]"
        }
    }
}

extension Trainer {
    /// The lecture's loop for `epochs` epochs: `afterBackward` sees each step's grads (with its batch)
    /// before the update; `afterEpoch` gets the last step's loss and the mean of the epoch's step losses
    /// (what csv prints and the loss plot draws).
    public func train(epochs: Int,
                      afterBackward: (Trainer, _ batch: Int) -> Void,
                      afterEpoch: (_ epoch: Int, _ lastLoss: Double, _ meanLoss: Double) throws -> Void) throws {
        for epoch in 0..<epochs {
            var lastLoss = Double.nan
            var sum = 0.0
            for b in 0..<runner.batchCount {
                lastLoss = try step(batch: b) { trainer, _ in afterBackward(trainer, b) }
                sum += lastLoss
            }
            try afterEpoch(epoch, lastLoss, sum / Double(max(1, runner.batchCount)))
        }
    }
}

/// Writes training output as it happens, in one of the formats.
public struct TranscriptWriter {
    public let scenario: Scenario
    public let format: OutputFormat
    public let epochs: Int

    public init(scenario: Scenario, format: OutputFormat, epochs: Int? = nil) {
        self.scenario = scenario
        self.format = format
        self.epochs = epochs ?? scenario.train.epochs
    }

    /// The step's data as the lecture prints it: the sample as written, or a list of the batch's samples.
    static func dataText(_ scenario: Scenario, column: String, batch: Int) -> String {
        guard let data = scenario.data.first(where: { $0.name == column }) else { return "" }
        let start = batch * scenario.batchSize
        let samples = min(start, data.count)..<min(start + scenario.batchSize, data.count)
        if samples.count == 1 { return data.text(ofSample: samples.lowerBound) }
        return "[" + samples.map(data.text(ofSample:)).joined(with: ", ") + "]"
    }

    /// Trains and sends the output, a chunk at a time, to `emit`.
    public func run(emit: (String) -> Void) throws {
        let trainer = Trainer(scenario: scenario)
        var out = ""
        out.reserveCapacity(1 << 16)
        // csv lines, after the header in `out`, as bytes: one epoch's line costs no String.
        var lines: [UInt8] = []
        func flush() {
            if !out.isEmpty { emit(out); out.removeAll(keepingCapacity: true) }
            if !lines.isEmpty { emit(String(decoding: lines, as: UTF8.self)); lines.removeAll(keepingCapacity: true) }
        }
        let program = scenario.program
        let params = trainer.runner.parameters
        let accuracy = AccuracyRule.of(scenario)
        let heldOut = HeldOutEvaluator(scenario: scenario)

        switch format {
        case .transcript:
            try predictLines("predict (before training)", trainer, into: &out)
        case .csv:
            out += "epoch,loss" + (accuracy == nil ? "" : ",accuracy")
            if let heldOut { out += ",test_loss" + (heldOut.accuracy == nil ? "" : ",test_accuracy") }
            out += "\n"
        case .jsonl:
            break
        }
        var lastGrads: [[Double]] = []
        var tally = (right: 0, samples: 0)
        // Each batch's data as written, made in the first epoch and kept for the others (writing
        // the lecture's numbers again every step was a tenth of its run); not for very many batches.
        var gradData = [String?](repeating: nil, count: format == .transcript && scenario.stepsPerEpoch <= 4096 ? scenario.stepsPerEpoch : 0)
        try trainer.train(epochs: epochs, afterBackward: { trainer, b in
            if let accuracy {
                let (right, samples) = accuracy.count(trainer.runner, batch: b)
                tally = (tally.right + right, tally.samples + samples)
            }
            switch format {
            case .transcript:
                let data: String
                if b < gradData.count, let kept = gradData[b] {
                    data = kept
                } else {
                    data = TranscriptWriter.gradData(scenario, batch: b)
                    if b < gradData.count { gradData[b] = data }
                }
                out += TranscriptWriter.gradLine(data: data, grads: params.map { (trainer.tape.grad($0) ?? [], $0.shape) }) + "\n"
            case .jsonl:
                lastGrads = params.map { trainer.tape.grad($0) ?? [] }
            case .csv:
                break
            }
        }, afterEpoch: { epoch, lastLoss, meanLoss in
            let epochAccuracy = tally.samples > 0 ? Double(tally.right) / Double(tally.samples) : Double.nan
            tally = (0, 0)
            let test = try heldOut?.measure(parameters: params.map(\.value))
            switch format {
            case .transcript:
                out += TranscriptWriter.progressLine(epoch: epoch, loss: lastLoss) + "\n"
                if let test { out += TranscriptWriter.testLossLine(epoch: epoch, loss: test.loss) + "\n" }
            case .csv:
                NumberFormat.appendDecimal(epoch, to: &lines)
                lines.append(UInt8(ascii: ","))
                NumberFormat.appendPython(meanLoss, to: &lines)
                if accuracy != nil {
                    lines.append(UInt8(ascii: ","))
                    NumberFormat.appendPython(epochAccuracy, to: &lines)
                }
                for measure in [test?.loss, test?.accuracy] {
                    guard let measure else { continue }
                    lines.append(UInt8(ascii: ","))
                    NumberFormat.appendPython(measure, to: &lines)
                }
                lines.append(UInt8(ascii: "\n"))
            case .jsonl:
                out += "{\"epoch\": \(epoch), \"loss\": \(json(meanLoss))"
                if accuracy != nil { out += ", \"accuracy\": \(json(epochAccuracy))" }
                if let test {
                    out += ", \"test_loss\": \(json(test.loss))"
                    if let a = test.accuracy { out += ", \"test_accuracy\": \(json(a))" }
                }
                out += ", \"params\": {"
                out += params.enumerated().map { i, p in
                    let name = program.parameters[i]
                    return "\"\(name)\": {\"value\": \(jsonTensor(p.value, p.shape)), \"grad\": \(jsonTensor(i < lastGrads.count ? lastGrads[i] : [], p.shape))}"
                }.joined(with: ", ")
                out += "}}\n"
            }
            if out.utf8.count + lines.count > 1 << 16 { flush() }
        })
        if format == .transcript { try predictLines("predict (after training)", trainer, into: &out) }
        flush()
    }

    func predictLines(_ title: String, _ trainer: Trainer, into out: inout String) throws {
        for line in try TranscriptWriter.predictLines(title, scenario, trainer: trainer) { out += line + "\n" }
    }

    // One function per kind of transcript line, shared with the screen's transcript pane so the
    // two cannot drift apart. Lines come without their line break.

    /// `\tgrad: 1.0 2.0 -2.0`: the step's data as written, then each param's grad as Python prints it.
    public static func gradLine(_ scenario: Scenario, batch: Int, grads: [(values: [Double], shape: Shape)]) -> String {
        gradLine(data: gradData(scenario, batch: batch), grads: grads)
    }

    /// `\tgrad: 1.0 2.0`: a grad line's head, the batch's data, the same in every epoch.
    static func gradData(_ scenario: Scenario, batch: Int) -> String {
        var line = "\tgrad:"
        for column in scenario.program.columns { line += " " + dataText(scenario, column: column, batch: batch) }
        return line
    }

    /// A grad line from its head (`gradData`) and the grads.
    static func gradLine(data: String, grads: [(values: [Double], shape: Shape)]) -> String {
        var line = data
        for g in grads { line += " " + NumberFormat.pythonTensor(g.values, g.shape) }
        return line
    }

    /// `progress: 0 7.315943717956543`: the epoch and its last step's loss.
    public static func progressLine(epoch: Int, loss: Double) -> String {
        "progress: \(epoch) \(NumberFormat.python(loss))"
    }

    /// `test loss: 0 0.5213`: the held-out samples' loss after the epoch (scenarios with a test set).
    public static func testLossLine(epoch: Int, loss: Double) -> String {
        "test loss: \(epoch) \(NumberFormat.python(loss))"
    }

    /// `predict (before training) 4 4.0` for each predict entry, with the trainer's params as they are now.
    public static func predictLines(_ title: String, _ scenario: Scenario, trainer: Trainer) throws -> [String] {
        let outputs = try trainer.predictions()
        let count = scenario.predict.first?.count ?? 0
        return (0..<min(count, outputs.count)).map { i in
            let inputs = scenario.program.columns[..<scenario.program.inputCount].compactMap { name in
                scenario.predict.first { $0.name == name }?.text(ofSample: i)
            }
            return "\(title) \(inputs.joined(with: " ")) \(NumberFormat.pythonTensor(outputs[i].values, outputs[i].shape))"
        }
    }

    /// JSON has no nan or infinity: those become null.
    func json(_ v: Double) -> String { v.isFinite ? NumberFormat.python(v) : "null" }

    func jsonTensor(_ values: [Double], _ shape: Shape) -> String {
        switch shape.rank {
        case 0: return json(values.first ?? .nan)
        case 1: return "[" + values.map(json).joined(with: ", ") + "]"
        default:
            return "[" + (0..<shape.rows).map { r in
                "[" + values[(r * shape.cols)..<min(values.count, (r + 1) * shape.cols)].map(json).joined(with: ", ") + "]"
            }.joined(with: ", ") + "]"
        }
    }
}
