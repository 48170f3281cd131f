import Scenario
import TextCanvas

extension ViewID {
    public static let unitImages = ViewID("unit images")
}

/// For a model that reads one square image per sample (digits: 8×8), each first-layer unit's
/// incoming weights drawn as the input's image: what that unit looks for. One row of the first
/// weight matrix is one unit; its weights sit where their pixels sit, on one scale for the whole
/// matrix (−largest |w| orange, 0 white, +largest blue, as the unit pictures and the boundary
/// colour), with the params as they are at the event (the one clock). Half blocks in colour
/// (a pixel a column and half a row); without colour or in ASCII the boundary's shade characters,
/// a pixel two columns by one row.
public struct UnitImagesView: ScreenView {
    public let id = ViewID.unitImages
    public let placement = ViewPlacement.graphBox
    /// The weight matrix (a param index) whose rows are images, and the image's side.
    let param: Int
    let side: Int
    /// Each unit's picture of the moment, made in `prepare`; `scale` is the largest |w| of them all.
    public internal(set) var pictures: [DecisionField] = []
    public internal(set) var scale: Double = 0

    public init?(_ model: ModelFacts) {
        guard SamplePicture.applies(to: model.scenario) else { return nil }
        let first = model.firstStep
        // The first matrix whose rows are as long as the image: its rows weigh the pixels.
        guard let p = (0..<first.parameterCount).first(where: { first.nodes[$0].shape.rank == 2 }) else { return nil }
        let cols = first.nodes[p].shape.cols
        let side = Int(Double(cols).squareRoot().rounded())
        guard side >= 4, side * side == cols else { return nil }
        param = p
        self.side = side
    }

    public mutating func prepare(_ moment: ViewMoment) {
        let shape = moment.record.nodes[param].shape
        let flat = moment.state.paramValue(param)
        guard flat.count == shape.rows * shape.cols else {
            pictures = []
            return
        }
        scale = flat.filter(\.isFinite).map(abs).max() ?? 0
        let s = scale
        pictures = (0..<shape.rows).map { r in
            let row = flat[(r * shape.cols)..<((r + 1) * shape.cols)]
            // −s … s onto the boundary's 0 … 1: negative orange, zero white, positive blue.
            let values = row.map { s > 0 ? ($0 / s + 1) / 2 : 0.5 }
            return DecisionField(step: moment.record.step, columns: side, rows: side, x1: 0...1, x2: 0...1, values: values, points: [])
        }
    }

    /// Columns and rows one picture takes (without its label row): in half blocks a pixel a column
    /// and half a row; in shades a pixel two columns (square) or, when that fits fewer, one.
    static func pictureSize(side: Int, halfBlocks: Bool, units: Int, in inner: Rect) -> (width: Int, height: Int) {
        if halfBlocks { return (side, (side + 1) / 2) }
        let wide = (2 * side, side), narrow = (side, side)
        return fitting(units, size: wide, in: inner) >= fitting(units, size: narrow, in: inner) ? wide : narrow
    }

    static let gap = 2

    /// How many pictures of `size` (each under its label row) fit in `inner`.
    static func fitting(_ units: Int, size: (width: Int, height: Int), in inner: Rect) -> Int {
        let perRow = max(1, (inner.width + gap) / (size.width + gap))
        return min(units, perRow * max(0, inner.height / (size.height + 1)))
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let name = moment.names[param]
        let scaleText = NumberFormat.compact(scale, maxWidth: 8, significantDigits: 2)
        let titles = ["unit images: each row of \(name) as the \(side)×\(side) input · −\(scaleText) orange … \(scaleText) blue",
                      "\(name)'s rows as \(side)×\(side) images · ±\(scaleText)", "unit images"]
        let title = titles.first { displayWidth(of: $0) + 4 <= area.width } ?? "unit images"
        canvas.drawBox(area, glyphs: moment.glyphs, title: title)
        let inner = area.inset(by: 1).intersection(canvas.bounds)
        guard !inner.isEmpty, !pictures.isEmpty else { return }
        let halfBlocks = moment.colour && moment.glyphs.usesBraille
        let size = Self.pictureSize(side: side, halfBlocks: halfBlocks, units: pictures.count, in: inner)
        let gap = Self.gap
        let perRow = max(1, (inner.width + gap) / (size.width + gap))
        let bandHeight = size.height + 1
        let bands = max(0, inner.height / bandHeight)
        let shown = min(pictures.count, perRow * bands)
        for (k, field) in pictures.prefix(shown).enumerated() {
            let x = inner.x + (k % perRow) * (size.width + gap)
            let y = inner.y + (k / perRow) * bandHeight
            canvas.write("\(name)[\(k)]", x: x, y: y, style: .dim, clip: Rect(x: x, y: y, width: size.width + gap, height: 1).intersection(inner))
            let plane = Rect(x: x, y: y + 1, width: size.width, height: size.height).intersection(inner)
            BoundaryPanel(field: field, glyphs: moment.glyphs, colour: moment.colour).drawPlane(into: &canvas, plane: plane)
        }
        if shown < pictures.count, bands * bandHeight < inner.height {
            // Said only where a row is free: the pictures shown are never covered.
            let more = shown == 0 ? "a unit image needs \(bandHeight) rows: a taller window shows the \(pictures.count) units"
                : "+\(pictures.count - shown) more units: a larger window shows them"
            canvas.write(more, x: inner.x, y: inner.y + bands * bandHeight, style: .dim, clip: inner)
        }
    }
}
