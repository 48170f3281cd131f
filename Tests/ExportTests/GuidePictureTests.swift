import Export
import Foundation
import Scenario
import Screen
import Testing

/// The README's and the guide's pictures are what the program draws now: each screen of the one
/// list (`Guide.screens`) is drawn again and compared with its committed SVG, so a change to the
/// screen updates the pictures in the same commit (docs/make.sh) or is caught here.
struct GuidePictureTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs")

    static func drawn(_ screen: GuideScreen) throws -> String {
        var options = ExportOptions(step: screen.step)
        options.width = screen.width
        options.height = screen.height
        options.theme = screen.theme
        options.keys = screen.keys
        return try Exporter.render(try Builtins.load(screen.scenario), as: .svg, options: options)
    }

    @Test(arguments: Guide.screens.map(\.picture))
    func everyCommittedPictureIsWhatTheProgramDrawsNow(picture: String) throws {
        let screen = try #require(Guide.screens.first { $0.picture == picture })
        let file = Self.docs.appendingPathComponent("\(picture).svg")
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(try Self.drawn(screen) == committed,
                "docs/\(picture).svg is not what the program draws now: run docs/make.sh after a build and commit the pictures (\(screen.exportCommand))")
    }

    @Test func theListNamesEachPictureOnceAndEveryPictureInDocsIsListed() throws {
        let names = Guide.screens.map(\.picture)
        #expect(Set(names).count == names.count, "a picture listed twice")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.docs.path).filter { $0.hasSuffix(".svg") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(names), "every docs/*.svg is made from Guide.screens (else nothing keeps it current)")
    }

    @Test func aPictureThatNoLongerMatchesIsCaught() throws {
        // The check can fail: the screen one step on is not the committed picture.
        var screen = try #require(Guide.screens.first)
        let committed = try String(contentsOf: Self.docs.appendingPathComponent("\(screen.picture).svg"), encoding: .utf8)
        screen.step += 1
        #expect(try Self.drawn(screen) != committed)
    }

    @Test func keysChooseTheViewOfTheExportedScreen() throws {
        // xor's `v` leaves the graph for the next view: the picture says so in its panel titles.
        let graph = GuideScreen(picture: "t", scenario: "xor", step: 28, width: 120, height: 36)
        var other = graph
        other.keys = "v"
        #expect(try Self.drawn(graph) != Self.drawn(other))
        #expect(try Self.drawn(graph).contains("graph"))
    }
}
