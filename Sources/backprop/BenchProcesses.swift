import Foundation

/// Whole processes for `backprop bench`: one run of a command, its output thrown away, timed
/// from spawn to exit; and the Python that runs PyTorch's side.
enum BenchProcess {
    /// This binary, to run our own commands as whole processes.
    static var backprop: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs `arguments` (the first a path, or a name looked up in PATH) to its end: wall seconds,
    /// CPU seconds and peak resident bytes of that process; nil when it cannot start or fails.
    static func run(_ arguments: [String], environment: [String: String] = [:]) -> (wall: Double, cpu: Double, peak: Double)? {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let start = BenchRounds.now()
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = BenchRounds.now() - start
        // Exited (not signalled) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { return nil }
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return (wall, cpu, Double(usage.ru_maxrss) * 1024)
    }

    /// A bench side that runs a command as a whole process once per operation.
    static func side(_ name: String, _ arguments: [String]) -> BenchSide {
        BenchSide(name: name) { count in
            var total = 0.0
            for _ in 0..<count {
                guard let r = run(arguments) else { return nil }
                total += r.wall
            }
            return total / Double(count)
        }
    }
}

/// The Python child that times PyTorch's side (references/bench_pytorch.py), one round when asked.
final class PyTorchChild {
    let python: String
    private(set) var version = ""
    private let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private var buffer: [UInt8] = []

    /// Starts the child, or says in a sentence why there is no PyTorch column.
    static func start(python: String) -> Result<PyTorchChild, BenchUnavailable> {
        guard let script = BenchFiles.reference("bench_pytorch.py") else {
            return .failure(BenchUnavailable("references/bench_pytorch.py is not beside the sources nor under the current folder"))
        }
        let child = PyTorchChild(python: python)
        do {
            try child.launch(script)
        } catch {
            return .failure(BenchUnavailable("\(python) could not be started (\(error.localizedDescription)); --python PATH names another"))
        }
        guard let first = child.line(), first.hasPrefix("torch ") else {
            child.process.waitUntilExit()
            let why = String(decoding: child.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .split(separator: "\n").last.map(String.init) ?? "no answer"
            return .failure(BenchUnavailable("\(python) cannot import torch (\(why)); pip install torch, or --python PATH names a Python that has it"))
        }
        child.version = String(first.dropFirst(6))
        return .success(child)
    }

    private init(python: String) { self.python = python }

    private func launch(_ script: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// Sends one command and reads its one-line answer (nil when the child has gone).
    func ask(_ command: String) -> String? {
        guard process.isRunning else { return nil }
        do {
            try input.fileHandleForWriting.write(contentsOf: Array((command + "\n").utf8))
        } catch {
            return nil
        }
        return line()
    }

    private func line() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let text = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return text
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return nil }
            buffer += data
        }
    }

    /// Loads an exported script: the last step's loss of its first epoch, or why not.
    func load(_ name: String, script: String) -> Result<Double, BenchUnavailable> {
        guard let answer = ask("load \(name) \(script)") else { return .failure(BenchUnavailable("the Python child ended")) }
        guard answer.hasPrefix("ok "), let loss = Double(answer.dropFirst(3)) else { return .failure(BenchUnavailable(answer)) }
        return .success(loss)
    }

    /// A side that trains `name` with `threads` threads (0: PyTorch's default).
    func side(_ label: String, _ name: String, threads: Int) -> BenchSide {
        BenchSide(name: label) { count in self.ask("time \(name) \(count) \(threads)").flatMap(Double.init) }
    }

    func quit() {
        _ = try? input.fileHandleForWriting.write(contentsOf: Array("quit\n".utf8))
        process.waitUntilExit()
    }
}

/// Why a column or row is missing, in a sentence for the bench's output.
struct BenchUnavailable: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Files the bench reads or writes beside its work.
enum BenchFiles {
    /// A file of references/: beside the sources this binary was built from, or under the current folder.
    static func reference(_ name: String) -> String? {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [source.appendingPathComponent("references/\(name)").path,
                          FileManager.default.currentDirectoryPath + "/references/\(name)"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// A fresh temporary folder for exported scripts and scenario files, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
