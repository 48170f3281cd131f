import Foundation

/// Writes straight to the standard output and error descriptors (no C `FILE*` globals, which
/// Swift 6 rejects as shared mutable state).
enum Output {
    static func out(_ text: String) { write(text, to: 1) }

    static func error(_ text: String) { write(text.hasSuffix("\n") ? text : text + "\n", to: 2) }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n <= 0 { if errno == EINTR { continue } else { return } }
                offset += n
            }
        }
    }
}
