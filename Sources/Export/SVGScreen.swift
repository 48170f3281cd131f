import TextCanvas

/// One screen as SVG, in the theme's colours: what `export --to svg` writes for READMEs and
/// slides. Each run of cells of one style is one `<text>` stretched to its cells' exact width,
/// so columns line up in any monospace font; reversed styles get a background rectangle.
public struct SVGScreen: Sendable {
    public let palette: Palette
    /// One cell, in pixels, for a 14 px monospace font.
    public static let cellWidth = 8.4
    public static let cellHeight = 17.0

    public init(theme: Theme) {
        palette = Palette(theme: theme, usesColour: theme != .mono)
    }

    /// The colours behind and in front of the default style, as a terminal of this theme shows them.
    var background: String { theme == .light ? "#ffffff" : "#1c1c1c" }
    var foreground: String { theme == .light ? "#000000" : "#d0d0d0" }
    var theme: Theme { palette.theme }

    public func render(_ canvas: Canvas) -> String {
        let w = Double(canvas.width) * SVGScreen.cellWidth, h = Double(canvas.height) * SVGScreen.cellHeight
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(w))\" height=\"\(number(h))\" viewBox=\"0 0 \(number(w)) \(number(h))\""
        out += " font-family=\"'DejaVu Sans Mono', Menlo, Consolas, monospace\" font-size=\"14\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(background)\"/>\n"
        for y in 0..<canvas.height {
            let runs = canvas.runs(row: y)
            for (i, run) in runs.enumerated() {
                let cells = (i + 1 < runs.count ? runs[i + 1].x : canvas.width) - run.x
                out += element(run.text, x: run.x, y: y, cells: cells, style: run.style)
            }
        }
        return out + "</svg>\n"
    }

    /// A background rectangle (reversed styles) and the run's text.
    func element(_ text: String, x: Int, y: Int, cells: Int, style: Style) -> String {
        let look = palette.look(style)
        let colour = look.fg256 >= 0 && palette.usesColour ? XtermColour.hex(look.fg256) : foreground
        let (ink, paper) = look.reverse ? (background, colour) : (colour, nil as String?)
        let left = Double(x) * SVGScreen.cellWidth, top = Double(y) * SVGScreen.cellHeight
        var out = ""
        if let paper {
            out += "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(Double(cells) * SVGScreen.cellWidth))\" height=\"\(number(SVGScreen.cellHeight))\" fill=\"\(paper)\"/>\n"
        }
        let trimmed = text.drop { $0 == " " }
        guard !trimmed.allSatisfy({ $0 == " " }) else { return out }
        // Leading spaces become an offset; the rest keeps its spaces (xml:space) and its exact width.
        let lead = text.count - trimmed.count
        let body = String(trimmed.reversed().drop { $0 == " " }.reversed())
        let bodyCells = cells - lead - (trimmed.count - body.count)
        var attributes = "x=\"\(number(left + Double(lead) * SVGScreen.cellWidth))\" y=\"\(number(top + 13))\" fill=\"\(ink)\""
        attributes += " textLength=\"\(number(Double(max(1, bodyCells)) * SVGScreen.cellWidth))\" lengthAdjust=\"spacingAndGlyphs\""
        if look.bold { attributes += " font-weight=\"bold\"" }
        if look.dim { attributes += " opacity=\"0.7\"" }
        return out + "<text \(attributes) xml:space=\"preserve\">\(escaped(body))</text>\n"
    }

    func number(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        return abs(rounded) < 1e15 ? Int(exactly: rounded).map(String.init) ?? String(rounded) : String(rounded)
    }

    /// Text as XML character data.
    func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// The xterm 256-colour palette as RGB: 16 system colours, the 6×6×6 cube, 24 greys.
