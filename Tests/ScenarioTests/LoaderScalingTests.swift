import Foundation
@testable import Scenario
import Testing

/// Loading grows with the file, not with its square: 10k `[[notes]]` once took 11 s and 100k more
/// than a minute, because each note's position rebuilt the list of notes. Growth is compared, not
/// time: a tenfold file may cost up to thirty times as much here (a square would cost a hundred).
struct LoaderScalingTests {
    /// The lecture with `count` captions of its own.
    static func scenario(notes count: Int) throws -> [UInt8] {
        let lecture = try #require(Builtins.text(of: "linear"))
        var text = String(lecture[..<(lecture.range(of: "[[notes]]")?.lowerBound ?? lecture.endIndex)])
        for i in 0..<count {
            text += "[[notes]]\nat = { epoch = \(i % 100), sample = \(i % 3), phase = \"backward\", node = \"w\" }\ntext = \"caption \(i)\"\n"
        }
        return Array(text.utf8)
    }

    /// CPU seconds of this thread for one load (the machine's other work does not count).
    static func cpuSeconds(_ bytes: [UInt8]) throws -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        let scenario = try ScenarioLoader.load(bytes: bytes, file: "notes.toml")
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        #expect(scenario.notes.count * 3 > bytes.count / 100, "the notes were read")
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    @Test func aThousandTimesTheNotesCostsAboutAHundredTimesTheTime() throws {
        let sizes = [1_000, 10_000, 100_000]
        var times: [Double] = []
        for size in sizes {
            let bytes = try Self.scenario(notes: size)
            // The least of two runs for the small files, whose times are short enough to be noisy.
            times.append(size < 100_000 ? min(try Self.cpuSeconds(bytes), try Self.cpuSeconds(bytes)) : try Self.cpuSeconds(bytes))
        }
        for k in 1..<sizes.count {
            #expect(times[k] < 30 * times[k - 1], "\(sizes[k - 1]) notes: \(times[k - 1]) s, \(sizes[k]): \(times[k]) s")
        }
    }

    /// CPU seconds of this thread for `load`.
    static func cpuSeconds(_ load: () throws -> Void) rethrows -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        try load()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// Lists written on one line grow linearly too: each entry's position was counted from the
    /// line's start (notes: 20 000 in 37 s), each forward assignment's text searched for from there
    /// (20 000 in 11 s), and each of 10^5 CSV column names looked for through the whole header (35 s).
    @Test(arguments: ["notes", "forward", "columns"])
    func aListOnOneLineCostsInProportionToItsLength(_ kind: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-\(kind)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func scenario(_ n: Int) throws -> String {
            let head = "title = \"t\"\n"
            switch kind {
            case "notes":
                let notes = (0..<n).map { "{ at = { epoch = 0, sample = \($0 % 3), phase = \"backward\", node = \"w\" }, text = \"note \($0)\" }" }
                return head + "notes = [" + notes.joined(separator: ", ") + "]\n"
                    + "[data]\nx = [1.0, 2.0, 3.0]\ny = [2.0, 4.0, 6.0]\n[params]\nw = 1.0\n[model]\nforward = \"x * w\"\nloss = \"(y_pred - y)^2\"\n"
            case "forward":
                let steps = ["\"h0 = x * w\""] + (1..<n).map { "\"h\($0) = h\($0 - 1) + w\"" } + ["\"y_pred = h\(n - 1)\""]
                return head + "[data]\nx = [1.0, 2.0, 3.0]\ny = [2.0, 4.0, 6.0]\n[params]\nw = 1.0\n[model]\nforward = [" + steps.joined(separator: ", ") + "]\nloss = \"(y_pred - y)^2\"\n"
            default:
                let names = (0..<n).map { "c\($0)" }
                let csv = (names + ["label"]).joined(separator: ",") + "\n" + (0..<3).map { _ in Array(repeating: "1", count: n + 1).joined(separator: ",") }.joined(separator: "\n") + "\n"
                try csv.write(to: folder.appendingPathComponent("wide\(n).csv"), atomically: true, encoding: .utf8)
                return head + "[data]\nfile = \"wide\(n).csv\"\nx = [" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]\ny = \"label\"\n[params]\nw = 0.1\n[model]\nforward = \"sum(x) * w\"\nloss = \"(y_pred - y)^2\"\n"
            }
        }
        let sizes = [1_000, 10_000]
        var times: [Double] = []
        for n in sizes {
            let path = folder.appendingPathComponent("s\(n).toml").path
            try scenario(n).write(toFile: path, atomically: true, encoding: .utf8)
            let once = { _ = try ScenarioLoader.load(path: path) }
            times.append(min(try Self.cpuSeconds(once), try Self.cpuSeconds(once)))
        }
        #expect(times[1] < 30 * times[0], "\(kind): \(sizes[0]) entries \(times[0]) s, \(sizes[1]) entries \(times[1]) s")
    }
}
