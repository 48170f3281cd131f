import Scenario
import TextCanvas

/// Draws a `NeuronPicture`: layers left to right, each unit a small circle `(0.52)` with its
/// gradient under it in backward, each weight a braille line coloured by sign and brightened by
/// magnitude; weights carrying the gradient are drawn by |gradient| in the gradient's colours
/// (the largest third in the accent: a reversed role would paint a block, not lines). For a model
/// of two inputs, each unit after the inputs carries a picture of its output over the plane at
/// its left, drawn as the decision boundary is (TensorFlow Playground's unit pictures).
public struct NeuronPanel: Sendable, Equatable, Panel {
    public var picture: NeuronPicture
    public var glyphs: Glyphs
    /// Whether pictures may use colour (half blocks), else shapes.
    public var colour: Bool

    public init(picture: NeuronPicture, glyphs: Glyphs = .unicode, colour: Bool = true) {
        self.picture = picture
        self.glyphs = glyphs
        self.colour = colour
    }

    /// A weight's line by its third of the largest |w| (faint, middle, strong), negative then positive.
    static let weightStyles: [Style] = [.weightNegativeFaint, .weightPositiveFaint, .heatNegative, .heatPositive,
                                        .weightNegativeStrong, .weightPositiveStrong]
    /// A line carrying the gradient by its third of the largest |gradient|, whatever its sign.
    static let gradientStyles: [Style] = [.dim, .dim, .gradient, .gradient, .accent, .accent]

    /// What the lines' colours mean, as runs of text and line in their styles: the weights' (their
    /// sign's colour, brighter for a larger |w|) and, where backward lights them, the gradients'.
    func edgeLegend() -> [[(String, Style)]] {
        // A heavy line, unlike the box's border it sits in.
        let line = glyphs.usesBraille ? "━━━" : "==="
        let weights: [(String, Style)] = [("lines: w > 0 ", .dim), (line, .weightPositiveStrong), (" w < 0 ", .dim),
                                          (line, .weightNegativeStrong), (" brighter: larger |w| ", .dim),
                                          (line, .weightPositiveFaint), (line, .heatPositive), (line, .weightPositiveStrong)]
        let grads: [(String, Style)] = [("lit by backward: |∂loss/∂w| small ", .dim), (line, .dim), (line, .gradient),
                                        (line, .accent), (" large", .dim)]
        // The crisp line of the weight the inspector writes out (after the gradients', before the weights').
        let discussed: [(String, Style)] = [(line, .strong), (" the weight discussed", .dim)]
        let lit = picture.weights.contains { $0.grads != nil }, unlit = picture.weights.contains { $0.grads == nil }
        let chosen = picture.weights.contains { $0.chosen != nil }
        return (unlit ? [weights] : []) + (chosen ? [discussed] : []) + (lit ? [grads] : [])
    }

    /// The legend in one row of `rect` (the box's bottom border): each part whole or left out, the
    /// gradients' first while backward lights lines, then the discussed weight's, the weights' where there is room.
    public func renderEdgeLegend(into canvas: inout Canvas, rect: Rect) {
        guard rect.height >= 1 else { return }
        let parts = edgeLegend().reversed().map { runs in runs.map { (glyphs.text($0.0), $0.1) } }
        var x = rect.x
        for runs in parts {
            let width = runs.reduce(2) { $0 + displayWidth(of: $1.0) }
            guard x + width <= rect.maxX else { continue }
            x = canvas.write(" ", x: x, y: rect.y, style: .dim, clip: rect)
            for (text, style) in runs { x = canvas.write(text, x: x, y: rect.y, style: style, clip: rect) }
            x = canvas.write(" ", x: x, y: rect.y, style: .dim, clip: rect)
        }
    }

    /// Columns a unit's value takes: `(-0.123)`.
    static let unitWidth = 8

