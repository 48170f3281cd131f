import Foundation

/// The scenarios shipped in `scenarios/`, built into the binary (`BuiltinFiles`, made by the
/// EmbedBuiltins plugin), found by name from any working directory with nothing beside the executable.
public enum Builtins {
    /// Names of the shipped scenarios, sorted, `linear` first (it is the lecture).
    public static var names: [String] {
        let names = BuiltinFiles.names.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        return names.filter { $0 == "linear" } + names.filter { $0 != "linear" }
    }

    /// The bytes of a shipped file (`circle.toml`, `circle.csv`), or nil if none has that name.
    public static func bytes(ofFile name: String) -> [UInt8]? {
        BuiltinFiles.text(of: name).map { text in text.withUTF8Buffer { Array($0) } }
    }

    /// The text of a shipped scenario's `.toml` file, or nil if none has that name.
    public static func text(of name: String) -> String? {
        BuiltinFiles.text(of: name + ".toml").map { $0.description }
    }

    /// A shipped scenario's summary, read from its TOML alone (no data, params or model built:
    /// `backprop list` loaded every scenario whole, 100 M instructions); nil if none has that name
    /// or its file does not read. Equal to `load(name).summary` for every shipped one (tested).
    public static func summary(of name: String) -> String? {
        guard let bytes = bytes(ofFile: name + ".toml") else { return nil }
        // A top-level key comes before the first table, so the lines above it say the summary
        // (the params' numbers were most of reading the files); should that cut fall inside a
        // value, the head does not read, and the whole file is read.
        var head = bytes.count
        for i in bytes.indices.dropLast() where bytes[i] == UInt8(ascii: "\n") && bytes[i + 1] == UInt8(ascii: "[") {
            head = i + 1
            break
        }
        guard let root = (try? TOMLReader.read(Array(bytes[..<head]))) ?? (try? TOMLReader.read(bytes)) else { return nil }
        guard let value = root["summary"] else { return "" }
        return value.string
    }

    /// A path to a `.toml` file, or the name of a shipped scenario (a file of that name in the
    /// working folder comes first, as a path would). A scenario's data on disk comes from its own
    /// folder unless `allowDataOutside`; a shipped one's from the binary.
    public static func load(_ reference: String, allowDataOutside: Bool = false) throws(Diagnostic) -> Scenario {
        if reference.hasSuffix(".toml") || reference.contains("/") || FileManager.default.fileExists(atPath: reference) {
            return try ScenarioLoader.load(path: reference, allowDataOutside: allowDataOutside)
        }
        guard let bytes = bytes(ofFile: reference + ".toml") else {
            throw Diagnostic(file: reference, line: 1, column: 1,
                             message: "no scenario named '\(reference)'\(didYouMean(reference, names)); `backprop list` shows the shipped ones, or give a path to a .toml file")
        }
        return try ScenarioLoader.load(bytes: bytes, file: reference + ".toml", name: reference, builtin: true)
    }
}
