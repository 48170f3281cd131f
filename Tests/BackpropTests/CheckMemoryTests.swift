import Foundation
import Testing

/// `backprop check` of a big full-batch scenario costs about the numbers it reads: it works out
/// the model's shapes without running it (a trial run of a batch of every sample cost each node
/// as many float64 values and grads: seven times the numbers' own memory, 187 MB for 10⁶ rows).
struct CheckMemoryTests {
    static func scenario(_ csv: String) -> String {
        """
        title = "memory"
        [data]
        file = "\(csv)"
        x = ["x1", "x2"]
        y = "label"
        [params]
        W = [[0.1, -0.2]]
        b = [0.0]
        [model]
        forward = "sigmoid(W @ x + b)"
        loss = "(y_pred - y)^2"
        [train]
        epochs = 1
        batch_size = "all"

        """
    }

    /// Peak resident memory of `backprop check FILE` in `folder`, in bytes, as /usr/bin/time reads it.
    static func peakOfCheck(_ file: String, in folder: TemporaryFolder) throws -> Int? {
        let report = folder.url.appendingPathComponent("time-\(file)").path
        guard case .success(let binary) = Backprop.binary else { return nil }
        let run = try Backprop.run(["-f", "%M", "-o", report, binary.path, "check", file], in: folder.url,
                                   executable: URL(fileURLWithPath: "/usr/bin/time"))
        #expect(run.exitCode == 0, "\(run)")
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func checkOfAFullBatchCostsAboutItsNumbers() throws {
        let rows = 200_000
        let folder = try TemporaryFolder()
        var csv = "x1,x2,label\n"
        csv.reserveCapacity(rows * 20)
        for i in 0..<rows { csv += "\(Double(i % 1201) / 100 - 6),\(Double(i % 977) / 80 - 6),\(i % 2)\n" }
        try folder.write("big.csv", csv)
        try folder.write("small.csv", "x1,x2,label\n1,2,0\n3,4,1\n")
        try folder.write("big.toml", Self.scenario("big.csv"))
        try folder.write("small.toml", Self.scenario("small.csv"))
        let small = try #require(try Self.peakOfCheck("small.toml", in: folder))
        let big = try #require(try Self.peakOfCheck("big.toml", in: folder))
        let numbers = rows * 3 * 8
        // The store is the numbers once; reading may hold a column's array twice while it grows.
        #expect(big - small <= 3 * numbers, "check of \(rows) rows took \(big - small) bytes more than of 2 rows; the numbers are \(numbers)")
    }
}
