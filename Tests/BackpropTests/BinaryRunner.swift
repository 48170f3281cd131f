import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the `backprop` binary did: its exit status and everything it printed.
struct RunResult: Sendable, CustomStringConvertible {
    var exitCode: Int32
    /// True when the process ended by a signal (a crash, or our kill after the timeout).
    var killedBySignal: Bool
    var timedOut: Bool
    var stdoutData: Data
    var stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    var stdoutLines: [String] { lines(stdout) }
    var stderrLines: [String] { lines(stderr) }

    var description: String {
        let status = timedOut ? "timed out" : killedBySignal ? "killed by signal \(exitCode)" : "exit \(exitCode)"
        return "\(status)\n--- stdout (first 2000 chars) ---\n\(stdout.prefix(2000))\n--- stderr ---\n\(stderr.prefix(2000))"
    }

    private func lines(_ text: String) -> [String] {
        var parts = text.components(separatedBy: "\n")
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}

/// Runs the built `backprop` executable as a user would: a child process, stdin from /dev/null,
/// stdout and stderr captured through pipes (so neither is a terminal), and a timeout so a hung
/// binary fails its test instead of hanging the suite.
enum Backprop {
    /// The package root, found from this file's path (Tests/BackpropTests/BinaryRunner.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where the golden outputs of the lecture live (the ScenarioTests fixtures).
    static let fixtures: URL = packageRoot.appendingPathComponent("Tests/ScenarioTests/Fixtures")

    /// The binary under test, or a message listing where it was looked for.
    static let binary: Result<URL, LocateError> = locate()

    struct LocateError: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the built `backprop` executable was not found (set BACKPROP_BINARY to its path); looked in:\n  "
                + searched.joined(separator: "\n  ")
        }
    }

    /// The binary built with these tests: next to the test bundle first (the same build, whatever
    /// its scratch path or configuration), then the usual build folders under the package root.
    static func locate() -> Result<URL, LocateError> {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["BACKPROP_BINARY"], !explicit.isEmpty {
            return isExecutable(explicit) ? .success(URL(fileURLWithPath: explicit))
                : .failure(LocateError(searched: ["BACKPROP_BINARY=\(explicit) (not an executable file)"]))
        }
        var folders: [URL] = []
        // Linux: the test bundle is itself an executable, so Bundle.main is its folder.
        // macOS: Bundle.main is the xctest tool; the .xctest bundle is among allBundles.
        let bundles = [Bundle.main] + Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
        for bundle in bundles {
            let url = bundle.bundleURL
            folders.append(url.pathExtension == "xctest" ? url.deletingLastPathComponent() : url)
            folders.append(url.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        let argument0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        folders.append(argument0.deletingLastPathComponent())
        for scratch in [".build-cli", ".build"] {
            for configuration in ["debug", "release"] {
                folders.append(packageRoot.appendingPathComponent("\(scratch)/\(configuration)"))
            }
        }
        var searched: [String] = []
        for folder in folders {
            let candidate = folder.appendingPathComponent("backprop").standardizedFileURL
            if searched.contains(candidate.path) { continue }
            searched.append(candidate.path)
            if isExecutable(candidate.path) { return .success(candidate) }
        }
        return .failure(LocateError(searched: searched))
    }

    private static func isExecutable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: path)
    }

    /// Runs `backprop ARGUMENTS` in `directory` (a fresh temporary one by default, so nothing can
    /// depend on the package root being the working directory).
    /// With `executable`, runs that instead (a shell, say) with `prefix + arguments`.
    static func run(_ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 60,
                    executable: URL? = nil, prefix: [String] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let binary: URL
        switch self.binary {
        case .success(let url): binary = executable ?? url
        case .failure(let error):
            Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
            throw error
        }
        let scratch: TemporaryFolder? = directory == nil ? try TemporaryFolder() : nil
        defer { withExtendedLifetime(scratch) {} }  // keep the folder until the child has finished
        let workingDirectory = directory ?? scratch!.url

        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"  // a crash must not wait 30 s at a prompt
        // posix_spawn, not Foundation's Process (see ChildProcess); stdout and stderr are drained
        // while the child runs, so a large output cannot fill a pipe and stall it.
        let outcome = try ChildProcess.run(binary.path, prefix + arguments, directory: workingDirectory.path,
                                           environment: environment, timeout: timeout)
        return RunResult(exitCode: outcome.status, killedBySignal: outcome.signalled, timedOut: outcome.timedOut,
                         stdoutData: outcome.stdout, stderrData: outcome.stderr)
    }
}

/// A fresh folder under the system's temporary directory, removed when the value goes away.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("backprop-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` in this folder and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }
}
