import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Export
import Scenario
import TextCanvas

/// `export --to svg`: one screen, in its colours, as SVG an XML parser reads.
struct SVGExportTests {
    /// What a parser finds in an SVG document: the root, the elements, the text.
    final class Reader: NSObject, XMLParserDelegate {
        var root: String?
        var counts: [String: Int] = [:]
        var text = ""
        var fills: Set<String> = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            counts[name, default: 0] += 1
            if let fill = attributes["fill"] { fills.insert(fill) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    func read(_ svg: String) throws -> Reader {
        let parser = XMLParser(data: Data(svg.utf8))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        return reader
    }

    func svg(_ name: String, step: Int = 8, theme: Theme = .dark, width: Int = 100, height: Int = 30) throws -> String {
        var options = ExportOptions(step: step)
        options.width = width
        options.height = height
        options.theme = theme
        return try Exporter.render(try Builtins.load(name), as: .svg, options: options)
    }

    @Test func theLecturesScreenIsValidSVGWithItsTextAndColours() throws {
        let reader = try read(try svg("linear"))
        #expect(reader.root == "svg")
        #expect((reader.counts["text"] ?? 0) > 20)
        #expect(reader.text.contains("Linear model ŷ = x·w"))
        #expect(reader.text.contains("∂loss/∂w = -2.0"), "the screen after 8 events: \(reader.text.prefix(400))")
        #expect(reader.fills.count >= 5, "the styles keep their colours: \(reader.fills)")
    }

    @Test func everyScenarioAndThemeGivesWellFormedSVG() throws {
        for name in Builtins.names {
            for theme in Theme.allCases {
                let reader = try read(try svg(name, step: 3, theme: theme, width: 80, height: 24))
                #expect(reader.root == "svg", "\(name) \(theme)")
            }
        }
    }

    @Test func theSizeIsTheTerminalsInCells() throws {
        let text = try svg("linear", width: 80, height: 24)
        #expect(text.contains("width=\"672\" height=\"408\""), "80 × 8.4 by 24 × 17")
        #expect(try svg("linear", theme: .light).contains("fill=\"#ffffff\""), "light is dark on white")
    }

    @Test func markupInTextIsEscaped() {
        var canvas = Canvas(width: 12, height: 1)
        canvas.write("a < b & \"c\"", x: 0, y: 0)
        let text = SVGScreen(theme: .dark).render(canvas)
        #expect(text.contains("a &lt; b &amp; &quot;c&quot;"))
    }

    @Test func aStepPastTheEndIsAUsageError() throws {
        #expect(throws: ExportError.self) { try svg("linear", step: 10_000_000) }
    }
}
