/// `joined(separator:)` for arrays of strings, written out.
extension Array where Element == String {
    /// The strings with `separator` between them. The standard library's `joined(separator:)` is
    /// generic code whose first call in a process makes the runtime look up associated types
    /// (0.3 M instructions, a thirtieth of `backprop train linear`); the transcript's lines use this one.
    func joined(with separator: String) -> String {
        var text = ""
        for (i, part) in enumerated() {
            if i > 0 { text += separator }
            text += part
        }
        return text
    }
}
