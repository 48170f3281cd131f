import Scenario
import TextCanvas

/// Weight matrices side by side, as large as the rectangle allows, over a legend that gives the
/// shades their numbers. With `shared`, every map uses the largest |value| of them all, so a
/// layer whose gradients vanish shows pale beside one whose gradients do not.
public struct HeatMapRow: Sendable, Equatable, Panel {
    public var maps: [HeatMap]
    public var shared: Bool
    public var glyphs: Glyphs

    public init(maps: [HeatMap], shared: Bool, glyphs: Glyphs = .unicode) {
        self.maps = maps
        self.shared = shared
        self.glyphs = glyphs
    }

    static let gap = 3
    static let legendHeight = 2

    /// The largest |value| of all the maps: the darkest shade when the scale is shared.
    public var sharedScale: Double { maps.map(\.ownScale).max() ?? 0 }

    /// The maps with the cell size that fits them all in one row of `rect` (bigger cells when
    /// there is room), and the shared scale when asked for.
    func placed(in rect: Rect) -> [(map: HeatMap, rect: Rect)] {
        var scaled = maps
        if shared { for i in scaled.indices { scaled[i].sharedScale = sharedScale } }
        let height = rect.height - legendRows(in: rect)
        // Largest cells first: 8 columns × 4 rows per value, down to 1 × 1.
        for (w, h) in [(8, 4), (6, 3), (4, 2), (3, 1), (2, 1), (1, 1)] {
            var sized = scaled
            for i in sized.indices {
                sized[i].maxCellWidth = w
                sized[i].cellHeight = h
            }
            var widths = sized.map(\.naturalSize.width)
            let total = widths.reduce(0, +) + HeatMapRow.gap * max(0, sized.count - 1)
            if (w, h) == (1, 1), total > rect.width {
                // Too narrow for every title's scale: each map as wide as its cells and its name,
                // a scale (`±0.00054`) where room is left for it whole, from the first map on; no map left out.
                let bare = sized.map { max($0.values.map(\.count).max() ?? 0, displayWidth(of: $0.title)) }
                var left = rect.width - bare.reduce(0, +) - HeatMapRow.gap * max(0, sized.count - 1)
                widths = zip(bare, widths).map { b, natural in
                    let more = natural - b <= left ? natural - b : 0
                    left -= more
                    return b + more
                }
            }
            let tallest = sized.map(\.naturalSize.height).max() ?? 0
            if total <= rect.width && tallest <= height || (w, h) == (1, 1) {
                var x = rect.x
                return zip(sized, widths).map { map, width in
                    defer { x += width + HeatMapRow.gap }
                    let r = Rect(x: x, y: rect.y, width: width, height: height).intersection(rect)
                    return (map, r)
                }
            }
        }
        return []
    }

    public func render(into canvas: inout Canvas, rect: Rect) {
        let area = rect.intersection(canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area)
        guard !maps.isEmpty else {
            canvas.write("no weight matrices in this model", x: area.x + 1, y: area.y, style: .dim, clip: area)
            return
        }
        for (map, slot) in placed(in: area) where !slot.isEmpty {
            map.render(into: &canvas, rect: slot)
        }
        switch legendRows(in: area) {
        case 0: break
        case 1: renderLegendLine(into: &canvas, rect: area.takeBottom(1).1)
        default: renderLegend(into: &canvas, rect: area.takeBottom(HeatMapRow.legendHeight).1)
        }
    }

    /// Rows the legend takes in `rect`: two, or one (in short), or none where the maps' rows would
    /// be cut for it (deep193's 7×6 W2 in the 8 rows of 80×24): every row of every map shows first,
    /// and the view writes the short legend in its box's border (`renderLegendLine`).
    public func legendRows(in rect: Rect) -> Int {
        let tallest = 1 + (maps.map(\.values.count).max() ?? 0)
        if tallest + HeatMapRow.legendHeight <= rect.height { return HeatMapRow.legendHeight }
        return tallest + 1 <= rect.height ? 1 : 0
    }

