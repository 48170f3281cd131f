import Scenario
import TextCanvas

/// The lecturer's view of the class's answers to the open question, before revealing it: how
/// many answered, skipped or are still thinking, the share within the quiz's tolerance, and a
/// histogram of the values given (the right one is not marked: the screen may be projected).
public struct ClassAnswersPanel: Panel {
    public var answers: ClassAnswers
    public var correct: Double
    public var glyphs: Glyphs

    public init(answers: ClassAnswers, correct: Double, glyphs: Glyphs) {
        self.answers = answers
        self.correct = correct
        self.glyphs = glyphs
    }

    /// Narrower than this it draws nothing (the summary line would be cut).
    static let minimumWidth = 20

    /// Bars of the histogram at most.
    static let bins = 5

    /// The panel's rows for these answers at this width (a box around a summary, the share and the bars).
    public func height(width: Int) -> Int { 2 + lines(width: width - 2).count }

    public func render(into canvas: inout Canvas, rect: Rect) {
        guard rect.width >= Self.minimumWidth, rect.height >= 3 else { return }
        canvas.fill(rect)
        canvas.drawBox(rect, glyphs: glyphs, title: "the class's answers")
        let inner = rect.inset(by: 1)
        for (i, (text, style)) in lines(width: inner.width).prefix(inner.height).enumerated() {
            canvas.write(text, x: inner.x, y: inner.y + i, style: style, clip: inner)
        }
    }

    /// The rows inside the box, each in a form that fits `width` (a narrow box, as the loss plot's
    /// place at 80×24, takes the counts on two rows and the share in its short form).
    func lines(width: Int) -> [(String, Style)] {
        let n = answers.values.count
        let fits = { (text: String) in displayWidth(of: text) <= width }
        var lines: [(String, Style)] = []
        let counts = glyphs.text("\(n) answered ⸱ \(answers.skipped) skipped")
        let summary = counts + glyphs.text(" ⸱ \(answers.waiting) still thinking")
        if fits(summary) {
            lines.append((summary, .normal))
        } else {
            lines += [(counts, .normal), ("\(answers.waiting) still thinking", .normal)]
        }
        if n > 0 {
            let right = answers.within(of: correct)
            let long = "\(right) of \(n) within the quiz's 1% (\(right * 100 / n)%)"
            lines.append((fits(long) ? long : "\(right) of \(n) within 1% (\(right * 100 / n)%)", .strong))
        }
        let bins = Self.histogram(answers.values, bins: Self.bins)
        let most = max(1, bins.map(\.count).max() ?? 1)
        let room = max(1, width - 24)
        for bin in bins {
            let label = bin.low == bin.high ? NumberFormat.short(bin.low) : "\(NumberFormat.short(bin.low)) … \(NumberFormat.short(bin.high))"
            let bar = String(repeating: glyphs.usesBraille ? "█" : "#", count: max(1, bin.count * room / most))
            lines.append((glyphs.text("\(label.padding(toLength: 18, withPad: " ", startingAt: 0)) \(bar) \(bin.count)"), .value))
        }
        return lines
    }

    /// The values in at most `bins` bars of equal width from the least to the greatest (one bar a
    /// value when there are few different ones).
    static func histogram(_ values: [Double], bins: Int) -> [(low: Double, high: Double, count: Int)] {
        let finite = values.filter(\.isFinite).sorted()
        guard let low = finite.first, let high = finite.last else { return [] }
        let distinct = Array(Set(finite)).sorted()
        if distinct.count <= bins {
            return distinct.map { v in (v, v, finite.filter { $0 == v }.count) }
        }
        let width = (high - low) / Double(bins)
        return (0..<bins).map { k in
            let a = low + Double(k) * width, b = k == bins - 1 ? high : low + Double(k + 1) * width
            let count = finite.filter { $0 >= a && (k == bins - 1 ? $0 <= b : $0 < b) }.count
            return (a, b, count)
        }
    }
}
