import TextCanvas

/// The one frame every plot draws in (the loss plot, the landscape curve and map): a title row,
/// y labels in a gutter beside the axis line, the x axis and a row of x labels, around the inner
/// rect where the data goes. Rows and labels drop out as the area shrinks (the data keeps at least
/// a row); nothing is drawn outside the area.
struct PlotFrame {
    /// A y label on a row of the plot (0 = the top row), with a tick on the axis or not.
    struct YLabel {
        var row: Int
        var text: String
        var style: Style = .dim
        var tick = true
    }

    let area: Rect
    private(set) var titleRow: Rect?
    /// The x axis line (a map has none: its cells reach the labels).
    private(set) var axisRow: Rect?
    private(set) var labelRow: Rect?
    /// The rows between the title and the x axis, across the whole width: the y labels are chosen
    /// for its height before the gutter is known.
    let plotRows: Rect
    private(set) var labels: [YLabel] = []
    private(set) var gutter = 0

    /// Splits `area` into rows: the title needs three rows below it, the x labels two, the axis one.
    init(area: Rect, xAxis: Bool = true) {
        self.area = area
        var rest = area
        let axisRows = xAxis ? 1 : 0
        if rest.height >= 3 + axisRows { (titleRow, rest) = rest.takeTop(1) }
        if rest.height >= 2 + axisRows { (rest, labelRow) = rest.takeBottom(1) }
        if xAxis, rest.height >= 2 { (rest, axisRow) = rest.takeBottom(1) }
        plotRows = rest
    }

    /// Places the y labels in a gutter as wide as the widest of them and of `reserving` (labels a
    /// taller plot would show), none when the data would keep fewer than four columns.
    mutating func place(_ labels: [YLabel], reserving: [String] = []) {
        self.labels = labels
        gutter = (labels.map(\.text) + reserving).map { displayWidth(of: $0) }.max() ?? 0
        if area.width - gutter - 1 < 4 { gutter = 0 }
    }

    var hasYAxis: Bool { area.width >= 3 }
    var axisColumn: Int { area.x + gutter }

    /// Where the data goes.
    var inner: Rect {
        let x = hasYAxis ? axisColumn + 1 : area.x
        return Rect(x: x, y: plotRows.y, width: area.maxX - x, height: plotRows.height)
    }

    /// The y axis with its labels and the x axis line.
    func drawAxes(into canvas: inout Canvas, glyphs: Glyphs) {
        let inner = inner
        if hasYAxis {
            for row in plotRows.y..<plotRows.maxY { canvas.put(glyphs.vertical, x: axisColumn, y: row, style: .dim, clip: area) }
            for label in labels where gutter > 0 {
                let row = plotRows.y + label.row
                canvas.write(label.text, x: axisColumn - displayWidth(of: label.text), y: row, style: label.style, clip: area)
                if label.tick { canvas.put(glyphs.teeLeft, x: axisColumn, y: row, style: .dim, clip: area) }
            }
        }
        if let axisRow {
            if hasYAxis { canvas.put(glyphs.bottomLeft, x: axisColumn, y: axisRow.y, style: .dim, clip: area) }
            for x in inner.x..<inner.maxX { canvas.put(glyphs.horizontal, x: x, y: axisRow.y, style: .dim, clip: area) }
        }
    }

    /// `left  name  right` under the data: the ends when there is room for both with a gap, the
    /// name centred between them when it fits with a space either side.
    func drawXLabels(left: String, name: String, nameStyle: Style, right: String?, into canvas: inout Canvas) {
        let span = inner
        guard let labelRow, !span.isEmpty else { return }
        let leftEnd = canvas.write(left, x: span.x, y: labelRow.y, style: .dim, clip: area)
        var rightStart = span.maxX
        if let right, displayWidth(of: right) + 1 < span.maxX - leftEnd {
            rightStart = span.maxX - displayWidth(of: right)
            canvas.write(right, x: rightStart, y: labelRow.y, style: .dim, clip: area)
        }
        let free = rightStart - leftEnd
        if free >= displayWidth(of: name) + 2 {
            canvas.write(name, x: leftEnd + (free - displayWidth(of: name)) / 2, y: labelRow.y, style: nameStyle, clip: area)
        }
    }
}
