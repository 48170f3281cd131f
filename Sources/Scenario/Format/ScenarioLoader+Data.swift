import Foundation

/// `[data]` read whole: the training samples, the held-out ones, the CSV they came from and the features that built x.
struct DataSection {
    var train: [DataColumn]
    var test: [DataColumn] = []
    var file: DataFile?
    var features: Features?
    var heldOut: HeldOutSplit?
}

extension ScenarioLoader {
    /// Keys of `[data]` that are settings, not columns.
    static let dataSettings = ["file", "features", "test_fraction", "test_file"]

    func dataSection(_ t: TOMLTable) throws(Diagnostic) -> DataSection {
        let features = try features(t)
        let sources = features.map { f in f.sources.map { ($0, f.position(ofFirstUse: $0)) } } ?? []
        var section: DataSection
        if t["file"] != nil {
            let (columns, file) = try csvColumns(t, extra: sources)
            section = DataSection(train: columns, file: file)
        } else {
            if t["test_file"] != nil {
                throw fail(locate.key("test_file", in: "data"), "test_file needs the training samples in a CSV too (file = \"train.csv\", with the same columns); with samples written here, hold some out with test_fraction = 0.25")
            }
            let columns = try dataColumns(t)
            for (name, at) in sources {
                guard let column = columns.first(where: { $0.name == name }) else {
                    throw fail(at, "'\(name)' is not a column of [data]\(didYouMean(name, columns.map(\.name))); features read the columns written there (\(columns.map(\.name).joined(separator: ", ")))")
                }
                if let n = column.vectorLength {
                    throw fail(at, "\(name) holds a list of \(n) per sample; a feature reads columns of one number per sample")
                }
            }
            section = DataSection(train: columns)
        }
        section.features = features
        if let features { section.train.append(try featureColumn(features, from: section.train)) }

        if t["test_fraction"] != nil && t["test_file"] != nil {
            throw fail(locate.key("test_file", in: "data"), "[data] has both test_fraction and test_file; hold out either the last part of the data or another file's samples")
        }
        if let value = t["test_fraction"] {
            let at = locate.key("test_fraction", in: "data", value: true)
            guard let fraction = literal(value), fraction.value > 0, fraction.value < 1 else {
                throw fail(at, "test_fraction must be a number between 0 and 1 (not 0 or 1 themselves), e.g. 0.25 holds out the last quarter of the samples")
            }
            let n = section.train.first?.count ?? 0
            let count = Int((Double(n) * fraction.value).rounded())
            if count < 1 {
                throw fail(at, "test_fraction = \(fraction.text) of \(n) samples holds out none (\(NumberFormat.short(Double(n) * fraction.value)) rounds to 0); the test set needs at least one sample")
            }
            if count >= n {
                throw fail(at, "test_fraction = \(fraction.text) of \(n) samples holds out all of them; at least one must stay to train on")
            }
            section.test = section.train.map { $0.suffix(count) }
            section.train = section.train.map { $0.prefix(n - count) }
            section.heldOut = .fraction(fraction, count: count)
        } else if t["test_file"] != nil {
            var (columns, file) = try csvColumns(t, fileKey: "test_file", extra: sources)
            if let features { columns.append(try featureColumn(features, from: columns, file: file.written)) }
            section.test = columns
            section.heldOut = .file(file)
        }
        return section
    }

    /// `features = [...]`: each entry parsed, and refused where it is not one number per sample.
    func features(_ t: TOMLTable) throws(Diagnostic) -> Features? {
        guard let value = t["features"] else { return nil }
        let valueAt = locate.key("features", in: "data", value: true)
        let example = "e.g. features = [\"x1\", \"x2\", \"x1*x2\", \"x1^2\", \"sin(x1)\"]"
        guard let list = value.array, !list.isEmpty else { throw fail(valueAt, "features must be a list of expressions in quotes, \(example)") }
        if t["x"] != nil {
            throw fail(locate.key("x", in: "data"), "[data] has both x and features; the features build x, so give one of them")
        }
        if list.count > Self.maximumElements { throw fail(valueAt, "features has more than \(Self.maximumElements) entries") }
        var result: [Features.Feature] = []
        for element in list {
            guard let text = element.string else { throw fail(valueAt, "each feature must be an expression in quotes, \(example)") }
            let at = locate.text(of: element)
            let expression = try parse(text, at: at)
            if let refusal = Features.refusal(expression, functions: functions) {
                throw fail(SourcePosition(line: at.line, column: at.column + refusal.column), refusal.message)
            }
            if expression.names.isEmpty {
                throw fail(at, "the feature \"\(text)\" reads no column: it is the same number for every sample; use a column, e.g. \"x1*x2\"")
            }
            result.append(Features.Feature(text: text, expression: expression, position: at))
        }
        return Features(list: result, target: "x")
    }

    /// The column x the features build, one vector per sample of `columns`; every feature must be a finite number.
    func featureColumn(_ features: Features, from columns: [DataColumn], file: String? = nil) throws(Diagnostic) -> DataColumn {
        let sources = features.sources.map { name in columns.first { $0.name == name } }
        let count = columns.first?.count ?? 0
        if count * features.list.count > dataLimit {
            throw fail(features.list[0].position, "\(features.list.count) features of \(count) samples make more than \(dataLimit) numbers; backprop takes up to \(dataLimit) (\(dataLimit / features.list.count) samples of these features). Keep fewer rows or fewer features")
        }
        var column = DataColumn(name: features.target, vectorLength: features.list.count, reservingSamples: count)
        var values = [Double](repeating: .nan, count: sources.count)
        for i in 0..<count {
            for (k, source) in sources.enumerated() { values[k] = source.map { i < $0.count ? $0.value(i) : .nan } ?? .nan }
            let vector = features.vector(values)
            if let bad = vector.firstIndex(where: { !$0.isFinite }) {
                let feature = features.list[bad]
                let inputs = zip(features.sources, values).filter { feature.expression.names.contains($0.0) }
                    .map { "\($0.0) = \(NumberFormat.python($0.1))" }.joined(separator: ", ")
                throw fail(feature.position, "the feature \"\(feature.text)\" is \(NumberFormat.python(vector[bad])) for sample \(i)\(file.map { " of \($0)" } ?? "") (\(inputs)); a feature must be a finite number for every sample")
            }
            column.append(vector)
        }
        return column
    }
}
