import TextCanvas

/// A grid of dots for plots: 2×4 per cell in braille (U+2800 plus a bit per dot, as drawille and
/// plotext draw), one per cell otherwise. Dots come in layers (a curve, a tangent over it); a
/// cell shows the union of its dots in the style of its highest layer.
struct DotGrid {
    let width: Int    // cells
    let height: Int
    let braille: Bool
    /// Without braille, lines draw as `-`, `/`, `\` and `|` by their slope (a layer's point glyph
    /// otherwise): the neuron view's weights read as lines, not rows of `*`.
    let slopes: Bool
    private var bits: [UInt8]
    private var layers: [Int8]
    private var marks: [Character?]

    init(width: Int, height: Int, braille: Bool, slopes: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.braille = braille
        self.slopes = slopes && !braille
        bits = Array(repeating: 0, count: self.width * self.height)
        layers = Array(repeating: -1, count: self.width * self.height)
        marks = Array(repeating: nil, count: self.slopes ? self.width * self.height : 0)
    }

    var dotWidth: Int { braille ? width * 2 : width }
    var dotHeight: Int { braille ? height * 4 : height }

    /// Braille dot numbering: left column 1, 2, 3, 7 and right column 4, 5, 6, 8, top to bottom.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(x: Int, y: Int, layer: Int = 0, mark: Character? = nil) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let index = braille ? (y / 4) * width + x / 2 : y * width + x
        bits[index] |= braille ? Self.dotBits[x % 2][y % 4] : 1
        if slopes, layer >= layers[index] { marks[index] = mark }
        layers[index] = max(layers[index], Int8(clamping: layer))
    }

    /// Bresenham's line, both ends included. `clampEnds` pulls far ends to just outside the grid,
    /// so a steep tangent costs a few dots, not millions (its slope near the grid changes a little).
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), layer: Int = 0, clampEnds: Bool = false) {
        func clamp(_ p: (x: Int, y: Int)) -> (x: Int, y: Int) {
            clampEnds ? (min(max(p.x, -1), dotWidth), min(max(p.y, -1), dotHeight)) : p
        }
        let (x0, y0) = clamp(start), (x1, y1) = clamp(end)
        var x = x0, y = y0
        let dx = abs(x1 - x), dy = -abs(y1 - y)
        let sx = x < x1 ? 1 : -1, sy = y < y1 ? 1 : -1
        var error = dx + dy
        while true {
            // Without braille each dot is a cell: its mark says where the line goes next.
            let doubled = 2 * error
            let stepsX = doubled >= dy && x != x1, stepsY = doubled <= dx && y != y1
            let mark: Character = stepsX && stepsY ? (sx == sy ? "\\" : "/") : stepsY ? "|" : "-"
            set(x: x, y: y, layer: layer, mark: mark)
            if x == x1 && y == y1 { break }
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    func isEmpty(cellX: Int, cellY: Int) -> Bool {
        guard cellX >= 0, cellY >= 0, cellX < width, cellY < height else { return true }
        return bits[cellY * width + cellX] == 0
    }

    /// Draws the dots: braille characters, or the layer's point glyph, in the layer's style.
    func draw(into canvas: inout Canvas, at origin: Rect, styles: [Style], points: [Character], clip: Rect) {
        guard !styles.isEmpty, !points.isEmpty else { return }
        for cy in 0..<height {
            for cx in 0..<width {
                let i = cy * width + cx
                guard bits[i] != 0, layers[i] >= 0 else { continue }
                let l = Int(layers[i])
                let character: Character = braille
                    ? Character(Unicode.Scalar(0x2800 + UInt32(bits[i])) ?? " ")
                    : (slopes ? marks[i] : nil) ?? points[min(l, points.count - 1)]
                canvas.put(character, x: origin.x + cx, y: origin.y + cy, style: styles[min(l, styles.count - 1)], clip: clip)
            }
        }
    }
}
