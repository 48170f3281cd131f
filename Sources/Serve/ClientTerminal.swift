import TextCanvas

/// A client's terminal as its PTY request and environment describe it: size, colours, UTF-8.
public struct ClientTerminal: Sendable, Equatable {
    public var term: String
    public var width: Int
    public var height: Int
    /// LANG as the client sent it (most clients send it; none means UTF-8).
    public var lang: String?

    public init(term: String, width: Int, height: Int, lang: String? = nil) {
        self.term = term
        self.width = width
        self.height = height
        self.lang = lang
    }

    /// Colours as TERM names them: `*-direct` 24-bit, `*256color*` the 256 palette, `dumb` none, any other eight.
    public var depth: ColourDepth {
        let t = term.lowercased()
        if t.contains("direct") { return .direct }
        return t.contains("256") ? .palette256 : .eight
    }

    /// A terminal without colours (`dumb`, `vt100`…), or none named.
    public var usesColour: Bool {
        let t = term.lowercased()
        return !(t.isEmpty || t == "dumb" || t.hasPrefix("vt1") || t.hasPrefix("vt2"))
    }

    /// A LANG that is not UTF-8 asks for ASCII, as the local screen does.
    public var asksForAscii: Bool { lang.map { LocaleChoice.asksForAscii(["LANG": $0]) } ?? false }

    /// The size a screen is drawn at: negative sizes are 0, giant ones the limit.
    public func drawnSize(limits: ServeLimits) -> (width: Int, height: Int) {
        (min(max(0, width), limits.maxWidth), min(max(0, height), limits.maxHeight))
    }
}

/// One client's screen on the app's side: the encoder for its terminal and what it was last sent,
/// so each frame sends only the cells that changed.
struct ClientScreen {
    let encoder: AnsiText
    let encoderKey: EncoderKey
    private(set) var lastSent: Canvas?
    /// The lecture's frame it last got whole from a shared render (followers of one size share encodings).
    var lastFrame: Int?

    struct EncoderKey: Hashable {
        var theme: Theme
        var depth: ColourDepth
        var colour: Bool
        var ascii: Bool
    }

    /// `ascii`: what the screen chose (`a`); nil: what the client's LANG asks for.
    init(terminal: ClientTerminal, theme: Theme, ascii: Bool? = nil) {
        let ascii = ascii ?? terminal.asksForAscii
        encoderKey = EncoderKey(theme: theme, depth: terminal.depth, colour: terminal.usesColour, ascii: ascii)
        encoder = AnsiText(theme: theme, depth: terminal.depth, usesColour: terminal.usesColour, ascii: ascii)
    }

    /// The screen for a state's own theme and glyphs (`T`, `a`): this one, or a new one that draws whole.
    func presenting(theme: Theme, ascii: Bool, terminal: ClientTerminal) -> ClientScreen {
        encoderKey.theme == theme && encoderKey.ascii == ascii ? self : ClientScreen(terminal: terminal, theme: theme, ascii: ascii)
    }

    /// The bytes that bring the client from its last frame to `canvas` (empty when nothing changed).
    func bytes(for canvas: Canvas) -> [UInt8] {
        var out: [UInt8] = []
        encoder.encode(canvas, after: lastSent, into: &out)
        return out
    }

    /// Sends `canvas` (or the bytes already made for it); a frame the client is too slow for is
    /// dropped, and the next one it gets is whole.
    mutating func present(_ canvas: Canvas, bytes: [UInt8]? = nil, frame: Int? = nil, link: ClientLink) {
        let out = bytes ?? self.bytes(for: canvas)
        if out.isEmpty { lastFrame = frame; return }
        if link.send(out) {
            lastSent = canvas
            lastFrame = frame
        } else {
            forget()
        }
    }

    /// Whether the next frame is drawn whole.
    var isBlank: Bool { lastSent == nil }

    /// The next frame is drawn whole (a resize, a reconnect, frames dropped).
    mutating func forget() {
        lastSent = nil
        lastFrame = nil
    }
}

