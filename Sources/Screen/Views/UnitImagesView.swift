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
/// a pixel two columns by one row. The unit picked (`u`, a click on its image) shows large beside them.
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

    /// Where each image goes in the images' box `inner` (its label row above it), as many as fit,
    /// and the band below them that is free (nil: none).
    static func layout(side: Int, halfBlocks: Bool, units: Int, in inner: Rect) -> (images: [Rect], free: Rect?) {
        let size = pictureSize(side: side, halfBlocks: halfBlocks, units: units, in: inner)
        let perRow = max(1, (inner.width + gap) / (size.width + gap))
        let bandHeight = size.height + 1
        let bands = max(0, inner.height / bandHeight)
        let images = (0..<min(units, perRow * bands)).map { k in
            Rect(x: inner.x + (k % perRow) * (size.width + gap), y: inner.y + (k / perRow) * bandHeight, width: size.width, height: bandHeight)
        }
        let used = bands * bandHeight
        return (images, used < inner.height ? Rect(x: inner.x, y: inner.y + used, width: inner.width, height: inner.height - used) : nil)
    }

    /// The images' box and, when a unit is picked, the pane for its large image (as the neuron view's).
    static func areas(_ area: Rect, picked: Bool) -> (images: Rect, pane: Rect?) {
        let (images, pane) = NeuronView.areas(area, picked: picked)
        return (images, pane)
    }

    /// The unit whose image (or label) is at a column and row of the screen, in the view's `area`.
    func unit(atX x: Int, y: Int, area: Rect, picked: Bool, glyphs: Glyphs, colour: Bool) -> Int? {
        let inner = Self.areas(area, picked: picked).images.inset(by: 1)
        let halfBlocks = colour && glyphs.usesBraille
        return Self.layout(side: side, halfBlocks: halfBlocks, units: pictures.count, in: inner).images.firstIndex { $0.contains(x: x, y: y) }
    }

    public func render(_ moment: ViewMoment, into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let picked = moment.pickedUnit.map(\.unit).flatMap { pictures.indices.contains($0) ? $0 : nil }
        let (box, pane) = Self.areas(area, picked: picked != nil)
        let name = moment.names[param]
        let scaleText = NumberFormat.compact(scale, maxWidth: 8, significantDigits: 2)
        let hint = picked == nil ? " ⸱ u: one large" : ""
        let titles = ["unit images: each row of \(name) as the \(side)×\(side) input ⸱ -\(scaleText) orange … \(scaleText) blue\(hint)",
                      "\(name)'s rows as \(side)×\(side) images ⸱ -\(scaleText) orange … \(scaleText) blue\(hint)",
                      "unit images: each row of \(name) as the \(side)×\(side) input ⸱ -\(scaleText) orange … \(scaleText) blue",
                      "\(name)'s rows as \(side)×\(side) images ⸱ ±\(scaleText)\(hint)", "\(name)'s rows as \(side)×\(side) images ⸱ ±\(scaleText)",
                      "unit images\(hint)", "unit images"]
        let title = titles.first { NeuronView.width(of: $0, glyphs: moment.glyphs) + 4 <= box.width } ?? "unit images"
        canvas.drawBox(box, glyphs: moment.glyphs, title: title)
        let inner = box.inset(by: 1).intersection(canvas.bounds)
        guard !inner.isEmpty, !pictures.isEmpty else { return }
        let halfBlocks = moment.colour && moment.glyphs.usesBraille
        let (images, free) = Self.layout(side: side, halfBlocks: halfBlocks, units: pictures.count, in: inner)
        for (k, slot) in images.enumerated() {
            let label = Rect(x: slot.x, y: slot.y, width: slot.width + Self.gap, height: 1).intersection(inner)
            canvas.write("\(name)[\(k)]", x: slot.x, y: slot.y, style: k == picked ? .inverse : .dim, clip: label)
            let plane = Rect(x: slot.x, y: slot.y + 1, width: slot.width, height: slot.height - 1).intersection(inner)
            BoundaryPanel(field: pictures[k], glyphs: moment.glyphs, colour: moment.colour).drawPlane(into: &canvas, plane: plane)
        }
        if images.count < pictures.count, let free {
            // Said only where a row is free: the pictures shown are never covered.
            let bandHeight = (images.first?.height ?? Self.pictureSize(side: side, halfBlocks: halfBlocks, units: pictures.count, in: inner).height + 1)
            let more = images.isEmpty ? "a unit image needs \(bandHeight) rows: a taller window shows the \(pictures.count) units"
                : "+\(pictures.count - images.count) more units: a larger window shows them"
            canvas.write(more, x: free.x, y: free.y, style: .dim, clip: free)
        }
        if let pane, let picked { renderLarge(picked, moment: moment, into: &canvas, pane: pane) }
    }

    /// The picked unit's image as large as its pane allows, its pixels square (a half block is
    /// about square; a shade character half as wide as tall, so two of them make a pixel).
    func renderLarge(_ unit: Int, moment: ViewMoment, into canvas: inout Canvas, pane: Rect) {
        let name = "\(moment.names[param])[\(unit)]"
        let scaleText = NumberFormat.compact(scale, maxWidth: 8, significantDigits: 2)
        let titles = ["\(name): what unit \(unit) looks for ⸱ -\(scaleText) orange … \(scaleText) blue ⸱ u: next",
                      "\(name): what unit \(unit) looks for ⸱ u: next", "\(name) ⸱ u: next", name]
        canvas.drawBox(pane, glyphs: moment.glyphs, title: titles.first { NeuronView.width(of: $0, glyphs: moment.glyphs) + 4 <= pane.width } ?? name)
        let inner = pane.inset(by: 1).intersection(canvas.bounds)
        guard !inner.isEmpty else { return }
        let halfBlocks = moment.colour && moment.glyphs.usesBraille
        // The sentence's row below the image when there is a row to spare.
        let room = inner.height > side ? Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1) : inner
        // A pixel k columns by k half rows in half blocks; 2k columns by k rows in characters.
        let k = max(1, halfBlocks ? min(room.width / side, 2 * room.height / side) : min(room.width / (2 * side), room.height / side))
        let plane = Rect(x: inner.x, y: inner.y, width: halfBlocks ? k * side : 2 * k * side,
                         height: halfBlocks ? (k * side + 1) / 2 : k * side).intersection(room)
        BoundaryPanel(field: pictures[unit], glyphs: moment.glyphs, colour: moment.colour).drawPlane(into: &canvas, plane: plane)
        if plane.maxY < inner.maxY {
            // In shapes the largest weights are the darkest shade and the most negative ones blank
            // (in ASCII, class 0's densest stroke: see BoundaryPanel.asciiShapes).
            let (raises, lowers) = moment.colour ? ("blue", "orange")
                : moment.glyphs.usesBraille ? ("▓", "blank") : ("#", "=")
            let sentences = ["\(raises): ink there raises the unit's sum; \(lowers): lowers it", "\(raises) raises its sum, \(lowers) lowers it",
                             "\(raises) +, \(lowers) -"]
            let sentence = sentences.first { NeuronView.width(of: $0, glyphs: moment.glyphs) <= inner.width } ?? sentences[sentences.count - 1]
            canvas.write(moment.glyphs.text(sentence), x: inner.x, y: plane.maxY, style: .dim, clip: inner)
        }
    }
}
