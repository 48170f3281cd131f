import Scenario
import TextCanvas

/// A small matrix drawn as shaded cells: darker for a larger |value|, coloured by sign, with its scale.
///
/// The first row holds the title and the scale (`W1 5×6  ±1.3`); each value below takes two cells when
/// the matrix fits that way, one otherwise. A matrix bigger than the rectangle is cut, and a `…` in the
/// last column or row says so. Zero (and anything under a thousandth of the scale) is a dim `·`,
/// nan and inf a `!` in the bad style.
public struct HeatMap: Sendable, Equatable, Panel {
    public var title: String
    /// Rows of the matrix; ragged rows are drawn as they are.
    public var values: [[Double]]
    public var glyphs: Glyphs
    /// The darkest shade's |value| when several maps share one scale; nil: this map's own largest |value|.
    public var sharedScale: Double?
    /// Columns per value at most (the map uses fewer when the rectangle is narrow), and rows per value.
    public var maxCellWidth = 2
    public var cellHeight = 1
    /// Said instead of the scale when the map is blank (`not computed yet`: a gradient before
    /// backward makes it), or beside the scale (`earlier steps`); nil: the scale alone.
    public var note: String?
    /// The map has no numbers yet: its cells stay empty.
    public var blank = false
    /// The longest note the map may show in this view, so its size stays put as the note comes and goes.
    public var widestNote: String?

    public init(title: String, values: [[Double]], glyphs: Glyphs = .unicode) {
        self.title = title
        self.values = values
        self.glyphs = glyphs
    }

    /// This map's largest finite |value|: shown in its title; 0 for an empty or all-zero matrix.
    public var ownScale: Double {
        blank ? 0 : values.joined().filter(\.isFinite).map(abs).max() ?? 0
    }

    /// The |value| of the darkest shade.
    public var scale: Double { sharedScale ?? ownScale }

    /// Cells the map takes at most: its title row and one cell per value.
    public var naturalSize: (width: Int, height: Int) {
        let columns = values.map(\.count).max() ?? 0
        return (max(columns * maxCellWidth, written(titleText)), 1 + values.count * cellHeight)
    }

    private var titleText: String {
        let scale = "±" + NumberFormat.compact(ownScale, maxWidth: 7, significantDigits: 2)
        // A blank map keeps room for the scale it will show (its note is written in its cells).
        let shown = blank ? "±0.0000" : scale + (note.map { " " + $0 } ?? "")
        let widest = widestNote.map { scale + " " + $0 } ?? ""
        return title + "  " + (written(widest) > written(shown) ? widest : shown)
    }

    /// Columns `text` takes as the screen writes it (`±` is `+-` under `--ascii`: a scale measured
    /// in Unicode lost its last digit, `+-0.5` for ±0.52).
    private func written(_ text: String) -> Int { displayWidth(of: glyphs.text(text)) }

    /// Where the shades ░ ▒ ▓ █ begin, as fractions of the scale, each about five times the one
    /// before. Below the first a value is about 0 and draws as 0 does; above it even a small value
    /// shows, lighter the smaller: a linear ramp drew everything under a quarter of the scale alike,
    /// so L1's zeroed weights (jittering by lr·λ, about 1 % of the scale) and L2's small but real ones
    /// (3 to 20 %) looked the same.
    public static let shadeStarts: [Double] = [0.001, 0.02, 0.1, 0.5]

    /// The shade level of `value` in 0..<glyphs.shades.count: 0 for zero and anything under a
    /// thousandth of the scale, then one level per `shadeStarts` reached; the last for the largest |value|.
    public func level(of value: Double) -> Int {
        let top = glyphs.shades.count - 1
        let scale = scale
        guard top > 0, value.isFinite, value != 0, scale > 0 else { return 0 }
        let fraction = abs(value) / scale
        return min(top, HeatMap.shadeStarts.prefix { fraction >= $0 }.count)
    }