    /// The legend in one row: the bar of shades by sign, then where each shade begins and whose
    /// scale it is, as much of it as fits whole (`- ██▓▓▒▒░░·░░▒▒▓▓██ +  · <0.1 %  ░ <2 % …`).
    public func renderLegendLine(into canvas: inout Canvas, rect: Rect) {
        guard rect.height >= 1, rect.width > 0 else { return }
        let negative = HeatMap.shades(glyphs, positive: false), positive = HeatMap.shades(glyphs, positive: true)
        var x = canvas.write(glyphs.text(" - "), x: rect.x, y: rect.y, style: .dim, clip: rect)
        for shade in negative.reversed() {
            for _ in 0..<2 { canvas.put(shade, x: x, y: rect.y, style: .heatNegative, clip: rect); x += 1 }
        }
        canvas.put(HeatMap.zeroGlyph(glyphs), x: x, y: rect.y, style: .dim, clip: rect)
        x += 1
        for shade in positive {
            for _ in 0..<2 { canvas.put(shade, x: x, y: rect.y, style: .heatPositive, clip: rect); x += 1 }
        }
        x = canvas.write(glyphs.text(" + "), x: x, y: rect.y, style: .dim, clip: rect)
        let parts = thresholds.dropLast() + [shared ? "one ± (m: own)" : "own ± (m: one)"]
        for part in parts.map({ glyphs.text(" " + $0 + " ") }) where x + displayWidth(of: part) <= rect.maxX {
            x = canvas.write(part, x: x, y: rect.y, style: .dim, clip: rect)
        }
    }

    /// Two lines: the bar of shades by sign (`one scale: - ██▓▓▒▒░░·░░▒▒▓▓██ +`), then where each
    /// shade begins: in |value|s on one scale (`|value|: · <0.0016  ░ <0.031 … █ to 1.6`), or in
    /// percent of each map's ± on their own.
    private func renderLegend(into canvas: inout Canvas, rect: Rect) {
        guard rect.height >= 1 else { return }
        let negative = HeatMap.shades(glyphs, positive: false), positive = HeatMap.shades(glyphs, positive: true)
        let per = 2
        var x = rect.x + 1
        x = canvas.write((shared ? "one scale: " : "own scales: ") + glyphs.text("- "), x: x, y: rect.y, style: .dim, clip: rect)
        for shade in negative.reversed() {
            for _ in 0..<per { canvas.put(shade, x: x, y: rect.y, style: .heatNegative, clip: rect); x += 1 }
        }
        canvas.put(HeatMap.zeroGlyph(glyphs), x: x, y: rect.y, style: .dim, clip: rect)
        x += 1
        for shade in positive {
            for _ in 0..<per { canvas.put(shade, x: x, y: rect.y, style: .heatPositive, clip: rect); x += 1 }
        }
        let note = shared ? " +  one ± for all maps (m: each its own)" : " +  each map its own ± (m: one scale)"
        canvas.write(glyphs.text(note), x: x, y: rect.y, style: .dim, clip: rect)
        guard rect.height >= 2 else { return }
        canvas.write(glyphs.text(thresholdText), x: rect.x + 1, y: rect.y + 1, style: .dim, clip: rect)
    }

    /// Where each shade begins: `|value|: · <0.0016  ░ <0.031  ▒ <0.16  ▓ <0.78  █ to 1.6` on one
    /// scale, `|value| of its ±: · <0.1 %  ░ <2 %  ▒ <10 %  ▓ <50 %  █ to 100 %` on their own.
    var thresholds: [String] {
        let zero = HeatMap.zeroGlyph(glyphs) == " " ? "blank" : String(HeatMap.zeroGlyph(glyphs))
        // One shade per level, or in ASCII the level's pair of signs: `+/-`.
        let shades = zip(HeatMap.shades(glyphs, positive: true), HeatMap.shades(glyphs, positive: false)).map { p, n in
            p == n ? String(p) : "\(p)/\(n)"
        }
        let scale = sharedScale
        let number = { (fraction: Double) -> String in
            if shared { return NumberFormat.compact(fraction * scale, maxWidth: 8, significantDigits: 2) }
            let percent = fraction * 100, whole = percent.rounded()
            return (abs(percent - whole) < 1e-9 ? "\(Int(whole))" : NumberFormat.compact(percent, maxWidth: 5, significantDigits: 2)) + " %"
        }
        var parts = ["\(zero) <\(number(HeatMap.shadeStarts[0]))"]
        for (i, shade) in shades.enumerated() {
            parts.append(i + 1 < HeatMap.shadeStarts.count ? "\(shade) <\(number(HeatMap.shadeStarts[i + 1]))" : "\(shade) to \(number(1))")
        }
        return Array(parts.prefix(HeatMap.shadeStarts.count + 1))
    }

    var thresholdText: String {
        (shared ? "|value|: " : "|value| of its ±: ") + thresholds.joined(separator: "  ")
    }
}
