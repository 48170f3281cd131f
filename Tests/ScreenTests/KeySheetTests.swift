import Foundation
import TextCanvas
@testable import Screen
import Testing

/// docs/keys.md is the key map as `?` shows it: made from the bindings, and current.
struct KeySheetTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/keys.md")

    @Test func theCommittedKeySheetIsTheKeyMapNow() throws {
        let committed = try String(contentsOf: Self.page, encoding: .utf8)
        #expect(committed == KeySheet.markdown, "docs/keys.md is not the key map now: run docs/make.sh (or `backprop guide --key-sheet > docs/keys.md`)")
    }

    @Test func everyBindingIsARowWithItsKeysAndHelp() {
        let sheet = KeySheet.markdown
        for binding in KeyMap.bindings {
            #expect(sheet.contains("| `\(binding.label)` | \(SeparatorDot.shown(in: binding.help)) |"), "\(binding.label)")
        }
        #expect(sheet.contains("PgUp PgDn"))
        #expect(sheet.split(separator: "\n").count < 60, "one printed page")
    }
}
