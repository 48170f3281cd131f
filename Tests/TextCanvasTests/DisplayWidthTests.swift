import Testing
import TextCanvas

@Test func asciiAndBoxDrawingTakeOneColumn() {
    #expect(displayWidth(of: "a") == 1)
    #expect(displayWidth(of: "─") == 1)
    #expect(displayWidth(of: "∂") == 1)
    #expect(displayWidth(of: "\u{2847}") == 1)  // braille
}

@Test func eastAsianAndEmojiTakeTwo() {
    #expect(displayWidth(of: "中") == 2)
    #expect(displayWidth(of: "한") == 2)
    #expect(displayWidth(of: "😀") == 2)
}

@Test func controlsAndCombiningMarksTakeNone() {
    #expect(displayWidth(of: "\u{0}") == 0)
    #expect(displayWidth(of: "\t") == 0)
    #expect(displayWidth(of: "\u{0301}") == 0)
    #expect(displayWidth(of: "e\u{0301}") == 1)  // one grapheme: e with an acute accent
}

@Test func stringWidthSumsItsCharacters() {
    #expect(displayWidth(of: "ŷ = x·w") == 7)
    #expect(displayWidth(of: "loss 中文") == 9)
    #expect(displayWidth(of: "") == 0)
}
