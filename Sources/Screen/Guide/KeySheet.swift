import TextCanvas

/// The printable sheet of keys (docs/keys.md): the rows `?` shows, from the one key map.
public enum KeySheet {
    public static var markdown: String {
        var lines = [
            "# backprop: the keys",
            "",
            "What `?` shows on the screen, made from the same key map (`backprop guide --key-sheet` writes",
            "this page and docs/make.sh runs it; a test fails when the page is not current).",
            "",
            "| keys | what they do |",
            "|---|---|",
        ]
        for binding in KeyMap.bindings {
            let help = SeparatorDot.shown(in: binding.help).replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(binding.label)` | \(help) |")
        }
        lines += ["", "The mouse: a click on a node inspects it; the wheel pans the graph."]
        lines.append(HelpOverlay.countingNote.prefix(1).uppercased() + HelpOverlay.countingNote.dropFirst() + ".")
        return lines.joined(separator: "\n") + "\n"
    }
}