    /// Draws the title and the matrix into `area` of `canvas`.
    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        let (titleRow, body) = area.takeTop(1)
        drawTitle(into: &canvas, row: titleRow)
        guard !body.isEmpty, !values.isEmpty else { return }
        if blank, let note {
            // A blank map says why in its own cells: nothing to shade yet. Where the note's words do
            // not fit whole (a bias's column of 6: `not / comput / yet`), PyTorch's own word for it.
            let width = min(body.width, naturalSize.width)
            let words = note.split(separator: " ").map(String.init)
            let whole = words.allSatisfy { displayWidth(of: $0) <= width } && wrap(words, width: width, lines: .max).count <= body.height
            let lines = whole ? wrap(words, width: width, lines: body.height) : width >= 4 ? ["None"] : []
            for (i, line) in lines.enumerated() {
                canvas.write(line.trimmingCharacters(in: .whitespaces), x: body.x, y: body.y + i, style: .dim, clip: body)
            }
            return
        }

        let columns = values.map(\.count).max() ?? 0
        guard columns > 0 else { return }
        let cellWidth = max(1, min(maxCellWidth, body.width / columns))
        let rowHeight = values.count * cellHeight <= body.height ? max(1, cellHeight) : 1
        var shownColumns = columns
        var cutColumns = false
        if columns * cellWidth > body.width {
            shownColumns = max(0, (body.width - 1) / cellWidth)
            cutColumns = true
        }
        var shownRows = values.count
        var cutRows = false
        if values.count > body.height {
            shownRows = body.height - 1
            cutRows = true
        }

        for row in 0..<shownRows {
            let y = body.y + row * rowHeight
            for column in 0..<min(shownColumns, values[row].count) {
                let value = values[row][column]
                let (character, style) = cell(for: value)
                for offset in 0..<cellWidth {
                    for line in 0..<rowHeight {
                        canvas.put(character, x: body.x + column * cellWidth + offset, y: y + line, style: style, clip: body)
                    }
                }
            }
            if cutColumns {
                canvas.put("…", x: body.x + shownColumns * cellWidth, y: y, style: .dim, clip: body)
            }
        }
        if cutRows {
            canvas.put("…", x: body.x, y: body.y + shownRows * rowHeight, style: .dim, clip: body)
        }
    }

    func cell(for value: Double) -> (Character, Style) {
        if blank { return (" ", .dim) }
        if !value.isFinite { return ("!", .bad) }
        let level = level(of: value)
        if level == 0 { return (HeatMap.zeroGlyph(glyphs), .dim) }
        let shades = HeatMap.shades(glyphs, positive: value > 0)
        return (level - 1 < shades.count ? shades[level - 1] : glyphs.plotPoint, value > 0 ? .heatPositive : .heatNegative)
    }

    /// ASCII shades by sign, lightest first: without colour (mono, a projector) a sign must read
    /// from the glyph, so the two signs share none (Unicode's ░▒▓█ take the sign from colour alone).
    static let asciiPositive: [Character] = ["'", "+", "*", "#"]
    static let asciiNegative: [Character] = [",", "-", "=", "%"]

    /// The shades of one sign, lightest first (level 1 up; level 0 is `zeroGlyph`).
    static func shades(_ glyphs: Glyphs, positive: Bool) -> [Character] {
        if !glyphs.usesBraille && glyphs.shades.count == asciiPositive.count + 1 { return positive ? asciiPositive : asciiNegative }
        return glyphs.shades.count > 1 ? Array(glyphs.shades.dropFirst()) : [glyphs.plotPoint]
    }

    /// What a value of about 0 draws as: a dim `·`, or a blank in ASCII (whose `.` is ░).
    static func zeroGlyph(_ glyphs: Glyphs) -> Character { glyphs.usesBraille ? "·" : " " }

    private func drawTitle(into canvas: inout Canvas, row: Rect) {
        let scale = "±" + NumberFormat.compact(ownScale, maxWidth: 7, significantDigits: 2)
        let scaleText = blank ? "" : scale + (note.map { " " + $0 } ?? "")
        let titleWidth = written(title)
        let scaleWidth = written(scaleText)
        if titleWidth + 2 + scaleWidth <= row.width {
            let end = canvas.write(title, x: row.x, y: row.y, style: .strong, clip: row)
            canvas.write(scaleText, x: end + 2, y: row.y, style: .dim, clip: row)
        } else if titleWidth <= row.width {
            canvas.write(title, x: row.x, y: row.y, style: .strong, clip: row)
        } else {
            // Cut where no number (a shape's 5×6) would read as cut.
            canvas.write(GraphText.fit(title, width: row.width), x: row.x, y: row.y, style: .strong, clip: row)
        }
    }
}
