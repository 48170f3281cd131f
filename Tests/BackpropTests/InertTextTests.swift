import Foundation
import Testing

/// Text is inert in every output: a scenario whose title comes from a file name holding a
/// right-to-left override, in a folder whose name holds one, reaches check, frame, DOT, SVG, the
/// PyTorch script and a cast with the character escaped (`\u{202E}`), never as it is.
struct InertTextTests {
    static let override = "\u{202E}"

    @Test func aBidiControlInAFileOrFolderNameReachesNoOutputAsItIs() throws {
        let folder = try TemporaryFolder()
        let inner = "class\(Self.override)txt"
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(inner), withIntermediateDirectories: true)
        let toml = CheckCSVTests.toml.replacingOccurrences(of: "title = \"t\"\n", with: "")
        let path = try folder.write("\(inner)/lecture\(Self.override)fdp.toml", toml)
        try folder.write("\(inner)/points.csv", "x1,x2,label\n1,2,3\n4,5,6\n")
        let runs: [[String]] = [
            ["check", path], ["frame", path], ["train", path, "--epochs", "1"],
            ["export", path, "--to", "dot"], ["export", path, "--to", "svg"], ["export", path, "--to", "pytorch"],
            ["export", path, "--to", "cast", "--until", "1", "--speed", "1000000"],
        ]
        for arguments in runs {
            let result = try Backprop.run(arguments, in: folder.url)
            #expect(result.exitCode == 0, "\(arguments): \(result)")
            #expect(!result.stdout.unicodeScalars.contains("\u{202E}") && !result.stderr.unicodeScalars.contains("\u{202E}"),
                    "\(arguments[0]) \(arguments.count > 3 ? arguments[3] : ""): \(result.stdout.prefix(600))")
        }
        let check = try Backprop.run(["check", path], in: folder.url)
        #expect(check.stdout.contains("ok — lecture\\u{202E}fdp"), "\(check)")
    }
}
