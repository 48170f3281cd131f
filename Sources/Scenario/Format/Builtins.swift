import Foundation

/// The scenarios shipped in `scenarios/`, found by name from any working directory.
public enum Builtins {
    /// The folder holding the shipped `.toml` files (bundled as a resource of this module).
    public static var folder: URL? { shippedFolder }

    /// SwiftPM puts a module's resources beside the executable, where this looks first: opening
    /// `Bundle.module` reads the bundle's folder through CoreFoundation, a few milliseconds — a
    /// fifth of the first frame of `backprop frame`. The bundle stays the fallback.
    private static let shippedFolder: URL? = {
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let beside = URL(fileURLWithPath: executable).deletingLastPathComponent()
                .appendingPathComponent("backprop_Scenario.resources").appendingPathComponent("Builtin")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: beside.path, isDirectory: &isFolder), isFolder.boolValue { return beside }
        }
        return Bundle.module.url(forResource: "Builtin", withExtension: nil)
    }()

    /// Names of the shipped scenarios, sorted, `linear` first (it is the lecture).
    public static var names: [String] {
        guard let folder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let names = files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
        return names.filter { $0 == "linear" } + names.filter { $0 != "linear" }
    }

    public static func path(of name: String) -> String? {
        guard let folder else { return nil }
        let path = folder.appendingPathComponent("\(name).toml").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// A path to a `.toml` file, or the name of a shipped scenario. A scenario's data comes from
    /// its own folder unless `allowDataOutside`.
    public static func load(_ reference: String, allowDataOutside: Bool = false) throws(Diagnostic) -> Scenario {
        if reference.hasSuffix(".toml") || reference.contains("/") || FileManager.default.fileExists(atPath: reference) {
            return try ScenarioLoader.load(path: reference, allowDataOutside: allowDataOutside)
        }
        guard let path = path(of: reference) else {
            throw Diagnostic(file: reference, line: 1, column: 1,
                             message: "no scenario named '\(reference)'\(didYouMean(reference, names)); `backprop list` shows the shipped ones, or give a path to a .toml file")
        }
        return try ScenarioLoader.load(path: path, name: reference)
    }
}
