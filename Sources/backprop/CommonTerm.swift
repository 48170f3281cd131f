/// What to type when this machine does not know the terminal TERM names: the same command with a
/// terminal every machine describes in front (`TERM=xterm-256color backprop run xor`).
enum CommonTerm {
    /// This very command with TERM=xterm-256color in front, as the user would type it again.
    static func command(_ arguments: [String] = CommandLine.arguments) -> String {
        let words = ["backprop"] + arguments.dropFirst()
        return "TERM=xterm-256color " + words.map(shellWord).joined(separator: " ")
    }

    /// `word` as a shell reads it back: bare when it is plain, else in single quotes.
    static func shellWord(_ word: String) -> String {
        let safe = "-_./=:,+@%"
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || safe.unicodeScalars.contains($0)
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
