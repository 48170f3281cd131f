import Foundation
import Testing

/// The first frame of a big full-batch scenario keeps one record of step 0: the run's first step,
/// made once (the timeline made the same step again on a replayer, with its own tape, values,
/// gradients and backward log: 616 MB for 10⁶ rows, of 24 MB of numbers).
struct FrameMemoryTests {
    /// Peak resident memory of `backprop ARGUMENTS` in `folder`, in bytes, as /usr/bin/time reads it.
    static func peak(_ arguments: [String], in folder: TemporaryFolder, name: String) throws -> Int? {
        let report = folder.url.appendingPathComponent("time-\(name)").path
        guard case .success(let binary) = Backprop.binary else { return nil }
        let run = try Backprop.run(["-f", "%M", "-o", report, binary.path] + arguments, in: folder.url,
                                   executable: URL(fileURLWithPath: "/usr/bin/time"))
        #expect(run.exitCode == 0, "\(run)")
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func theFirstFrameOfAFullBatchRecordsItsFirstStepOnce() throws {
        // Debug build, 2·10⁵ rows: 119 MB over the 2-row frame before (24.8× the numbers), 71 MB after (14.7×).
        let rows = 200_000
        let folder = try TemporaryFolder()
        var csv = "x1,x2,label\n"
        csv.reserveCapacity(rows * 20)
        for i in 0..<rows { csv += "\(Double(i % 1201) / 100 - 6),\(Double(i % 977) / 80 - 6),\(i % 2)\n" }
        try folder.write("big.csv", csv)
        try folder.write("small.csv", "x1,x2,label\n1,2,0\n3,4,1\n")
        try folder.write("big.toml", CheckMemoryTests.scenario("big.csv"))
        try folder.write("small.toml", CheckMemoryTests.scenario("small.csv"))
        let frame = ["--step", "0", "--size", "120x40"]
        let small = try #require(try Self.peak(["frame", "small.toml"] + frame, in: folder, name: "small"))
        let big = try #require(try Self.peak(["frame", "big.toml"] + frame, in: folder, name: "big"))
        let numbers = rows * 3 * 8
        #expect(big - small <= 18 * numbers, "the first frame of \(rows) rows took \(big - small) bytes more than of 2 rows; the numbers are \(numbers)")
    }
}
