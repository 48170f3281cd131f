import Autograd
import Foundation

/// Reads a scenario file (TOML) into a checked `Scenario`, or one `Diagnostic` saying what is wrong.
public struct ScenarioLoader {
    let file: String
    let locate: SourceLocator
    /// A data file may lie outside the scenario's folder (`--allow-data-outside`): the user trusts the file.
    var allowDataOutside = false
    /// A shipped scenario: its data files are the ones built into the binary, never the disk's.
    var builtin = false
    /// The functions its expressions may call (the built-in ones, or a table a row was added to).
    var functions = FunctionTable.standard
    /// The most numbers a data file may give (`maximumDataNumbers`; a test may ask for fewer).
    var dataLimit = ScenarioLoader.maximumDataNumbers
    /// The scenario trains in float32 (the default): a number of the data or the params must be
    /// finite as a float32 too, or it would train as inf (`w = 1e39` printed `grad: inf`).
    var float32 = true

    static let sections = ["title", "summary", "data", "params", "model", "train", "predict", "notes"]
    static let trainKeys = ["epochs", "lr", "batch_size", "optimizer", "momentum", "betas", "eps", "weight_decay", "dtype", "zero_grad"]
    /// The most epochs a scenario or `--epochs` may ask for: one limit everywhere.
    public static let maximumEpochs = 10_000_000
    /// The most numbers one param, data column or CSV may hold: 2^21, a 2048×1024 matrix (a
    /// 1024×1024 layer fits twice over); a bound, so a mistyped size cannot fill the memory.
    public static let maximumElements = 1 << 21
    /// Two 1024×1024 layers written out fit in 16 MB; a bigger file is a mistake, refused unread.
    static let maximumFileBytes = 16 << 20
    /// Characters in a title (the header line shows it) and in a summary or a caption.
    static let maximumTitle = 200
    static let maximumText = 2000

    /// Loads from bytes: rejects empty, binary and non-UTF-8 files with a position. `builtin`: the
    /// bytes are a shipped scenario's, whose data files are read from the binary (`Builtins`).
    /// `functions`: what its expressions may call.
    public static func load(bytes: [UInt8], file: String, name: String? = nil, allowDataOutside: Bool = false, builtin: Bool = false,
                            functions: FunctionTable = .standard) throws(Diagnostic) -> Scenario {
        try load(bytes: bytes, file: file, name: name, allowDataOutside: allowDataOutside, builtin: builtin, functions: functions, dataLimit: maximumDataNumbers)
    }

