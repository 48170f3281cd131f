import Foundation

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let inPipe = Pipe(), outPipe = Pipe()
        // stderr goes to a file, so a chatty child can never block on a pipe nobody is reading.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("export-tests-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? errHandle.close() }
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        process.standardOutput = outPipe
        process.standardError = errHandle
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
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
