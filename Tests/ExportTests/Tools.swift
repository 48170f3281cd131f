import Foundation
import TestSupport

/// What a child process printed and how it ended.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the consumers of our exports (python3, dot, the built binary) as child processes.
enum Tools {
    /// The full path of `name` on PATH, if it is installed.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String], input: String? = nil,
                    directory: URL? = nil) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        // posix_spawn, not Foundation's Process (see ChildProcess).
        let outcome = try ChildProcess.run(executable, arguments, directory: directory?.path, environment: environment,
                                           input: input.map { Data($0.utf8) })
        return ProcessResult(status: outcome.status,
                             stdout: String(decoding: outcome.stdout, as: UTF8.self),
                             stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }

    static let python = which("python3")
    /// Whether `python3 -c "import torch"` works here.
    static let hasTorch: Bool = {
        guard let python else { return false }
        return (try? run(python, ["-c", "import torch"]).status) == 0
    }()
    static let dot = which("dot")

    /// The built `backprop` executable beside this test bundle, if the build made it.
    static let backprop: String? = {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent("backprop").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// A fresh empty directory under the system's temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("export-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