    /// `load(bytes:…)` with a bound of data numbers of the caller's.
    static func load(bytes: [UInt8], file: String, name: String?, allowDataOutside: Bool, builtin: Bool,
                     functions: FunctionTable, dataLimit: Int) throws(Diagnostic) -> Scenario {
        if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            throw Diagnostic(file: file, line: 1, column: 1, message: "the file is empty; a scenario needs at least [data], [params] and [model]")
        }
        if let nul = SourceLines.firstNUL(in: bytes) {
            let p = SourceLines.position(ofByte: nul, in: bytes)
            throw Diagnostic(file: file, line: p.line, column: p.column, message: "this is a binary file, not a TOML scenario (a NUL byte is here)")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let bad = SourceLines.firstInvalidUTF8(bytes)
            let p = SourceLines.position(ofByte: bad, in: bytes)
            throw Diagnostic(file: file, line: p.line, column: p.column, message: "the file is not valid UTF-8 text (save it as UTF-8)")
        }
        let root: TOMLTable
        do {
            root = try TOMLReader.read(bytes)
        } catch {
            let p = SourceLines.position(ofByte: error.offset, in: bytes)
            throw Diagnostic(file: file, line: p.line, column: p.column, message: "this is not valid TOML: \(error.message)")
        }
        let float32 = root["train"]?.table?["dtype"]?.string != DType.float64.rawValue
        let loader = ScenarioLoader(file: file, locate: SourceLocator(bytes: bytes, root: root), allowDataOutside: allowDataOutside, builtin: builtin,
                                    functions: functions, dataLimit: dataLimit, float32: float32)
        // A name taken from the file's name becomes the title: shown escaped, never as it is.
        return try loader.load(root, name: name ?? escapingControlCharacters(((file as NSString).lastPathComponent as NSString).deletingPathExtension))
    }

    public static func load(path: String, name: String? = nil, allowDataOutside: Bool = false) throws(Diagnostic) -> Scenario {
        try load(path: path, name: name, allowDataOutside: allowDataOutside, dataLimit: maximumDataNumbers)
    }

    /// `load(path:…)` with a bound of data numbers of the caller's.
    static func load(path: String, name: String?, allowDataOutside: Bool, dataLimit: Int) throws(Diagnostic) -> Scenario {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: maximumFileBytes, kind: "scenario file")
        } catch {
            throw Diagnostic(file: path, line: 1, column: 1, message: error.message)
        }
        return try load(bytes: bytes, file: path, name: name, allowDataOutside: allowDataOutside, builtin: false, functions: .standard, dataLimit: dataLimit)
    }

    func fail(_ at: SourcePosition, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: at.line, column: at.column, message: message)
    }

    // MARK: the whole file

    func load(_ root: TOMLTable, name: String) throws(Diagnostic) -> Scenario {
        try refuseInvisibleText(in: root)
        for key in root.keys where !Self.sections.contains(key) {
            throw fail(root[key]?.table != nil ? locate.section(key) : locate.key(key, in: nil),
                       "unknown key or section '\(key)'\(didYouMean(key, Self.sections)); a scenario has title, summary, [data], [params], [model], [train], [predict] and [[notes]]")
        }
        let title = try optionalString(root, "title", in: nil, limit: Self.maximumTitle) ?? name
        let summary = try optionalString(root, "summary", in: nil, limit: Self.maximumText) ?? ""
        let section = try dataSection(try table(root, "data", required: true))
        let data = section.train
        let parameters = try parameterSpecs(try table(root, "params", required: true), data: data)
        let model = try table(root, "model", required: true)
        for key in model.keys where !["forward", "loss", "watch"].contains(key) {
            throw fail(locate.key(key, in: "model"), "unknown key '\(key)' in [model]\(didYouMean(key, ["forward", "loss", "watch"])); [model] has forward, loss and watch")
        }
        let (forward, forwardPositions) = try forwardAssignments(model)
        guard let lossText = model["loss"] else { throw fail(locate.section("model"), "[model] needs a loss, e.g. loss = \"(y_pred - y)^2\"") }
        guard let lossString = lossText.string else { throw fail(locate.key("loss", in: "model", value: true), "loss must be a string with an expression, e.g. \"(y_pred - y)^2\"") }
        let lossPosition = locate.text(of: lossText)
        let loss = try parse(lossString, at: lossPosition)
        let watch = try watchExpressions(model)
        let train = try trainingSettings(try table(root, "train", required: false))
        var predict = try predictColumns(try table(root, "predict", required: false))
        if let features = section.features, !predict.contains(where: { $0.name == features.target }),
           !predict.isEmpty, features.sources.allSatisfy({ name in predict.contains { $0.name == name && $0.vectorLength == nil } }) {
            // [predict] gives the columns the features read (x1, x2): x is built from them as for the data.
            let built = try featureColumn(features, from: predict)
            predict = predict.filter { !features.sources.contains($0.name) } + [built]
        }
        let notes = try notes(root)
        var scenario = Scenario(file: file, name: name, title: title, summary: summary, data: data, parameters: parameters,
                                forward: forward, loss: loss, watch: watch, train: train, predict: predict, notes: notes,
                                forwardPositions: forwardPositions, lossPosition: lossPosition)
        scenario.dataFile = section.file
        scenario.test = section.test
        scenario.features = section.features
        scenario.heldOut = section.heldOut
        (scenario.program, scenario.watch) = try ModelChecker(scenario: scenario, locate: locate).check()
        return scenario
    }

    // MARK: pieces

    /// Text is inert: no string or key of the file may hold a character that reorders a line or
    /// takes no room (a title, a caption, an expression or a column's name would show one thing and
    /// be another, on the screen and in every export). Refused where it is, once, for all of them.
    func refuseInvisibleText(in table: TOMLTable) throws(Diagnostic) {
        for key in table.keys {
            if let bad = key.unicodeScalars.firstIndex(where: isInvisibleFormatCharacter) {
                let at = locate.position(ofByte: table.offset(ofKey: key) ?? table.offset)
                throw invisible(key.unicodeScalars[bad], in: key, at: at, what: "a key")
            }
            if let value = table[key] { try refuseInvisibleText(in: value) }
        }
    }

    func refuseInvisibleText(in value: TOMLValue) throws(Diagnostic) {
        switch value.storage {
        case .string(let text):
            guard let bad = text.unicodeScalars.firstIndex(where: isInvisibleFormatCharacter) else { return }
            let valueAt = locate.position(ofByte: value.offset)
            let start = locate.text(of: value)
            // Where the string is found as written, the character's own column; else the string's.
            let column = start == valueAt ? start.column : start.column + text.unicodeScalars[..<bad].count
            throw invisible(text.unicodeScalars[bad], in: text, at: SourcePosition(line: start.line, column: column), what: "this text")
        case .table(let table):
            try refuseInvisibleText(in: table)
        case .tables(let list):
            for table in list.tables { try refuseInvisibleText(in: table) }
        case .array(let list):
            // A list of a million numbers holds no text: only lists, tables and strings are looked into.
            for element in list {
                switch element.storage {
                case .integer, .float, .boolean, .dateTime: continue
                default: try refuseInvisibleText(in: element)
                }
            }
        case .integer, .float, .boolean, .dateTime:
            return
        }
    }

    private func invisible(_ scalar: Unicode.Scalar, in text: String, at: SourcePosition, what: String) -> Diagnostic {
        fail(at, "\(what) holds an \(describeCharacter(Character(scalar))): it would show the text in another order or hide part of it (\(escapingControlCharacters(text.count > 40 ? String(text.prefix(40)) + "…" : text))); delete it")
    }

    func table(_ root: TOMLTable, _ key: String, required: Bool) throws(Diagnostic) -> TOMLTable {
        guard let value = root[key] else {
            if required { throw fail(SourcePosition(line: 1, column: 1), "the scenario has no [\(key)] section") }
            return TOMLTable()
        }
        guard let t = value.table else {
            throw fail(locate.key(key, in: nil), "'\(key)' must be a section [\(key)], not a \(typeName(value))")
        }
        return t
    }

    func optionalString(_ t: TOMLTable, _ key: String, in section: String?, limit: Int) throws(Diagnostic) -> String? {
        guard let v = t[key] else { return nil }
        guard let s = v.string else { throw fail(locate.key(key, in: section, value: true), "\(key) must be a string in quotes, found a \(typeName(v))") }
        return try shown(s, what: key, at: locate.key(key, in: section, value: true), limit: limit)
    }

    /// Text that reaches the screen, a terminal or an exported file: one line of printable
    /// characters (an escape code in a title would retitle the window or clear the screen), of a
    /// length that fits.
    func shown(_ text: String, what: String, at: SourcePosition, limit: Int) throws(Diagnostic) -> String {
        if let bad = text.unicodeScalars.first(where: isControlCharacter) {
            throw fail(at, "\(what) holds \(describeCharacterWithArticle(Character(bad))); write it as plain text on one line (captions wrap by themselves)")
        }
        if text.count > limit { throw fail(at, "\(what) is \(text.count) characters long; the limit is \(limit)") }
        return text
    }

    func typeName(_ v: TOMLValue) -> String {
        switch v.type {
        case .string: return "string"
        case .int: return "whole number"
        case .double: return "number"
        case .bool: return "true/false"
        case .array: return "list"
        case .table: return "table"
        default: return "date or time"
        }
    }

    /// A number (TOML integer or float), kept with its text as written.
    func literal(_ v: TOMLValue) -> Literal? {
        if v.type == .int, let i = v.int { return Literal(Double(i), text: String(i)) }
        if v.type == .double, let d = v.double { return Literal(d) }
        return nil
    }

    /// A number of the data or the params: one policy for TOML and CSV alike, finite, refused at
    /// its own line and column (nan and inf cannot be trained on, and a CSV refuses them too).
    /// `what` is written only for a message: a matrix of a million entries names none of them.
    func finiteLiteral(_ v: TOMLValue, what: @autoclosure () -> String) throws(Diagnostic) -> Literal? {
        guard let l = literal(v) else { return nil }
        guard l.value.isFinite else {
            throw fail(locate.position(ofByte: v.offset), "\(what()) is \(l.text); data and params must be finite numbers")
        }
        if let past = pastFloat32(l.value) { throw fail(locate.position(ofByte: v.offset), "\(what()) is \(l.text)\(past)") }
        return l
    }

    /// Why `value` cannot be trained on in float32 (it rounds to inf there), or nil when it can.
    func pastFloat32(_ value: Double) -> String? {
        guard float32, !Float(value).isFinite else { return nil }
        return ", past float32's largest number (about 3.4e38); data and params must be finite in float32, the dtype this scenario trains in ([train] dtype = \"float64\" takes up to 1.8e308)"
    }

    /// One sample's numbers as written (a number, or a flat list), with their text where Python
    /// would print them otherwise; `isVector` says which it was.
    func sample(_ v: TOMLValue, at: SourcePosition, what: @autoclosure () -> String) throws(Diagnostic) -> (values: [Double], texts: [String?], isVector: Bool) {
        if let l = try finiteLiteral(v, what: what()) { return ([l.value], [l.writtenText], false) }
        guard let array = v.array else { throw fail(at, "\(what()) must be a number or a list of numbers, found a \(typeName(v))") }
        var values: [Double] = [], texts: [String?] = []
        values.reserveCapacity(array.count)
        texts.reserveCapacity(array.count)
        for element in array {
            guard let l = try finiteLiteral(element, what: what()) else {
                throw fail(at, "\(what()) must hold numbers, found a \(typeName(element))\(element.type == .array ? " (a sample is a number or a flat list)" : "")")
            }
            values.append(l.value)
            texts.append(l.writtenText)
        }
        if values.isEmpty { throw fail(at, "\(what()) is an empty list; a vector sample needs at least one number") }
        return (values, texts, true)
    }

    func column(_ name: String, _ value: TOMLValue, section: String) throws(Diagnostic) -> DataColumn {
        let at = locate.key(name, in: section, value: true)
        guard ExpressionParser.isIdentifier(name) else { throw fail(locate.key(name, in: section), "'\(name)' cannot be used as a name in expressions; use letters, digits and _") }
        guard let array = value.array else {
            throw fail(at, "[\(section)] \(name) must be a list with one entry per sample, e.g. \(name) = [1.0, 2.0, 3.0]")
        }
        if array.isEmpty { throw fail(at, "[\(section)] \(name) has no samples") }
        if array.count > Self.maximumElements { throw fail(at, "[\(section)] \(name) has more than \(Self.maximumElements) samples") }
        var column: DataColumn?
        for (i, element) in array.enumerated() {
            let s = try sample(element, at: at, what: "sample \(i + 1) of \(name)")
            let length = s.isVector ? s.values.count : nil
            if column == nil { column = DataColumn(name: name, vectorLength: length, reservingSamples: array.count) }
            if let first = column, first.vectorLength != length {
                func size(_ n: Int?) -> String { n.map { "a list of \($0)" } ?? "a number" }
                throw fail(at, "the samples of \(name) have different sizes: sample 1 is \(size(first.vectorLength)) but sample \(i + 1) is \(size(length))")
            }
            column?.append(s.values, texts: s.texts)
        }
        guard let column else { throw fail(at, "[\(section)] \(name) has no samples") }
        return column
    }

    func dataColumns(_ t: TOMLTable) throws(Diagnostic) -> [DataColumn] {
        var columns: [DataColumn] = []
        for key in t.keys where !Self.dataSettings.contains(key) { if let v = t[key] { columns.append(try column(key, v, section: "data")) } }
        if columns.isEmpty { throw fail(locate.section("data"), "[data] is empty; give each column as a list, e.g. x = [1.0, 2.0, 3.0]") }
        if let first = columns.first, let other = columns.first(where: { $0.count != first.count }) {
            throw fail(locate.key(other.name, in: "data", value: true),
                       "data columns must have one entry per sample: \(first.name) has \(first.count) but \(other.name) has \(other.count)")
        }
        return columns
    }

    func parameterSpecs(_ t: TOMLTable, data: [DataColumn]) throws(Diagnostic) -> [ParameterSpec] {
        var specs: [ParameterSpec] = []
        for name in t.keys {
            guard let value = t[name] else { continue }
            let at = locate.key(name, in: "params", value: true)
            guard ExpressionParser.isIdentifier(name) else { throw fail(locate.key(name, in: "params"), "'\(name)' cannot be used as a name in expressions; use letters, digits and _") }
            if data.contains(where: { $0.name == name }) { throw fail(locate.key(name, in: "params"), "'\(name)' is both a data column and a param; rename one") }
            if functions.function(named: name) != nil || name == "y_pred" || name == "T" { throw fail(locate.key(name, in: "params"), "'\(name)' is a reserved name; choose another param name") }
            if let l = try finiteLiteral(value, what: "param \(name)") {
                specs.append(ParameterSpec(name: name, shape: .scalar, values: [l.value]))
                continue
            }
            guard let rows = value.array, !rows.isEmpty else {
                throw fail(at, "param \(name) must be a number, a list (column vector) or a list of rows (matrix)")
            }
            if rows.allSatisfy({ literal($0) != nil }) {
                var values: [Double] = []
                for (i, row) in rows.enumerated() {
                    if let l = try finiteLiteral(row, what: "entry \(i + 1) of param \(name)") { values.append(l.value) }
                }
                specs.append(ParameterSpec(name: name, shape: .vector(rows.count), values: values))
                continue
            }
            var values: [Double] = []
            values.reserveCapacity(rows.count * (rows[0].array?.count ?? 0))
            var width: Int?
            for (r, row) in rows.enumerated() {
                guard let cells = row.array, !cells.isEmpty else {
                    throw fail(at, "param \(name): row \(r + 1) must be a list of numbers (a matrix is a list of rows)")
                }
                if let w = width, w != cells.count {
                    throw fail(at, "param \(name) is ragged: row 1 has \(w) numbers but row \(r + 1) has \(cells.count)")
                }
                width = cells.count
                for (k, c) in cells.enumerated() {
                    // A finite float is the whole of most big matrices: taken as it is.
                    if case .float(let d) = c.storage, d.isFinite { values.append(d); continue }
                    guard let l = try finiteLiteral(c, what: "param \(name)[\(r)][\(k)]") else { throw fail(at, "param \(name): row \(r + 1) must hold numbers, found a \(typeName(c))") }
                    values.append(l.value)
                }
            }
            if values.count > Self.maximumElements {
                throw fail(at, "param \(name) has \(values.count) numbers; backprop takes up to \(Self.maximumElements) in one param (a 2048×1024 matrix)")
            }
            specs.append(ParameterSpec(name: name, shape: .matrix(rows.count, width ?? 0), values: values))
        }
        if specs.isEmpty { throw fail(locate.section("params"), "[params] is empty; a model needs at least one weight, e.g. w = 1.0") }
        return specs
    }

    func parse(_ text: String, at: SourcePosition) throws(Diagnostic) -> Expression {
        do {
            return try ExpressionParser.parse(text, functions: functions)
        } catch {
            throw fail(SourcePosition(line: at.line, column: at.column + error.column), error.message)
        }
    }

    func forwardAssignments(_ model: TOMLTable) throws(Diagnostic) -> ([Assignment], [SourcePosition]) {
        guard let value = model["forward"] else { throw fail(locate.section("model"), "[model] needs forward, e.g. forward = \"x * w\"") }
        let keyAt = locate.key("forward", in: "model")
        if let single = value.string {
            let at = locate.text(of: value)
            if single.contains("=") {
                let assignment = try assignment(single, at: at)
                return ([assignment], [at])
            }
            return ([Assignment(name: "y_pred", expression: try parse(single, at: at), expressionColumn: 0)], [at])
        }
        guard let list = value.array, !list.isEmpty else {
            throw fail(locate.key("forward", in: "model", value: true), "forward must be an expression in quotes, or a list of assignments like [\"h = sigmoid(W1 @ x + b1)\", \"y_pred = W2 @ h + b2\"]")
        }
        var result: [Assignment] = [], positions: [SourcePosition] = [], assigned: Set<String> = []
        for element in list {
            guard let text = element.string else { throw fail(locate.key("forward", in: "model", value: true), "each line of forward must be a string like \"h = sigmoid(W1 @ x + b1)\"") }
            let at = locate.text(of: element)
            let a = try assignment(text, at: at)
            if !assigned.insert(a.name).inserted { throw fail(at, "'\(a.name)' is assigned twice; give each step its own name") }
            result.append(a)
            positions.append(at)
        }
        guard result.contains(where: { $0.name == "y_pred" }) else {
            throw fail(positions.last ?? keyAt, "forward must assign y_pred, the model's output, e.g. \"y_pred = W2 @ h + b2\"")
        }
        return (result, positions)
    }

    func assignment(_ text: String, at: SourcePosition) throws(Diagnostic) -> Assignment {
        do {
            return try ExpressionParser.parseAssignment(text, functions: functions)
        } catch {
            throw fail(SourcePosition(line: at.line, column: at.column + error.column), error.message)
        }
    }

    /// `watch`: expressions over params shown beside the graph (e.g. W2 @ W1 next to W).
    func watchExpressions(_ model: TOMLTable) throws(Diagnostic) -> [WatchExpression] {
        guard let value = model["watch"] else { return [] }
        guard let list = value.array else { throw fail(locate.key("watch", in: "model", value: true), "watch must be a list of expressions in quotes, e.g. [\"W2 @ W1\", \"W\"]") }
        var result: [WatchExpression] = []
        for element in list {
            guard let text = element.string else { throw fail(locate.key("watch", in: "model", value: true), "each watch entry must be an expression in quotes") }
            let at = locate.text(of: element)
            result.append(WatchExpression(text: text, expression: try parse(text, at: at), position: at))
        }
        return result
    }

    func trainingSettings(_ t: TOMLTable) throws(Diagnostic) -> TrainingSettings {
        var s = TrainingSettings()
        for key in t.keys where !Self.trainKeys.contains(key) {
            throw fail(locate.key(key, in: "train"), "unknown key '\(key)' in [train]\(didYouMean(key, Self.trainKeys)); [train] has \(Self.trainKeys.joined(separator: ", "))")
        }
        func number(_ key: String) throws(Diagnostic) -> Literal? {
            guard let v = t[key] else { return nil }
            guard let l = literal(v) else { throw fail(locate.key(key, in: "train", value: true), "\(key) must be a number, found a \(typeName(v))") }
            guard l.value.isFinite else { throw fail(locate.key(key, in: "train", value: true), "\(key) must be a finite number, found \(l.text)") }
            return l
        }
        if let v = t["epochs"] {
            guard v.type == .int, let e = v.int else {
                throw fail(locate.key("epochs", in: "train", value: true), "epochs must be a whole number, found \(literal(v).map(\.text) ?? "a " + typeName(v))")
            }
            // At least 1: the screens step through the trained events, and 0 gives them none to show
            // (a file of 0 crashed frame, run and export --to cast/svg); `train --epochs 0` still prints
            // the predictions untrained.
            guard e >= 1 && e <= Self.maximumEpochs else {
                throw fail(locate.key("epochs", in: "train", value: true),
                           "epochs must be at least 1 and at most \(Self.maximumEpochs), found \(e)" + (e == 0 ? " (0 trains nothing: the screens have no step to show; `backprop train FILE --epochs 0` prints the predictions untrained)" : ""))
            }
            s.epochs = e
        }
        if let lr = try number("lr") {
            // PyTorch's SGD and Adam refuse only a negative lr; 0 trains nothing, visibly.
            guard lr.value >= 0 else { throw fail(locate.key("lr", in: "train", value: true), "lr must be 0 or more, found \(lr.text)") }
            s.lr = lr
        }
        if let v = t["batch_size"] {
            if v.string == "all" { s.batchSize = .all }
            else if v.type == .int, let n = v.int, n >= 1 { s.batchSize = .count(n) }
            else { throw fail(locate.key("batch_size", in: "train", value: true), "batch_size must be a whole number of at least 1, or \"all\"") }
        }
        if let v = t["zero_grad"] {
            guard let b = v.bool else { throw fail(locate.key("zero_grad", in: "train", value: true), "zero_grad must be true or false") }
            s.zeroGrad = b
        }
        if let v = t["dtype"] {
            guard let name = v.string, let d = DType(rawValue: name) else { throw fail(locate.key("dtype", in: "train", value: true), "dtype must be \"float32\" or \"float64\"") }
            s.dtype = d
        }
        let optimizerName: String
        if let v = t["optimizer"] {
            guard let name = v.string else { throw fail(locate.key("optimizer", in: "train", value: true), "optimizer must be \"sgd\", \"adam\" or \"adamw\" in quotes") }
            optimizerName = name
        } else { optimizerName = "sgd" }
        let momentum = try number("momentum")
        let eps = try number("eps")
        if let decay = try number("weight_decay") {
            guard decay.value >= 0 else {
                throw fail(locate.key("weight_decay", in: "train", value: true), "weight_decay must be 0 or more (PyTorch refuses a negative one), found \(decay.text); e.g. 0.001")
            }
            s.weightDecay = decay
        } else if optimizerName == "adamw" {
            s.weightDecay = Literal(0.01, text: "0.01")  // torch.optim.AdamW's default
        }
        switch optimizerName {
        case "sgd":
            if t["betas"] != nil || eps != nil { throw fail(locate.key(t["betas"] != nil ? "betas" : "eps", in: "train"), "betas and eps belong to adam; sgd takes momentum") }
            if let m = momentum?.value, !(0..<1).contains(m) { throw fail(locate.key("momentum", in: "train", value: true), "momentum must be at least 0 and below 1, e.g. 0.9") }
            s.optimizer = .sgd(momentum: momentum?.value ?? 0)
        case "adam", "adamw":
            if momentum != nil { throw fail(locate.key("momentum", in: "train"), "momentum belongs to sgd; \(optimizerName) takes betas and eps") }
            var beta1 = 0.9, beta2 = 0.999
            if let v = t["betas"] {
                guard let a = v.array, a.count == 2, let b1 = literal(a[0])?.value, let b2 = literal(a[1])?.value,
                      (0..<1).contains(b1), (0..<1).contains(b2) else {
                    throw fail(locate.key("betas", in: "train", value: true), "betas must be two numbers in [0, 1), e.g. [0.9, 0.999]")
                }
                beta1 = b1
                beta2 = b2
            }
            if let e = eps, e.value <= 0 { throw fail(locate.key("eps", in: "train", value: true), "eps must be greater than 0, e.g. 1e-8") }
            s.optimizer = optimizerName == "adam" ? .adam(beta1: beta1, beta2: beta2, eps: eps?.value ?? 1e-8)
                                                  : .adamw(beta1: beta1, beta2: beta2, eps: eps?.value ?? 1e-8)
        default:
            throw fail(locate.key("optimizer", in: "train", value: true), "unknown optimizer '\(optimizerName)'\(didYouMean(optimizerName, ["sgd", "adam", "adamw"])); use \"sgd\", \"adam\" or \"adamw\"")
        }
        return s
    }

    func predictColumns(_ t: TOMLTable) throws(Diagnostic) -> [DataColumn] {
        var columns: [DataColumn] = []
        for key in t.keys { if let v = t[key] { columns.append(try column(key, v, section: "predict")) } }
        if let first = columns.first, let other = columns.first(where: { $0.count != first.count }) {
            throw fail(locate.key(other.name, in: "predict", value: true), "[predict] columns must have the same number of entries: \(first.name) has \(first.count) but \(other.name) has \(other.count)")
        }
        return columns
    }

    func notes(_ root: TOMLTable) throws(Diagnostic) -> [Note] {
        guard let value = root["notes"] else { return [] }
        guard let list = value.array else { throw fail(locate.key("notes", in: nil), "notes are written as [[notes]] sections") }
        var notes: [Note] = []
        for (i, element) in list.enumerated() {
            let header = locate.section("notes", occurrence: i)
            guard let t = element.table else { throw fail(header, "each note is a [[notes]] section with at and text") }
            for key in t.keys where !["at", "text", "pause"].contains(key) {
                throw fail(locate.key(key, in: "notes", occurrence: i), "unknown key '\(key)' in a note\(didYouMean(key, ["at", "text", "pause"])); a note has at, text and pause")
            }
            guard let written = t["text"]?.string, !written.isEmpty else { throw fail(header, "this note needs text = \"…\", the caption to show") }
            let text = try shown(written, what: "the note's text", at: locate.key("text", in: "notes", occurrence: i, value: true), limit: Self.maximumText)
            var pause = false
            if let p = t["pause"] {
                guard let b = p.bool else { throw fail(locate.key("pause", in: "notes", occurrence: i, value: true), "pause must be true or false") }
                pause = b
            }
            guard let at = t["at"]?.table else {
                throw fail(header, "this note needs at = { epoch = 0, sample = 0, phase = \"backward\" }, the moment to show it")
            }
            let atPosition = locate.key("at", in: "notes", occurrence: i, value: true)
            for key in at.keys where !["epoch", "sample", "phase", "node"].contains(key) {
                throw fail(atPosition, "unknown key '\(key)' in at\(didYouMean(key, ["epoch", "sample", "phase", "node"])); at has epoch, sample, phase and node")
            }
            func whole(_ key: String) throws(Diagnostic) -> Int {
                guard let v = at[key] else { return 0 }
                guard v.type == .int, let n = v.int, n >= 0 else { throw fail(atPosition, "at.\(key) must be a whole number, 0 or more") }
                return n
            }
            var phase = NoteMoment.Phase.forward
            if let p = at["phase"] {
                guard let name = p.string, let ph = NoteMoment.Phase(rawValue: name) else {
                    throw fail(atPosition, "at.phase must be \"forward\", \"backward\" or \"update\"")
                }
                phase = ph
            }
            var node: String?
            if let n = at["node"] {
                guard let written = n.string else { throw fail(atPosition, "at.node must be a name in quotes, e.g. \"w\"") }
                let s = try shown(written, what: "at.node", at: atPosition, limit: Self.maximumTitle)
                node = s
            }
            notes.append(Note(at: NoteMoment(epoch: try whole("epoch"), sample: try whole("sample"), phase: phase, node: node),
                              text: text, pause: pause))
        }
        return notes
    }
}
