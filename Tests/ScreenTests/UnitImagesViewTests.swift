import Scenario
import Testing
import TextCanvas
@testable import Screen

/// digits' unit images: each first-layer unit's incoming weights (a row of W1) drawn as the 8×8
/// input, on one −max…max scale, with the weights as they are at the event.
struct UnitImagesViewTests {
    func unitImages(_ width: Int = 120, _ height: Int = 40, options: AppOptions = AppOptions()) throws -> TestScreen {
        var state = try makeState("digits", width: width, height: height, options: options)
        for _ in 0..<8 where state.view != .unitImages { state.press(.character("v")) }
        #expect(state.view == .unitImages)
        return state
    }

    @Test func onlyImageModelsHaveTheView() throws {
        #expect(try makeState("digits").views.contains(.unitImages))
        for name in ["xor", "circle", "linear", "gauss"] {
            #expect(try !makeState(name).views.contains(.unitImages), "\(name)")
        }
    }

    /// Each picture is its row of W1 at the event: the step's start before W1's update, the
    /// updated weights from W1's update event on.
    @Test func picturesAreW1sRowsAtTheEvent() throws {
        var state = try unitImages()
        let record = try state.timeline.record(ofStep: 0)
        func expectRows(_ W1: [Double], _ what: String) throws {
            let view = try #require(state.prepared(UnitImagesView.self))
            let scale = W1.map(abs).max() ?? 0
            #expect(view.scale == scale, "\(what)")
            #expect(view.pictures.count == 16 && view.pictures.allSatisfy { $0.columns == 8 && $0.rows == 8 })
            for (k, picture) in view.pictures.enumerated() {
                #expect(picture.values == W1[(k * 64)..<((k + 1) * 64)].map { ($0 / scale + 1) / 2 }, "\(what): unit \(k)")
            }
        }
        try expectRows(record.paramsBefore[0], "before the update")
        let update = try #require(state.firstEvent(.update, at: "W1"))
        state.seek(to: update)
        #expect(record.paramsAfter[0] != record.paramsBefore[0])
        try expectRows(record.paramsAfter[0], "after W1's update")
    }