    /// The cells of a unit picture when the units of `columns` (their counts, inputs first) are
    /// drawn into `rect` with pictures: as tall as the spacing between units allows (1 to 3 rows,
    /// a blank row kept between units where there is room), twice as wide (a half block is about
    /// square); nil when the width cannot spare them beside the values and a few columns of lines.
    public static func pictureCells(columns: [Int], in rect: Rect) -> (width: Int, height: Int)? {
        guard columns.count >= 2, rect.height >= 2 else { return nil }
        let spacing = spacing(columns: columns, rows: max(1, rect.height - 2))
        let tallest = spacing >= 4 ? 3 : spacing == 3 ? 2 : 1
        // The lowest unit's picture ends inside the rect (the last row is the lowest gradient's).
        let rows = max(1, rect.height - 2)
        var reach = 0
        for c in columns.dropFirst() {
            let span: Int = (c - 1) * spacing
            reach = max(reach, max(0, (rows - span - 1) / 2) + span)
        }
        // Units that do not fit are drawn on the last row (positions): so is their picture.
        reach = min(reach, rect.height - 2)
        for height in stride(from: tallest, through: 1, by: -1) where reach + height <= rect.height - 1 {
            let width = max(4, 2 * height)
            if columns.count * unitWidth + (columns.count - 1) * (width + 4) <= rect.width { return (width, height) }
        }
        return nil
    }

    /// Rows between one unit and the next in the tallest column.
    static func spacing(columns: [Int], rows: Int) -> Int {
        let most = columns.max() ?? 1
        return max(1, min(6, most > 1 ? (rows - 1) / (most - 1) : rows))
    }

    /// The picture's cells in `rect` when the picture has unit pictures.
    func pictureSize(in rect: Rect) -> (width: Int, height: Int)? {
        guard picture.hasUnitPictures else { return nil }
        return Self.pictureCells(columns: picture.columns.map(\.units.count), in: rect)
    }

    /// Columns a unit of column `k` takes: its picture (after the inputs) and its value.
    func footprint(_ k: Int, picture size: (width: Int, height: Int)?) -> Int {
        NeuronPanel.unitWidth + (k > 0 ? size?.width ?? 0 : 0)
    }

    /// A unit as drawn: which unit of its column, and its first cell (its picture's, when it has one).
    public struct UnitPlace: Equatable, Sendable {
        public var unit: Int
        public var x: Int
        public var y: Int
    }

    /// A column with more units than rows: how many it leaves out, said on its last row (`+2 more`).
    public struct LeftOut: Equatable, Sendable {
        public var count: Int
        public var x: Int
        public var y: Int
    }

    /// Where the drawn units of each column sit, top to bottom. A column with more units than the
    /// rows between the layer names and the bottom draws as many as fit but one, and its last row
    /// says how many are left out (`leftOut`), never a unit over another: the first units, or the
    /// ones up to the unit the inspector explains or the one picked, so that one is always drawn.
    public func positions(in rect: Rect) -> [[UnitPlace]] {
        let columns = picture.columns
        guard !columns.isEmpty, rect.width >= NeuronPanel.unitWidth, rect.height >= 2 else { return [] }
        // The top row names the layers; the bottom one keeps room for the lowest unit's gradient.
        let rows = max(1, rect.height - 2)
        let spacing = Self.spacing(columns: columns.map(\.units.count), rows: rows)
        let size = pictureSize(in: rect)
        let span = max(0, rect.width - footprint(columns.count - 1, picture: size))
        return columns.enumerated().map { k, column in
            let x = rect.x + (columns.count > 1 ? span * k / (columns.count - 1) : span / 2)
            let shown = Self.shownUnits(column, room: Self.unitRows(in: rect))
            let height = (shown.count - 1) * spacing + 1
            let top = rect.y + 1 + max(0, (rows - height) / 2)
            return shown.enumerated().map { slot, unit in UnitPlace(unit: unit, x: x, y: min(rect.maxY - 1, top + slot * spacing)) }
        }
    }

    /// Per column, the units it leaves out and where it says so; nil for a column drawn whole.
    public func leftOut(in rect: Rect) -> [LeftOut?] {
        let places = positions(in: rect)
        return picture.columns.enumerated().map { k, column in
            guard k < places.count, let first = places[k].first, places[k].count < column.units.count else { return nil }
            return LeftOut(count: column.units.count - places[k].count, x: first.x, y: rect.maxY - 1)
        }
    }

    /// Rows a column's units may take: every row under the layer names (a unit a row when they are many).
    static func unitRows(in rect: Rect) -> Int { max(1, rect.height - 1) }

