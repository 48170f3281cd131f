import Scenario
import TextCanvas

/// The sample view for image data: the current sample's picture in shades (two columns a pixel, so
/// pixels come out square), and beside it one bar per class for the model's probability, the true
/// class marked and the model's pick in green when right, red when wrong.
public struct SamplePanel {
    public var picture: SamplePicture
    public var glyphs: Glyphs
    /// Whether this step's forward has computed the probabilities yet: before, the bars' place says
    /// so (one clock: the screen never shows what has not happened).
    public var computed: Bool

    public init(picture: SamplePicture, glyphs: Glyphs, computed: Bool = true) {
        self.picture = picture
        self.glyphs = glyphs
        self.computed = computed
    }

    static let unicodeShades: [Character] = [" ", "░", "▒", "▓", "█"]
    static let asciiShades: [Character] = [" ", ".", ":", "*", "#"]

    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        guard area.height >= 3, area.width >= 12 else { return }
        let side = picture.side
        // Each pixel two columns by one row, or four by two when there is room.
        let scale = area.height >= side * 2 + 1 && area.width >= side * 4 + 24 ? 2 : 1
        let imageWidth = min(area.width / 2, side * 2 * scale)
        let (imageArea, rest) = area.takeLeft(imageWidth + 1)
        let shades = glyphs.usesBraille ? Self.unicodeShades : Self.asciiShades
        let top = max(picture.pixels.max() ?? 1, 1e-12)
        for y in 0..<min(imageArea.height, side * scale) {
            for x in 0..<min(imageArea.width - 1, side * 2 * scale) {
                let v = picture.pixels[(y / scale) * side + x / (2 * scale)]
                let level = v > 0 ? Int(clamping: (v / top * Double(shades.count - 1)).rounded(), to: 1...max(1, shades.count - 1)) : 0
                canvas.put(shades[level], x: imageArea.x + x, y: imageArea.y + y, style: .strong, clip: imageArea)
            }
        }
        let bars = rest
        guard computed else {
            let lines = ["probabilities:", "not computed yet", "(forward computes", "y_pred)"]
            for (row, line) in lines.enumerated() { canvas.write(line, x: bars.x, y: bars.y + row, style: .dim, clip: bars) }
            return
        }
        let predicted = picture.predicted
        let numberWidth = 5
        let shown = Self.shownClasses(picture, rows: bars.height)
        for (row, k) in shown.enumerated() {
            let p = picture.probabilities[k]
            let y = bars.y + row
            let isTrue = k == picture.label
            let isPick = k == predicted
            var x = bars.x
            x = canvas.write("\(k) ", x: x, y: y, style: isTrue ? .strong : .dim, clip: bars)
            let barRoom = max(0, bars.width - 2 - (numberWidth + 1) - 7)
            let length = Int(clamping: (p * Double(barRoom)).rounded(), to: 0...barRoom)
            let style: Style = isPick ? (picture.label == nil || isTrue ? .good : .bad) : .plot
            let bar = String(repeating: glyphs.usesBraille ? "█" : "#", count: length) + String(repeating: " ", count: barRoom - length)
            x = canvas.write(bar, x: x, y: y, style: style, clip: bars)
            let percent = NumberFormat.short((p * 1000).rounded() / 10) + "%"
            x = canvas.write(" " + String(repeating: " ", count: max(0, numberWidth - percent.count)) + percent, x: x, y: y, style: isPick ? style : .normal, clip: bars)
            if isTrue { _ = canvas.write(glyphs.usesBraille ? " ◀ true" : " < true", x: x, y: y, style: .accent, clip: bars) }
        }
        let left = picture.probabilities.indices.filter { !shown.contains($0) }
        if let most = left.map({ picture.probabilities[$0] }).max(), shown.count < bars.height {
            let percent = NumberFormat.short((most * 1000).rounded() / 10) + "%"
            canvas.write("+\(left.count) more, each ≤ \(percent)", x: bars.x, y: bars.y + shown.count, style: .dim, clip: bars)
        }
    }

    /// The classes that get a bar, in class order: all when the rows hold them, else the true
    /// class, the pick and the likeliest others, one row kept to say how many are left out.
    static func shownClasses(_ picture: SamplePicture, rows: Int) -> [Int] {
        let all = Array(picture.probabilities.indices)
        guard rows < all.count else { return all }
        let room = max(0, rows - 1)
        let first = [picture.label, picture.predicted].compactMap { $0 }.filter { all.contains($0) }
        let byLikelihood = all.sorted { picture.probabilities[$0] > picture.probabilities[$1] }
        var picked: [Int] = []
        for k in first + byLikelihood where picked.count < room && !picked.contains(k) { picked.append(k) }
        return picked.sorted()
    }
}
