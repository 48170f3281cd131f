import ArgumentParser
import Foundation
import Scenario

/// What the shell offers where a command takes a SCENARIO: the shipped names, and the `.toml` files
/// and folders that begin with what is typed (`backprop --generate-completion-script bash|zsh|fish`).
enum ScenarioCompletion {
    static let kind = CompletionKind.custom { _, _, typed in candidates(typed) }

    static func candidates(_ typed: String) -> [String] {
        let shipped = typed.contains("/") ? [] : Builtins.names.filter { $0.hasPrefix(typed) }
        let slash = typed.lastIndex(of: "/")
        let folder = slash.map { String(typed[...$0]) } ?? ""
        let start = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        var files: [String] = []
        for entry in entries.sorted() where entry.hasPrefix(start) && (start.hasPrefix(".") || !entry.hasPrefix(".")) {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + entry, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue { files.append(folder + entry + "/") } else if entry.hasSuffix(".toml") { files.append(folder + entry) }
        }
        return shipped + files
    }
}
