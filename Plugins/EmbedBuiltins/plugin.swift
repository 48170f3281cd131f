import Foundation
import PackagePlugin

/// Builds the shipped scenarios and their data into the Scenario module: every file of its
/// `Builtin` folder becomes a string in a generated Swift file, so the binary needs no resource
/// bundle beside it and runs from any folder once `.build` is gone.
@main
struct EmbedBuiltins: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Builtin")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))
            .filter { !$0.hasPrefix(".") }.sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinFiles.swift")
        return [.buildCommand(displayName: "Embedding \(names.count) shipped scenario files",
                              executable: try context.tool(named: "EmbedFilesTool").url,
                              arguments: [output.path(percentEncoded: false)] + inputs.map { $0.path(percentEncoded: false) },
                              inputFiles: inputs, outputFiles: [output])]
    }
}
