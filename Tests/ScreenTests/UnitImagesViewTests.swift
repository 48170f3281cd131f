import Scenario
import Testing
import TextCanvas
@testable import Screen

/// digits' unit images: each first-layer unit's incoming weights (a row of W1) drawn as the 8×8
/// input, on one −max…max scale, with the weights as they are at the event.
struct UnitImagesViewTests {
    func unitImages(_ width: Int = 120, _ height: Int = 40, options: AppOptions = AppOptions()) throws -> AppState {
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
        #expect(small.contains("unit images: each row of W1 as the 8×8 input"), "\(small)")
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
