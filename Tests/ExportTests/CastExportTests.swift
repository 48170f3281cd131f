import Foundation
import Testing
@testable import Export
import Scenario
import TestSupport

/// The asciicast recording: a v2 header and timed output events, read back by asciinema itself.
struct CastExportTests {
    static let asciinema = Tools.which("asciinema")

    func cast(_ name: String, until: Int = 1) throws -> String {
        try Exporter.render(try Builtins.load(name), as: .cast, options: ExportOptions(until: until))
    }

    @Test func castHasAV2HeaderAndTimedOutputEvents() throws {
        let lines = try cast("linear").split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 100)
        #expect(header["height"] as? Int == 30)
        var last = 0.0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let time = try #require(event[0] as? Double)
            #expect(time >= last, "times never go back")
            last = time
            #expect(event[1] as? String == "o")
            #expect(event[2] is String)
        }
        #expect(lines.count > 20, "one epoch of the lecture is 39 events")
        // The captions that pause autoplay become waits of a few seconds.
        #expect(last > 10)
    }

    /// Work follows a bound, not the data: 10^4 samples one at a time made 10^4 frames (123 MB in
    /// 43 s), and `--until` far into a long run more; a recording stops at `mostFrames`.
    @Test func aCastOfALongRunStopsAtItsMostFrames() throws {
        let x = (0..<1_000).map { "\(Double($0 % 7))" }.joined(separator: ", ")
        let text = "title = \"long\"\n[data]\nx = [\(x)]\ny = [\(x)]\n[params]\nw = 1.0\n[model]\nforward = \"x * w\"\n"
            + "loss = \"(y_pred - y)^2\"\n[train]\nepochs = 3\nlr = 0.001\nbatch_size = 1\n"
        let scenario = try ScenarioLoader.load(bytes: Array(text.utf8), file: "long.toml")
        let lines = try Exporter.render(scenario, as: .cast, options: ExportOptions(until: 3)).split(separator: "\n")
        #expect(lines.count <= CastRecording.mostFrames + 4, "\(lines.count) lines: a header, the first frame, the frames, the last")
        #expect(lines.count > CastRecording.mostFrames / 2, "the cast records up to its bound")
    }

    /// Work follows what is shown, not the speed: a slow cast waits longer between frames rather
    /// than drawing the same screen 30 times a second, and a fast one skips to the events it shows.
    @Test(arguments: [0.01, 4, 1_000_000])
    func aCastHasAtMostOneFramePerShownEvent(speed: Double) throws {
        let scenario = try Builtins.load("linear")
        var options = ExportOptions(until: 2)
        options.speed = speed
        let lines = try Exporter.render(scenario, as: .cast, options: options).split(separator: "\n")
        let events = try Timeline(scenario: scenario).eventCount
        // Two epochs of 100 are shown; the header and the closing line are not frames.
        #expect(lines.count - 2 <= 2 * events / 100 + 1, "\(lines.count) lines for \(2 * events / 100) events")
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lines[lines.count - 1].utf8)) as? [Any])
        let seconds = try #require(last[0] as? Double)
        if speed == 0.01 { #expect(seconds > 100 * Double(2 * events / 100 - 1), "each event waits 100 s at 0.01 a second") }
    }

    @Test func castShowsTheScreensFrames() throws {
        // Replayed as a terminal reads it (the frames are sent as changed cells, not whole lines).
        var screen = AnsiScreen(width: 100, height: 30)
        var seen: [String] = []
        for line in try cast("linear").split(separator: "\n").dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            screen.feed(Array(try #require(event[2] as? String).utf8))
            seen.append(screen.text)
        }
        #expect(seen.contains { $0.contains("Linear model ŷ = x·w") })
        #expect(seen.contains { $0.contains("y_pred = x · w = 1.0 × 1.0 = 1.0") })
        #expect(seen.contains { $0.contains("sample 2/2") }, "the third sample, counted from 0")
    }

    @Test func untilBoundsTheRecording() throws {
        let one = try cast("linear", until: 1).split(separator: "\n").count
        let two = try cast("linear", until: 2).split(separator: "\n").count
        #expect(two > one)
    }

    @Test(.enabled(if: asciinema != nil, "asciinema is not installed (pip install asciinema)"))
    func asciinemaReadsTheRecording() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("linear.cast")
        try cast("linear").write(to: file, atomically: true, encoding: .utf8)
        let result = try Tools.run(try #require(Self.asciinema), ["cat", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Linear model ŷ = x·w"))
        #expect(result.stdout.contains("∂loss/∂w"))
    }
}
