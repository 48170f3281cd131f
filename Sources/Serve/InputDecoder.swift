import TextCanvas

/// What a client's terminal sends, as keys and mouse events: UTF-8 characters, control bytes,
/// and the escape sequences of arrows, Home/End, PgUp/PgDn and the SGR mouse (1006). Bytes it
/// cannot read are skipped; a sequence cut between two packets is completed by the next.
public struct InputDecoder: Sendable {
    private var pending: [UInt8] = []
    /// Longest sequence kept waiting for its end; garbage past it is dropped.
    static let longest = 32

    public init() {}

    public enum Input: Equatable, Sendable {
        case key(Key)
        case mouse(MouseEvent)
    }

    /// The inputs in `bytes`; a lone Escape at the end of a packet is the Escape key (a terminal
    /// sends a sequence whole, so what follows it in a later packet is new).
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Input] {
        pending.append(contentsOf: bytes)
        var inputs: [Input] = []
        var i = 0
        let b = pending
        scanning: while i < b.count {
            let byte = b[i]
            if byte == 0x1B {
                guard i + 1 < b.count else { inputs.append(.key(.escape)); i += 1; break }
                switch b[i + 1] {
                case UInt8(ascii: "["), UInt8(ascii: "O"):
                    switch Self.sequence(b, from: i) {
                    case .incomplete:
                        if b.count - i > Self.longest { i += 1; continue scanning }
                        break scanning
                    case .done(let input, let next):
                        if let input { inputs.append(input) }
                        i = next
                    }
                case 0x1B:
                    inputs.append(.key(.escape))
                    i += 1
                default:
                    // Alt+key: the key alone.
                    i += 1
                }
                continue
            }
            if byte < 0x80 {
                if let key = Self.key(forByte: byte) { inputs.append(.key(key)) }
                i += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0
            guard length > 0 else { i += 1; continue }
            guard i + length <= b.count else { break }
            let slice = Array(b[i..<(i + length)])
            if slice.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }), let scalar = String(validating: slice, as: UTF8.self)?.first {
                inputs.append(.key(.character(scalar)))
                i += length
            } else {
                i += 1
            }
        }
        pending = Array(b[min(i, b.count)...])
        if pending.count > Self.longest { pending.removeAll() }
        return inputs
    }

    private enum Parsed {
        case incomplete
        case done(Input?, next: Int)
    }

    /// `ESC [ params final` or `ESC O final` from `start`.
    private static func sequence(_ b: [UInt8], from start: Int) -> Parsed {
        var j = start + 2
        if b[start + 1] == UInt8(ascii: "O") {
            guard j < b.count else { return .incomplete }
            let key: Key? = switch b[j] {
            case UInt8(ascii: "A"): .up
            case UInt8(ascii: "B"): .down
            case UInt8(ascii: "C"): .right
            case UInt8(ascii: "D"): .left
            case UInt8(ascii: "H"): .home
            case UInt8(ascii: "F"): .end
            case UInt8(ascii: "M"): .enter
            default: nil
            }
            return .done(key.map(Input.key), next: j + 1)
        }
        while j < b.count && !(0x40...0x7E).contains(b[j]) { j += 1 }
        guard j < b.count else { return .incomplete }
        let params = String(decoding: b[(start + 2)..<j], as: UTF8.self)
        return .done(csi(params, final: b[j]), next: j + 1)
    }

    static func csi(_ params: String, final: UInt8) -> Input? {
        if params.hasPrefix("<") {
            // SGR mouse: `< button ; x ; y M` (press) or `m` (release), one-based cells.
            let n = params.dropFirst().split(separator: ";").map { Int($0) }
            guard final == UInt8(ascii: "M"), n.count == 3, let code = n[0], let x = n[1], let y = n[2] else { return nil }
            let shift = code & 4 != 0
            let button: MouseEvent.Button? = switch code & ~(4 | 8 | 16) {
            case 0: .left
            case 64: .wheelUp
            case 65: .wheelDown
            case 66: .wheelLeft
            case 67: .wheelRight
            default: nil
            }
            return button.map { .mouse(MouseEvent($0, x: max(0, x - 1), y: max(0, y - 1), shift: shift)) }
        }
        let n = params.split(separator: ";").map { Int($0) ?? 0 }
        let shifted = n.count >= 2 && n[1] == 2
        let key: Key? = switch final {
        case UInt8(ascii: "A"): shifted ? .shiftUp : .up
        case UInt8(ascii: "B"): shifted ? .shiftDown : .down
        case UInt8(ascii: "C"): shifted ? .shiftRight : .right
        case UInt8(ascii: "D"): shifted ? .shiftLeft : .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "Z"): .tab
        case UInt8(ascii: "~"):
            switch n.first ?? 0 {
            case 1, 7: .home
            case 4, 8: .end
            case 5: .pageUp
            case 6: .pageDown
            default: nil
            }
        default: nil
        }
        return key.map(Input.key)
    }

    /// Plain characters and the control bytes a terminal in raw mode sends (Ctrl-C is 3, Enter 13).
    static func key(forByte byte: UInt8) -> Key? {
        switch byte {
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(0x60 + byte)))
        case 32...126: return .character(Character(Unicode.Scalar(byte)))
        default: return nil
        }
    }
}
