import Scenario
import TextCanvas

/// Draws a `NeuronPicture`: layers left to right, each unit a small circle `(0.52)` with its
/// gradient under it in backward, each weight a braille line coloured by sign and brightened by
/// magnitude; weights carrying the gradient are drawn by |gradient| in the gradient's colours
/// (the largest third in the accent: a reversed role would paint a block, not lines).
public struct NeuronPanel: Sendable, Equatable, Panel {
    public var picture: NeuronPicture
    public var glyphs: Glyphs

    public init(picture: NeuronPicture, glyphs: Glyphs = .unicode) {
        self.picture = picture
        self.glyphs = glyphs
    }

    /// Columns a unit takes: `(-0.123)`.
    static let unitWidth = 8

    /// Where each unit of each column sits: its first cell.
    public func positions(in rect: Rect) -> [[(x: Int, y: Int)]] {
        let columns = picture.columns
        guard !columns.isEmpty, rect.width >= NeuronPanel.unitWidth, rect.height >= 2 else { return [] }
        // The top row names the layers; the bottom one keeps room for the lowest unit's gradient.
        let rows = max(1, rect.height - 2)
        let most = columns.map(\.units.count).max() ?? 1
        let spacing = max(1, min(6, most > 1 ? (rows - 1) / (most - 1) : rows))
        let span = max(0, rect.width - NeuronPanel.unitWidth)
        return columns.enumerated().map { k, column in
            let x = rect.x + (columns.count > 1 ? span * k / (columns.count - 1) : span / 2)
            let height = (column.units.count - 1) * spacing + 1
            let top = rect.y + 1 + max(0, (rows - height) / 2)
            return column.units.indices.map { i in (x: x, y: min(rect.maxY - 1, top + i * spacing)) }
        }
    }

    /// The unit under canvas cell (x, y) when drawn into `rect`: its column (layer) and index.
    public func unit(atX x: Int, y: Int, in rect: Rect) -> (layer: Int, unit: Int)? {
        for (k, column) in positions(in: rect).enumerated() {
            for (i, p) in column.enumerated() where y == p.y && x >= p.x && x < p.x + NeuronPanel.unitWidth {
                return (k, i)
            }
        }
        return nil
    }

    /// The weight whose line passes nearest canvas cell (x, y) (within a row) when drawn into
    /// `rect`: the layer it leads into and the weight.
    public func weight(atX x: Int, y: Int, in rect: Rect) -> (layer: Int, weight: WeightChoice)? {
        let places = positions(in: rect)
        var best: (layer: Int, weight: WeightChoice, distance: Double)?
        for k in 0..<max(0, places.count - 1) {
            guard let left = places[k].first, let right = places[k + 1].first else { continue }
            let x0 = left.x + NeuronPanel.unitWidth, x1 = right.x - 1
            guard x >= x0, x <= x1, x1 > x0 else { continue }
            let t = Double(x - x0) / Double(x1 - x0)
            for (j, to) in places[k + 1].enumerated() {
                for (i, from) in places[k].enumerated() {
                    let distance = abs(Double(from.y) + t * Double(to.y - from.y) - Double(y))
                    if distance <= 1, distance < (best?.distance ?? .infinity) {
                        best = (k + 1, WeightChoice(to: j, from: i), distance)
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
        let most = picture.columns.map(\.units.count).max() ?? 1
        let showsGrads = most > 1 && (places.first(where: { $0.count > 1 }).map { $0[1].y - $0[0].y >= 2 } ?? false)
        drawWeights(into: &canvas, area: area, places: places)
        for (k, column) in picture.columns.enumerated() {
            guard let first = places[k].first else { continue }
            let label = GraphText.fit(column.name, width: NeuronPanel.unitWidth + 2)
            canvas.write(label, x: first.x, y: area.y, style: .strong, clip: area)
            for (i, unit) in column.units.enumerated() {
                let p = places[k][i]
                let text = unit.value.map { NumberFormat.compact($0, maxWidth: NeuronPanel.unitWidth - 2) } ?? "?"
                canvas.write((unit.chosen ? "[" : "(") + pad(text) + (unit.chosen ? "]" : ")"), x: p.x, y: p.y, style: unit.style, clip: area)
                if let g = unit.grad, showsGrads || most == 1 {
                    canvas.write("∂" + NumberFormat.compact(g, maxWidth: NeuronPanel.unitWidth - 1), x: p.x, y: p.y + 1,
                                 style: .gradient, clip: area)
                }
            }
        }
    }

    private func pad(_ text: String) -> String {
        let width = NeuronPanel.unitWidth - 2
        let w = displayWidth(of: text)
        guard w < width else { return text }
        let left = (width - w) / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: width - w - left)
    }

    /// One dot grid per gap between layers: a line per weight from the right of unit i to the left of unit j.
    private func drawWeights(into canvas: inout Canvas, area: Rect, places: [[(x: Int, y: Int)]]) {
        for (k, weights) in picture.weights.enumerated() where k + 1 < places.count {
            guard let left = places[k].first, let right = places[k + 1].first else { continue }
            let gap = Rect(x: left.x + NeuronPanel.unitWidth, y: area.y + 1, width: right.x - left.x - NeuronPanel.unitWidth, height: area.height - 1)
            guard gap.width > 0 else { continue }
            var grid = DotGrid(width: gap.width, height: gap.height, braille: glyphs.usesBraille, slopes: true)
            let magnitudes = weights.grads ?? weights.values
            let scale = magnitudes.joined().filter(\.isFinite).map(\.magnitude).max() ?? 0
            let dx = glyphs.usesBraille ? 2 : 1, dy = glyphs.usesBraille ? 4 : 1
            for (j, row) in weights.values.enumerated() where j < places[k + 1].count {
                for (i, w) in row.enumerated() where i < places[k].count {
                    let m = j < magnitudes.count && i < magnitudes[j].count ? magnitudes[j][i] : w
                    let tier = scale > 0 && m.isFinite ? Int(clamping: m.magnitude / scale * 3, to: 0...2) : 0
                    // Layers: strength first, so a strong weight wins a shared cell; sign breaks ties.
                    let layer = tier * 2 + (w >= 0 ? 1 : 0)
                    let from = (x: 0, y: (places[k][i].y - gap.y) * dy + dy / 2)
                    let to = (x: gap.width * dx - 1, y: (places[k + 1][j].y - gap.y) * dy + dy / 2)
                    grid.line(from: from, to: to, layer: layer)
                }
            }
            let styles: [Style] = weights.grads != nil
                ? [.dim, .dim, .gradient, .gradient, .accent, .accent]
                : [.weightNegativeFaint, .weightPositiveFaint, .heatNegative, .heatPositive, .weightNegativeStrong, .weightPositiveStrong]
            grid.draw(into: &canvas, at: gap, styles: styles, points: [glyphs.plotPoint], clip: gap)
            // The weight the inspector discusses over the rest, alone in its cells: a crisp line, not
            // its dots mixed into the crowd's.
            if let c = weights.chosen, c.to < places[k + 1].count, c.from < places[k].count {
                var chosen = DotGrid(width: gap.width, height: gap.height, braille: glyphs.usesBraille, slopes: true)
                chosen.line(from: (x: 0, y: (places[k][c.from].y - gap.y) * dy + dy / 2),
                            to: (x: gap.width * dx - 1, y: (places[k + 1][c.to].y - gap.y) * dy + dy / 2))
                chosen.draw(into: &canvas, at: gap, styles: [.strong], points: [glyphs.plotPoint], clip: gap)
            }
        }
    }
}
