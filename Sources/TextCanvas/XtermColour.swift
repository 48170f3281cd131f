/// The xterm 256-colour palette as 24-bit colours: what `38;5;n` shows on xterm and most
/// terminals (the 16 system colours are the terminal's own and may differ), and back.
public enum XtermColour {
    static let system: [Int32] = [0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
                                  0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff]

    /// 0xRRGGBB of palette entry `n`; -1 (the terminal's default) stays -1.
    public static func rgb(_ n: Int16) -> Int32 {
        guard n >= 0 else { return -1 }
        let n = Int32(min(255, n))
        if n < 16 { return system[Int(n)] }
        if n < 232 {
            let level = { (v: Int32) in v == 0 ? 0 : 55 + 40 * v }
            let i = n - 16
            return level(i / 36) << 16 | level(i / 6 % 6) << 8 | level(i % 6)
        }
        let grey = 8 + 10 * (n - 232)
        return grey << 16 | grey << 8 | grey
    }

    /// `#rrggbb` of palette entry `n`.
    public static func hex(_ n: Int16) -> String {
        let digits = String(max(0, rgb(n)), radix: 16)
        return "#" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The palette entry (16…255: the system colours are the terminal's to change) nearest to `rgb`.
    public static func nearest(_ rgb: Int32) -> Int16 {
        func channels(_ c: Int32) -> (Int32, Int32, Int32) { (c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff) }
        let (r, g, b) = channels(rgb)
        return (16...255).min { a, b2 in
            let (ra, ga, ba) = channels(Self.rgb(Int16(a))), (rb, gb, bb) = channels(Self.rgb(Int16(b2)))
            return (ra - r) * (ra - r) + (ga - g) * (ga - g) + (ba - b) * (ba - b)
                < (rb - r) * (rb - r) + (gb - g) * (gb - g) + (bb - b) * (bb - b)
        }.map(Int16.init) ?? 255
    }
}
