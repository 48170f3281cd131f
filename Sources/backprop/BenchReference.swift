import Foundation

/// PyTorch's figures for `backprop bench`, measured in the same run by references/bench_pytorch.py
/// (`--machine`, one thread): a name per line and seconds. Empty when python3 or torch is missing.
struct BenchReference {
    var figures: [String: Double] = [:]
    var version = ""
    var note = ""

    subscript(_ name: String) -> Double? { figures[name] }

    /// Finds the script beside the sources this binary was built from, or under the current directory.
    static func script() -> String? {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [source.appendingPathComponent("references/bench_pytorch.py").path,
                          FileManager.default.currentDirectoryPath + "/references/bench_pytorch.py"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    static func measure() -> BenchReference {
        var reference = BenchReference()
        guard let script = script() else {
            reference.note = "PyTorch: references/bench_pytorch.py not found, so no PyTorch column"
            return reference
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--machine", "--threads", "1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            reference.note = "PyTorch: python3 could not be started, so no PyTorch column"
            return reference
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.first == "torch" {
                reference.version = parts.dropFirst().joined(separator: " ")
            } else if parts.count == 2, let seconds = Double(parts[1]) {
                reference.figures[String(parts[0])] = seconds
            }
        }
        if reference.figures.isEmpty { reference.note = "PyTorch: not installed (python3 -c 'import torch' fails), so no PyTorch column" }
        return reference
    }
}