    /// In colour every pixel is a half block whose colour follows its weight's sign: blue (above
    /// the middle level) for a positive weight, orange (below) for a negative one.
    @Test(arguments: [(80, 24), (120, 40)])
    func cellColoursFollowTheWeightsSign(_ size: (Int, Int)) throws {
        let state = try unitImages(size.0, size.1)
        let canvas = state.render()
        let W1 = try state.timeline.record(ofStep: 0).paramsBefore[0]
        let scale = W1.map(abs).max() ?? 1
        let inner = Rect(x: 1, y: 2, width: size.0 - 2, height: 0)
        let perRow = (inner.width + 2) / 10
        var checked = 0
        for k in 0..<min(16, perRow) {
            let x0 = inner.x + k * 10, y0 = inner.y + 1
            #expect(canvas.line(inner.y).contains("W1[\(k)]"), "\(size) label of unit \(k)")
            for r in 0..<8 {
                for c in 0..<8 {
                    let cell = canvas[x0 + c, y0 + r / 2]
                    #expect(cell.character == "▀")
                    let levels = try #require(cell.style.fieldLevels, "\(size) unit \(k) pixel \(r),\(c)")
                    let level = r % 2 == 0 ? levels.top : levels.bottom
                    let w = W1[k * 64 + r * 8 + c]
                    if w > scale / 8 { #expect(level > 4, "unit \(k) pixel \(r),\(c): w = \(w)"); checked += 1 }
                    if w < -scale / 8 { #expect(level < 4, "unit \(k) pixel \(r),\(c): w = \(w)"); checked += 1 }
                    if w == scale { #expect(level == 8) }
                    if w == -scale { #expect(level == 0) }
                }
            }
        }
        #expect(checked > 100)
    }

    /// As text: labels and half blocks in colour, ASCII only under --ascii, shades and no half
    /// blocks in mono; a screen too small for all 16 says how many are left out.
    @Test func framesAt80x24And120x40() throws {
        let small = try unitImages(80, 24).screenText
        #expect(small.contains("W1's rows as 8×8 images · -0.12 orange … 0.12 blue · u: one large"), "\(small)")
        #expect(small.filter { $0 == "▀" }.count == 8 * 8 * 4, "\(small)")
        #expect(small.contains("+8 more units"), "\(small)")
        let large = try unitImages(120, 40).screenText
        #expect(large.filter { $0 == "▀" }.count == 16 * 8 * 4, "\(large)")
        #expect(large.contains("W1[15]") && !large.contains("more units"), "\(large)")
        let ascii = try unitImages(120, 40, options: AppOptions(glyphs: .ascii)).screenText
        #expect(ascii.unicodeScalars.allSatisfy(\.isASCII) && ascii.contains("W1[0]"), "\(ascii)")
        var mono = AppOptions()
        mono.colour = false
        let shades = try unitImages(120, 40, options: mono).screenText
        #expect(!shades.contains("▀") && shades.contains { "░▒▓".contains($0) } && shades.contains("+4 more units"), "\(shades)")
        let tiny = try unitImages(80, 24, options: mono).screenText
        #expect(tiny.contains("a unit image needs 9 rows"), "\(tiny)")
        for (w, h) in [(40, 12)] { _ = try unitImages(w, h).screenText }
    }
}

/// Choosing a unit (u, or a click on its image, as in the neuron view) shows its 8×8 image large
/// beside the others, its pixels square and their colours its weights'.
struct UnitImageLargeTests {
    func unitImages(_ width: Int, _ height: Int, options: AppOptions = AppOptions()) throws -> TestScreen {
        var state = try makeState("digits", width: width, height: height, options: options)
        for _ in 0..<8 where state.view != .unitImages { state.press(.character("v")) }
        #expect(state.view == .unitImages)
        return state
    }

    /// The pane at the view's right (where the neuron view puts its large picture) and its image's cells.
    func pane(_ state: TestScreen) throws -> Rect {
        let area = try #require(state.visibleBodyAreas?.graph)
        return try #require(UnitImagesView.areas(area, picked: true).pane)
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func uShowsTheNextUnitsImageLarge(_ size: (Int, Int)) throws {
        var state = try unitImages(size.0, size.1)
        #expect(state.screenText.contains("u: one large"), "the title says how\n\(state.screenText)")
        state.press(.character("u"))
        #expect(state.pickedUnit == UnitChoice(layer: 1, unit: 0))
        let canvas = state.render()
        let pane = try pane(state)
        #expect(canvas.line(pane.y).contains("W1[0]"), "\(size): the pane's title\n\(state.screenText)")
        // The image fills as much of the pane as square pixels allow: k columns and k half rows a pixel.
        let inner = pane.inset(by: 1)
        let k = max(1, min(inner.width / 8, 2 * (inner.height - (inner.height > 8 ? 1 : 0)) / 8))
        let W1 = try state.timeline.record(ofStep: 0).paramsBefore[0]
        let scale = W1.map(abs).max() ?? 1
        var checked = 0
        for r in 0..<8 {
            for c in 0..<8 {
                let cell = canvas[inner.x + c * k, inner.y + r * k / 2]
                #expect(cell.character == "▀", "\(size) pixel \(r),\(c)")
                let levels = try #require(cell.style.fieldLevels, "\(size) pixel \(r),\(c)")
                let level = (r * k) % 2 == 0 ? levels.top : levels.bottom
                let w = W1[r * 8 + c]
                if w > scale / 8 { #expect(level > 4, "pixel \(r),\(c): w = \(w)"); checked += 1 }
                if w < -scale / 8 { #expect(level < 4, "pixel \(r),\(c): w = \(w)"); checked += 1 }
            }
        }
        #expect(checked > 20)
        if size.0 >= 120 {
            #expect(k >= 3, "large: \(k) columns a pixel")
            #expect(state.screenText.contains("blue: ink there raises the unit's sum; orange: lowers it"), "\(state.screenText)")
        }
        state.press(.character("u"))
        #expect(state.pickedUnit == UnitChoice(layer: 1, unit: 1))
        #expect(state.render().line(pane.y).contains("W1[1]"))
        for _ in 0..<15 { state.press(.character("u")) }
        #expect(state.pickedUnit == nil, "after the last unit, none")
        #expect(!state.screenText.contains("what unit"))
    }

    @Test func aClickOnAnImagePicksItsUnitAndASecondPutsItAway() throws {
        var state = try unitImages(120, 40)
        let canvas = state.render()
        let row = try #require((0..<canvas.height).first { canvas.line($0).contains("W1[3]") })
        let column = try #require(Array(canvas.line(row)).indices.first { i in canvas.line(row).dropFirst(i).hasPrefix("W1[3]") })
        _ = state.update(.mouse(MouseEvent(.left, x: column + 2, y: row + 2)))
        #expect(state.pickedUnit == UnitChoice(layer: 1, unit: 3))
        #expect(state.screenText.contains("W1[3]: what unit 3 looks for · u: next"), "\(state.screenText)")
        // With the pane open the images move: click W1[3]'s image where it is now.
        let now = state.render()
        let row2 = try #require((try pane(state).y + 1..<now.height).first { now.line($0).contains("W1[3]") })
        let column2 = try #require(Array(now.line(row2)).indices.first { i in now.line(row2).dropFirst(i).hasPrefix("W1[3]") })
        _ = state.update(.mouse(MouseEvent(.left, x: column2 + 1, y: row2 + 1)))
        #expect(state.pickedUnit == nil)
    }

    @Test func monoAndAsciiShowTheLargeImageInShades() throws {
        var mono = AppOptions()
        mono.colour = false
        var state = try unitImages(120, 40, options: mono)
        state.press(.character("u"))
        let pane = try pane(state)
        let canvas = state.render()
        let cells = (pane.y + 1..<pane.maxY - 1).flatMap { y in (pane.x + 1..<pane.maxX - 1).map { canvas[$0, y].character } }
        #expect(!cells.contains("▀") && cells.contains { "░▒▓█".contains($0) }, "shades")
        var ascii = try unitImages(120, 40, options: AppOptions(glyphs: .ascii))
        ascii.press(.character("u"))
        #expect(ascii.screenText.unicodeScalars.allSatisfy(\.isASCII) && ascii.screenText.contains("W1[0]"))
        for (w, h) in [(40, 12), (60, 20), (200, 60)] {
            _ = ascii.update(.resize(width: w, height: h))
            _ = ascii.render()
        }
    }

    @Test func uOutsideTheUnitImagesSaysWhere() throws {
        var state = try makeState("digits", width: 120, height: 40)
        state.press(.character("u"))
        #expect(state.pickedUnit == nil)
        #expect(state.notice?.contains("unit images view") == true, "\(state.notice ?? "no notice")")
    }
}