    /// The units of `column` drawn in `room` rows: all when they fit, else `room − 1` of them in
    /// order (the last row says how many are left out), ending at the chosen or picked unit when
    /// the first ones would leave it out.
    static func shownUnits(_ column: NeuronPicture.Column, room: Int) -> [Int] {
        let count = column.units.count
        guard count > room else { return Array(0..<count) }
        let slots = max(1, room - 1)
        let wanted = column.units.indices.last { column.units[$0].picked } ?? column.units.indices.last { column.units[$0].chosen } ?? 0
        let start = max(0, wanted - slots + 1)
        return Array(start..<min(count, start + slots))
    }

    /// The unit under canvas cell (x, y) when drawn into `rect`: its column (layer) and index.
    public func unit(atX x: Int, y: Int, in rect: Rect) -> (layer: Int, unit: Int)? {
        let size = pictureSize(in: rect)
        for (k, column) in positions(in: rect).enumerated() {
            let rows = k > 0 ? max(1, size?.height ?? 1) : 1
            for p in column where y >= p.y && y < p.y + rows && x >= p.x && x < p.x + footprint(k, picture: size) {
                return (k, p.unit)
            }
        }
        return nil
    }

    /// The weight whose line passes nearest canvas cell (x, y) (within a row) when drawn into
    /// `rect`: the layer it leads into and the weight.
    public func weight(atX x: Int, y: Int, in rect: Rect) -> (layer: Int, weight: WeightChoice)? {
        let places = positions(in: rect)
        let size = pictureSize(in: rect)
        var best: (layer: Int, weight: WeightChoice, distance: Double)?
        for k in 0..<max(0, places.count - 1) {
            guard let left = places[k].first, let right = places[k + 1].first else { continue }
            let x0 = left.x + footprint(k, picture: size), x1 = right.x - 1
            guard x >= x0, x <= x1, x1 > x0 else { continue }
            let t = Double(x - x0) / Double(x1 - x0)
            for to in places[k + 1] {
                for from in places[k] {
                    let distance = abs(Double(from.y) + t * Double(to.y - from.y) - Double(y))
                    if distance <= 1, distance < (best?.distance ?? .infinity) {
                        best = (k + 1, WeightChoice(to: to.unit, from: from.unit), distance)
                    }
                }
            }
        }
        return best.map { ($0.layer, $0.weight) }
    }

    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area)
        let places = positions(in: area)
        guard places.count == picture.columns.count else { return }
        let size = pictureSize(in: area)
        let most = picture.columns.map(\.units.count).max() ?? 1
        let showsGrads = most > 1 && (places.first(where: { $0.count > 1 }).map { $0[1].y - $0[0].y >= 2 } ?? false)
        drawWeights(into: &canvas, area: area, places: places, size: size)
        let leftOut = leftOut(in: area)
        for (k, column) in picture.columns.enumerated() {
            guard let first = places[k].first else { continue }
            let label = GraphText.fit(column.name, width: footprint(k, picture: size) + 2)
            canvas.write(label, x: first.x, y: area.y, style: .strong, clip: area)
            let offset = footprint(k, picture: size) - NeuronPanel.unitWidth
            // One form for a layer's values, and one for its gradients (as every grid has).
            let values = GridFormat(column.units.compactMap(\.value), maxWidth: NeuronPanel.unitWidth - 2)
            let grads = GridFormat(column.units.compactMap(\.grad), maxWidth: NeuronPanel.unitWidth - 1)
            for p in places[k] {
                let unit = column.units[p.unit]
                if let field = unit.picture, let size, k > 0 {
                    let cells = Rect(x: p.x, y: p.y, width: size.width, height: min(size.height, area.maxY - p.y))
                    BoundaryPanel(field: field, glyphs: glyphs, colour: colour).drawPlane(into: &canvas, plane: cells.intersection(area))
                }
                let text = unit.value.map { values?.text($0) ?? NumberFormat.compact($0, maxWidth: NeuronPanel.unitWidth - 2) } ?? "?"
                let (open, close) = unit.chosen ? ("[", "]") : unit.picked ? ("<", ">") : ("(", ")")
                canvas.write(open + pad(text) + close, x: p.x + offset, y: p.y, style: unit.picked ? .accent : unit.style, clip: area)
                if let g = unit.grad, showsGrads || most == 1 {
                    canvas.write("∂" + (grads?.text(g) ?? NumberFormat.compact(g, maxWidth: NeuronPanel.unitWidth - 1)), x: p.x + offset, y: p.y + 1,
                                 style: .gradient, clip: area)
                }
            }
            if k < leftOut.count, let out = leftOut[k] {
                let more = "+\(out.count) more"
                let text = displayWidth(of: more) <= NeuronPanel.unitWidth ? more : "+\(out.count)"
                canvas.write(pad(text, width: NeuronPanel.unitWidth), x: out.x + offset, y: out.y, style: .dim, clip: area)
            }
        }
    }

    /// `text` in `width` columns: a number to the right (so a layer's points line up), a word in the middle.
    private func pad(_ text: String, width: Int = NeuronPanel.unitWidth - 2) -> String {
        let w = displayWidth(of: text)
        guard w < width else { return text }
        let left = text.first.map { $0.isNumber || $0 == "-" } == true ? width - w : (width - w) / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: width - w - left)
    }

    /// One dot grid per gap between layers: a line per weight from the right of unit i to the left of unit j.
    private func drawWeights(into canvas: inout Canvas, area: Rect, places: [[UnitPlace]], size: (width: Int, height: Int)?) {
        for (k, weights) in picture.weights.enumerated() where k + 1 < places.count {
            guard let left = places[k].first, let right = places[k + 1].first else { continue }
            let start = left.x + footprint(k, picture: size)
            let gap = Rect(x: start, y: area.y + 1, width: right.x - start, height: area.height - 1)
            guard gap.width > 0 else { continue }
            var grid = DotGrid(width: gap.width, height: gap.height, braille: glyphs.usesBraille, slopes: true)
            let magnitudes = weights.grads ?? weights.values
            let scale = magnitudes.joined().filter(\.isFinite).map(\.magnitude).max() ?? 0
            let dx = glyphs.usesBraille ? 2 : 1, dy = glyphs.usesBraille ? 4 : 1
            // Rows of the drawn units; a unit left out has no line.
            let fromRow = Dictionary(uniqueKeysWithValues: places[k].map { ($0.unit, $0.y) })
            let toRow = Dictionary(uniqueKeysWithValues: places[k + 1].map { ($0.unit, $0.y) })
            for (j, row) in weights.values.enumerated() {
                guard let toY = toRow[j] else { continue }
                for (i, w) in row.enumerated() {
                    guard let fromY = fromRow[i] else { continue }
                    let m = j < magnitudes.count && i < magnitudes[j].count ? magnitudes[j][i] : w
                    let tier = scale > 0 && m.isFinite ? Int(clamping: m.magnitude / scale * 3, to: 0...2) : 0
                    // Layers: strength first, so a strong weight wins a shared cell; sign breaks ties.
                    let layer = tier * 2 + (w >= 0 ? 1 : 0)
                    let from = (x: 0, y: (fromY - gap.y) * dy + dy / 2)
                    let to = (x: gap.width * dx - 1, y: (toY - gap.y) * dy + dy / 2)
                    grid.line(from: from, to: to, layer: layer)
                }
            }
            let styles = weights.grads != nil ? Self.gradientStyles : Self.weightStyles
            grid.draw(into: &canvas, at: gap, styles: styles, points: [glyphs.plotPoint], clip: gap)
            // The weight the inspector discusses over the rest, alone in its cells: a crisp line, not
            // its dots mixed into the crowd's.
            if let c = weights.chosen, let fromY = fromRow[c.from], let toY = toRow[c.to] {
                var chosen = DotGrid(width: gap.width, height: gap.height, braille: glyphs.usesBraille, slopes: true)
                chosen.line(from: (x: 0, y: (fromY - gap.y) * dy + dy / 2),
                            to: (x: gap.width * dx - 1, y: (toY - gap.y) * dy + dy / 2))
                chosen.draw(into: &canvas, at: gap, styles: [.strong], points: [glyphs.plotPoint], clip: gap)
            }
        }
    }
}
