import Autograd

/// A named column of `[data]`: every sample's numbers in one flat array, sample after sample.
///
/// A million samples cost a million doubles (or `width` times that), not a million objects: sample
/// `i` is `values[i * width ..< (i + 1) * width]`. The trainer takes batches from it as tensors,
/// the views read a sample or a number, the transcript prints a sample as it was written.
public struct DataColumn: Equatable, Sendable {
    public var name: String
    /// nil for scalar samples, else the vector length (a list of one is a vector of 1).
    public let vectorLength: Int?
    /// Every sample's numbers, one sample after another.
    public private(set) var values: [Double]
    /// The text as written of the numbers Python would print otherwise (`4`, not `4.0`), by their
    /// index in `values`: only integers written in TOML have one, so a CSV column holds none.
    private var written: [Int: String]

    /// An empty column: samples come by `append`.
    public init(name: String, vectorLength: Int?, reservingSamples capacity: Int = 0) {
        self.name = name
        self.vectorLength = vectorLength
        values = []
        written = [:]
        values.reserveCapacity(capacity * (vectorLength ?? 1))
    }

    /// Numbers in a sample.
    public var width: Int { vectorLength ?? 1 }

    /// Samples in the column.
    public var count: Int { values.count / max(1, width) }

    /// What the numbers take in memory: samples × width × 8 bytes, nothing per sample.
    public var storedBytes: Int { values.count * MemoryLayout<Double>.stride }

    /// Sample `i`'s numbers.
    public func sample(_ i: Int) -> ArraySlice<Double> { values[i * width ..< (i + 1) * width] }

    /// Number `j` of sample `i` (j = 0 for a scalar column).
    public func value(_ i: Int, _ j: Int = 0) -> Double { values[i * width + j] }

    /// Adds one sample: `width` numbers, with their text when it was written (TOML integers).
    mutating func append(_ numbers: some Collection<Double>, texts: [String?] = []) {
        for (k, text) in texts.enumerated() { if let text { written[values.count + k] = text } }
        values.append(contentsOf: numbers)
    }

    /// Adds one number to the sample being built (the CSV reader appends a row's numbers one at a time).
    mutating func append(_ number: Double) { values.append(number) }

    /// A number as Python prints it, or as written when Python would print it otherwise.
    private func text(at k: Int) -> String { written[k] ?? NumberFormat.python(values[k]) }

    /// Sample `i` as written, the way Python prints it: `1.0`, or `[1.0, 2.0]` for a vector.
    public func text(ofSample i: Int) -> String {
        let range = i * width ..< (i + 1) * width
        if vectorLength == nil { return text(at: range.lowerBound) }
        return "[" + range.map(text(at:)).joined(separator: ", ") + "]"
    }

    /// Samples `range` stacked as columns (a batch: width × samples, row-major, as the tape takes
    /// it); one sample alone keeps its own shape (a scalar stays a scalar, a vector a column).
    public func batch(_ range: Range<Int>) -> (values: [Double], shape: Shape) {
        var stacked: [Double] = []
        let shape = appendBatch(range, to: &stacked)
        return (stacked, shape)
    }

    /// `batch(range)`'s numbers appended to `out` (a buffer the caller reuses): its shape.
    @discardableResult
    public func appendBatch(_ range: Range<Int>, to out: inout [Double]) -> Shape {
        let n = width, b = range.count
        guard b > 0 else { return .scalar }
        if b == 1 || n == 1 {
            out.append(contentsOf: values[range.lowerBound * n ..< range.upperBound * n])
            return shape(ofBatch: b)
        }
        let base = range.lowerBound * n
        out.reserveCapacity(out.count + n * b)
        for r in 0..<n {
            for j in 0..<b { out.append(values[base + j * n + r]) }
        }
        return shape(ofBatch: b)
    }

    /// The shape of a batch of `b` samples, without its numbers: width × b, one sample its own shape.
    public func shape(ofBatch b: Int) -> Shape {
        if b <= 0 { return .scalar }
        if b == 1 { return vectorLength == nil ? .scalar : .vector(width) }
        return .matrix(width, b)
    }

    /// The first `n` samples.
    func prefix(_ n: Int) -> DataColumn { samples(0..<n) }

    /// The last `n` samples.
    func suffix(_ n: Int) -> DataColumn { samples(count - n ..< count) }

    /// Samples `range` as a column of their own, texts as written kept.
    func samples(_ range: Range<Int>) -> DataColumn {
        var part = DataColumn(name: name, vectorLength: vectorLength)
        let lower = range.lowerBound * width, upper = range.upperBound * width
        part.values = Array(values[lower..<upper])
        for (k, text) in written where k >= lower && k < upper { part.written[k - lower] = text }
        return part
    }
}
