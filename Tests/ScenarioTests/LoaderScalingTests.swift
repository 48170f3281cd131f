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
}
