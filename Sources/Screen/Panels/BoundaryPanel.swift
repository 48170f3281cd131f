import Scenario
import TextCanvas

/// The decision boundary: the model's output over the plane of its two inputs, two grid rows per
/// text row (`▀`, the top half in the foreground colour, the bottom in the background), the
/// samples on top. Without colour (mono) the levels become shapes and the points letters: in
/// ASCII a stroke of its own for each class, denser where the model is surer.
public struct BoundaryPanel {
    public var field: DecisionField
    public var glyphs: Glyphs
    public var colour: Bool

    public init(field: DecisionField, glyphs: Glyphs, colour: Bool) {
        self.field = field
        self.glyphs = glyphs
        self.colour = colour
    }

    /// Half blocks need colour (the two halves' colours) and Unicode.
    var halfBlocks: Bool { colour && glyphs.usesBraille }

    /// Grid size for a panel's inner rectangle: a column per cell, two rows per text row with half blocks.
    public static func grid(for rect: Rect, glyphs: Glyphs, colour: Bool) -> (columns: Int, rows: Int) {
        (max(1, rect.width), max(1, (rect.height - 1) * (colour && glyphs.usesBraille ? 2 : 1)))
    }

    /// A terminal cell is about twice as tall as it is wide: a grid row of half blocks is as tall
    /// as a column is wide, a row of whole cells twice as tall (the field's spans follow, so its cells are square).
    public static let cellAspect = 2.0
    public static func rowAspect(glyphs: Glyphs, colour: Bool) -> Double {
        colour && glyphs.usesBraille ? cellAspect / 2 : cellAspect
    }

    /// Shapes for the coarse levels 0…4 when there is no colour: class 0 light, class 1 dark.
    static let unicodeShapes: [Character] = [" ", "·", "░", "▒", "▓"]
    /// In ASCII each class has its own strokes, denser the surer the model is: class 0 `=` `-`,
    /// undecided blank, class 1 `+` `#` (one ramp from light to dark read as "class 1, or less so",
    /// and a blank was sure class 0, the same as no field at all).
    static let asciiShapes: [Character] = ["=", "-", " ", "+", "#"]
    /// The legend's key to them, beside the points' letters: in full where x1's range still fits
    /// beside it, else in short.
    static let asciiClasses = ["x 0 on - =, o 1 on + #, blank: unsure", "x 0 -=, o 1 +#"]

    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        guard area.height >= 2, area.width >= 4 else { return }
        let (plane, legendRow) = area.takeBottom(1)
        drawPlane(into: &canvas, plane: plane)
        for p in field.points {
            guard let cell = field.cell(of: p.x1, p.x2) else { continue }
            let x = plane.x + cell.column * plane.width / field.columns
            let y = plane.y + cell.row * plane.height / field.rows
            let positive = p.label > 0.5
            // Shapes tell the classes apart with or without colour (a projector, colour blindness).
            let mark: Character = positive ? (colour && glyphs.usesBraille ? "●" : "o") : (colour && glyphs.usesBraille ? "×" : "x")
            // In colour the point sits on the boundary's colour at its place (its half of the cell).
            let style: Style = colour ? .point(positive: positive, on: level(column: cell.column, row: cell.row))
                : (positive ? .pointPositive : .pointNegative)
            canvas.put(mark, x: x, y: y, style: style, clip: plane)
        }
        // Which colour is which class first; then each axis's range whole, or left out where it
        // would be cut (`x2 -5.7…5.6`, never `x2 -5.`).
        let ranges = ["x1 \(Self.rounded(field.x1.lowerBound))…\(Self.rounded(field.x1.upperBound))",
                      "x2 \(Self.rounded(field.x2.lowerBound))…\(Self.rounded(field.x2.upperBound))"]
        let firstRangeWidth = 2 + displayWidth(of: glyphs.text(ranges[0]))
        let asciiKey = Self.asciiClasses.first { displayWidth(of: $0) + firstRangeWidth <= legendRow.width } ?? Self.asciiClasses[1]
        let classes = colour ? (glyphs.usesBraille ? "× orange 0, ● blue 1" : "x orange 0, o blue 1")
            : (glyphs.usesBraille ? "x 0, o 1" : asciiKey)
        var x = canvas.write(classes, x: legendRow.x, y: legendRow.y, style: .dim, clip: legendRow)
        for range in ranges where x + 2 + displayWidth(of: glyphs.text(range)) <= legendRow.maxX {
            x = canvas.write("  " + range, x: x, y: legendRow.y, style: .dim, clip: legendRow)
        }
    }

    /// The field alone in `plane`: two grid rows a cell in half blocks with colour, one a cell in
    /// shapes without (the unit pictures of the neuron view draw only this).
    public func drawPlane(into canvas: inout Canvas, plane: Rect) {
        let plane = plane.intersection(canvas.bounds)
        guard !plane.isEmpty, field.columns > 0, field.rows > 0 else { return }
        let doubled = halfBlocks
        let shapes = glyphs.usesBraille ? Self.unicodeShapes : Self.asciiShapes
        for y in 0..<plane.height {
            for x in 0..<plane.width {
                let top = level(column: x * field.columns / plane.width, row: (doubled ? 2 * y : y) * field.rows / (plane.height * (doubled ? 2 : 1)))
                if doubled {
                    let bottom = level(column: x * field.columns / plane.width, row: (2 * y + 1) * field.rows / (plane.height * 2))
                    canvas.put("▀", x: plane.x + x, y: plane.y + y, style: .field(top: top, bottom: bottom), clip: plane)
                } else if colour {
                    canvas.put(" ", x: plane.x + x, y: plane.y + y, style: .field(top: top, bottom: top), clip: plane)
                } else {
                    let coarse = Style.coarseFieldLevel(top)
                    // ASCII strokes stay dim, so the points' bold letters read over the densest of them.
                    let style: Style = glyphs.usesBraille && coarse >= 3 ? .strong : .dim
                    canvas.put(shapes[coarse], x: plane.x + x, y: plane.y + y, style: style, clip: plane)
                }
            }
        }
    }

    /// An axis end to one decimal, as a legend needs it: `-5.7`, `5.4`.
    static func rounded(_ v: Double) -> String {
        NumberFormat.short((v * 10).rounded() / 10)
    }

    func level(column: Int, row: Int) -> Int {
        let c = min(max(0, column), field.columns - 1), r = min(max(0, row), field.rows - 1)
        let i = r * field.columns + c
        return DecisionField.level(i < field.values.count ? field.values[i] : .nan, levels: Style.fieldLevels)
    }
}
