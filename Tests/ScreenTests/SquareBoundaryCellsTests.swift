import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Pictures for a projector: the decision boundary's cells are square, one unit of x1 as long on
/// the screen as one of x2 (a terminal cell is about twice as tall as it is wide), so circle's disc
/// and ring are drawn round, not as a 1.7:1 ellipse.
struct SquareBoundaryCellsTests {
    func boundary(_ name: String, width: Int, height: Int, options: AppOptions = AppOptions()) throws -> TestScreen {
        var state = try makeState(name, width: width, height: height, options: options)
        while state.view != .boundary { state.press(.character("v")) }
        state.press(.right)
        return state
    }

    /// The field's units: x1 per column equals x2 per row over the row's aspect, in colour (half
    /// blocks: rows as tall as columns are wide) and in ASCII (whole cells: twice as tall).
    @Test(arguments: [(80, 24), (120, 40), (160, 45)])
    func aColumnSpansAsMuchX1AsARowSpansX2(_ size: (Int, Int)) throws {
        for ascii in [false, true] {
            var options = AppOptions()
            options.glyphs = ascii ? .ascii : .unicode
            let state = try boundary("circle", width: size.0, height: size.1, options: options)
            let view = try #require(state.screenViews[state.viewIndex] as? BoundaryView)
            let field = try #require(view.field)
            let perColumn = (field.x1.upperBound - field.x1.lowerBound) / Double(field.columns)
            let perRow = (field.x2.upperBound - field.x2.lowerBound) / Double(field.rows)
            let aspect = ascii ? 2.0 : 1.0
            #expect(abs(perColumn - perRow / aspect) < 1e-9 * perColumn, "\(size) ascii \(ascii): \(perColumn) vs \(perRow)")
            // Every point still inside the plane.
            #expect(field.points.allSatisfy { field.x1.contains($0.x1) && field.x2.contains($0.x2) })
        }
    }

    /// Measured on the screen: circle's points (a disc and a ring about the origin) cover about
    /// twice as many columns as rows, as a round shape does in cells twice as tall as wide.
    @Test(arguments: [(120, 40), (160, 45)])
    func circlesPointsLookRound(_ size: (Int, Int)) throws {
        let state = try boundary("circle", width: size.0, height: size.1)
        let canvas = state.render()
        let lines = (0..<canvas.height).map { canvas.line($0) }
        let top = try #require(lines.firstIndex { $0.contains("decision boundary") })
        // The boundary's box only (the graph beside it writes shapes such as 4×20).
        let left = try #require(Array(lines[top]).firstIndex(of: "d")) - 2
        var inside = top + 1
        while inside < lines.count, Array(lines[inside]).dropFirst(left).first == "│" { inside += 1 }
        var columns: [Int] = [], rows: [Int] = []
        // The plane's rows: all but the last inside the box, the legend's (`× orange 0, ● blue 1`).
        for y in (top + 1)..<(inside - 1) {
            let cells = Array(lines[y])
            for x in (left + 1)..<cells.count where cells[x] == "●" || cells[x] == "×" {
                columns.append(x)
                rows.append(y)
            }
        }
        let width = Double((columns.max() ?? 0) - (columns.min() ?? 0) + 1)
        let height = Double((rows.max() ?? 0) - (rows.min() ?? 0) + 1)
        #expect(columns.count > 20)
        let ratio = width / height
        #expect(ratio > 1.7 && ratio < 2.3, "\(size): the points span \(width) columns × \(height) rows")
    }

    /// The wider ranges of square cells never cut the legend: each axis's range whole or left out.
    @Test(arguments: [(80, 24), (120, 40)])
    func theLegendsRangesAreWholeOrLeftOut(_ size: (Int, Int)) throws {
        let state = try boundary("circle", width: size.0, height: size.1)
        let row = try #require(state.render().lines.first { $0.contains("orange 0") })
        let legend = row.split(separator: "│").first { $0.contains("orange 0") }.map(String.init) ?? ""
        #expect(legend.contains("x1 "), "\(legend)")
        for part in legend.split(separator: " ", omittingEmptySubsequences: true) where part.contains("…") {
            #expect(try Regex(#"^-?[0-9]+(\.[0-9]+)?…-?[0-9]+(\.[0-9]+)?$"#).wholeMatch(in: String(part)) != nil, "\(legend)")
        }
        #expect(!legend.trimmingCharacters(in: .whitespaces).hasSuffix("x2") && !legend.trimmingCharacters(in: .whitespaces).hasSuffix("x"), "\(legend)")
    }
}
