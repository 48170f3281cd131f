import Foundation
import Testing

/// Shell completion: every shell's script asks the binary for a SCENARIO, and the binary answers
/// with the shipped names and the `.toml` files and folders that begin with what is typed.
struct CompletionTests {
    /// What the binary offers for `backprop VERB <typed>`, as the completion scripts ask it.
    static func offered(_ verb: String, _ typed: String, in folder: URL? = nil) throws -> [String] {
        let result = try Backprop.run(["---completion", verb, "--", "positional@0", "0", "\(typed.count)", typed], in: folder)
        #expect(result.exitCode == 0, "\(result)")
        return result.stdoutLines
    }

    @Test func scenarioNamesComplete() throws {
        #expect(Set(try Self.offered("train", "ci")) == ["circle", "circle-features"])
        #expect(Set(try Self.offered("run", "dee")) == ["deep193"])
        #expect(try Self.offered("export", "zz").isEmpty)
    }

    @Test func tomlFilesAndFoldersCompleteBesideTheNames() throws {
        let folder = try TemporaryFolder()
        try folder.write("dropout.toml", "")
        try folder.write("digits.txt", "")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("drafts"), withIntermediateDirectories: false)
        try folder.write("drafts/one.toml", "")
        #expect(Set(try Self.offered("check", "d", in: folder.url)) == ["deep193", "digits", "diverge", "dropout.toml", "drafts/"])
        #expect(try Self.offered("frame", "drafts/", in: folder.url) == ["drafts/one.toml"])
    }

    @Test func everyShellsScriptAsksTheBinaryForScenarios() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try Backprop.run(["--generate-completion-script", shell])
            #expect(result.exitCode == 0, "\(shell): \(result)")
            #expect(result.stdout.contains("---completion"), "\(shell): the script does not call back for scenario names")
        }
    }
}
