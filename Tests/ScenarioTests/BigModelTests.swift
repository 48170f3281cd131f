import Foundation
import Testing
@testable import Scenario

/// Big models can be written: a 1024×1024 layer is within the bound, and numbers are read by the
/// fast path exactly as strtod reads them.
struct BigModelTests {
    /// A one-layer model whose W is `rows`×`columns`, written as a file would hold it.
    static func layer(rows: Int, columns: Int) -> [UInt8] {
        var text = "[data]\nx = [" + Array(repeating: "[" + Array(repeating: "0.5", count: columns).joined(separator: ", ") + "]", count: 2).joined(separator: ", ")
        text += "]\ny = [0.0, 1.0]\n[params]\nW = ["
        var seed: UInt32 = 7
        for r in 0..<rows {
            text += r == 0 ? "[" : ",\n["
            for c in 0..<columns {
                seed = seed &* 1_664_525 &+ 1_013_904_223
                text += (c == 0 ? "" : ",") + (seed % 2 == 0 ? "0.5" : "-0.25")
            }
            text += "]"
        }
        text += "]\n[model]\nforward = \"sum(W @ x)\"\nloss = \"(y_pred - y)^2\"\n"
        return Array(text.utf8)
    }

    @Test func aLayerOf1024By1024IsAccepted() throws {
        let scenario = try ScenarioLoader.load(bytes: Self.layer(rows: 1024, columns: 1024), file: "wide.toml")
        let w = try #require(scenario.parameters.first { $0.name == "W" })
        #expect(w.values.count == 1024 * 1024 && w.shape == .matrix(1024, 1024))
        #expect(ScenarioLoader.maximumElements >= 1024 * 1024)
    }

    /// The fast path gives strtod's double for every decimal it takes, and leaves the rest to it.
    @Test func decimalsReadAsStrtodReadsThem() throws {
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 11
        }
        var texts = ["0.1", "-0.0", "0.0", "1e22", "1e23", "9007199254740993.0", "9007199254740992.0", "4.35", "1e-22", "123456789012345678.5",
                     "2.2250738585072014e-308", "1.7976931348623157e308", "0.30000000000000004", "-1.5e+3", "+7.25"]
        for _ in 0..<50_000 {
            let digits = String(next() % (next() % 2 == 0 ? 10_000 : 10_000_000_000_000_000))
            let point = Int(next() % UInt64(digits.count + 1))
            var text = (next() % 2 == 0 ? "-" : "") + (point == 0 ? "0" : String(digits.prefix(point))) + "." + (point == digits.count ? "0" : String(digits.dropFirst(point)))
            if next() % 3 == 0 { text += "e" + String(Int(next() % 60) - 30) }
            texts.append(text)
        }
        for text in texts {
            let ours = try #require(TOMLReader.number(Array(text.utf8)[...]), "\(text)")
            guard case .float(let value) = ours else { Issue.record("\(text) read as \(ours)"); continue }
            #expect(value.bitPattern == Double(text)?.bitPattern, "\(text): \(value) against strtod's \(String(describing: Double(text)))")
        }
        for (text, value) in [("-123456789012345678", -123_456_789_012_345_678), ("9223372036854775807", Int.max), ("+0", 0)] {
            guard case .integer(let read)? = TOMLReader.number(Array(text.utf8)[...]) else { Issue.record("\(text) is not read as an integer"); continue }
            #expect(read == value, "\(text)")
        }
    }

    /// Plain decimals (`-0.0123`) are read in place, before the token is cut out: a list of them reads
    /// as strtod reads each, and what the fast path leaves (exponents, underscores, leading zeros,
    /// long digits, a second point) still reads, or is refused, as TOML says.
    @Test func plainDecimalsInAListReadAsStrtodReadsThem() throws {
        var seed: UInt64 = 7
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 11
        }
        var texts = ["0.0", "-0.0", "+7.25", "0.1", "4.35", "9007199254740993.0", "9007199254740992.0", "123456789012345678.5",
                     "0.30000000000000004", "1.0000000000000000000001", "0.00000000000000000000001", "12345678901234567890.5"]
        for _ in 0..<20_000 {
            let digits = String(next() % (next() % 2 == 0 ? 10_000 : 10_000_000_000_000_000))
            let point = Int(next() % UInt64(digits.count + 1))
            texts.append((next() % 2 == 0 ? "-" : "") + (point == 0 ? "0" : String(digits.prefix(point))) + "." + (point == digits.count ? "0" : String(digits.dropFirst(point))))
        }
        let table = try TOMLReader.read(Array(("v = [" + texts.joined(separator: ",") + "]\nw = [" + texts.joined(separator: ", ") + " ]\n").utf8))
        for key in ["v", "w"] {
            let values = try #require(table[key]?.array)
            #expect(values.count == texts.count)
            for (text, value) in zip(texts, values) {
                #expect(value.double?.bitPattern == Double(text)?.bitPattern, "\(text): \(String(describing: value.double)) against strtod's \(String(describing: Double(text)))")
            }
        }
        #expect(DecimalText.plain(Array("12345678901234567890.5".utf8), at: 0) == nil)
        #expect(DecimalText.plain(Array("1.00000000000000000000001".utf8), at: 0) == nil)
        for (text, value) in [("1.5e3", 1500.0), ("1.5_5", 1.55), ("1_0.5", 10.5), ("-2.5E-1", -0.25)] {
            let read = try TOMLReader.read(Array("v = [\(text)]\n".utf8))
            #expect(read["v"]?.array?.first?.double == value, "\(text)")
        }
        for text in ["01.5", "1.5.3", "1.", "-.5", "1.5x"] {
            #expect(throws: TOMLSyntaxError.self, "\(text)") { try TOMLReader.read(Array("v = [\(text)]\n".utf8)) }
        }
    }
}
