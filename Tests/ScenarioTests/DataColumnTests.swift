import Autograd
import Foundation
import Testing
import TestSupport
@testable import Scenario

/// The data a scenario trains on is one flat array of numbers per column: a CSV of N rows costs
/// N × width doubles and nothing per row; batches, samples and texts are read from it.
struct DataColumnTests {
    @Test func aCSVIsStoredAsItsNumbersAndNothingPerRow() throws {
        let rows = 5000
        var csv = "x1,x2,label\n"
        for i in 0..<rows { csv += "\(i).5,\(-i),\(i % 2)\n" }
        let dir = try TestFolder.make("store", files: ["scenario.toml": TestScenarios.logistic(), "points.csv": csv])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try ScenarioLoader.load(path: dir + "/scenario.toml")
        #expect(s.data.map(\.name) == ["x", "y"])
        #expect(s.data.map(\.storedBytes) == [rows * 2 * 8, rows * 8])
        #expect(s.data.map(\.count) == [rows, rows])
        #expect(Array(s.data[0].sample(4321)) == [4321.5, -4321])
        #expect(s.data[1].value(4321) == 1)
    }

    @Test func aBatchStacksSamplesAsColumns() throws {
        var x = DataColumn(name: "x", vectorLength: 2)
        for pair in [[1.0, 2], [3, 4], [5, 6]] { x.append(pair) }
        #expect(x.count == 3 && x.width == 2)
        #expect(x.batch(0..<3).values == [1, 3, 5, 2, 4, 6] && x.batch(0..<3).shape == .matrix(2, 3))
        #expect(x.batch(1..<3).values == [3, 5, 4, 6] && x.batch(1..<3).shape == .matrix(2, 2))
        #expect(x.batch(1..<2).values == [3, 4] && x.batch(1..<2).shape == .vector(2))
        var y = DataColumn(name: "y", vectorLength: nil)
        for v in [7.0, 8, 9] { y.append([v]) }
        #expect(y.batch(2..<3).values == [9] && y.batch(2..<3).shape == .scalar)
        #expect(y.batch(0..<2).values == [7, 8] && y.batch(0..<2).shape == .matrix(1, 2))
        #expect(y.batch(1..<1).values.isEmpty)
        var reused: [Double] = [0]
        #expect(x.appendBatch(0..<2, to: &reused) == .matrix(2, 2) && reused == [0, 1, 3, 2, 4])
    }

    @Test func samplesPrintAsWrittenAfterASplit() throws {
        let text = TestScenarios.logistic(data: "x = [[4, 2.5], [1, 1.0], [3, 0.25]]\ny = [1, 0.0, 1]\ntest_fraction = 0.34")
        let s = try ScenarioLoader.load(bytes: Array(text.utf8), file: "inline.toml")
        #expect((0..<2).map(s.data[0].text(ofSample:)) == ["[4, 2.5]", "[1, 1.0]"])
        #expect((0..<2).map(s.data[1].text(ofSample:)) == ["1", "0.0"])
        #expect(s.test.map { $0.text(ofSample: 0) } == ["[3, 0.25]", "1"])
        #expect(s.test[0].storedBytes == 2 * 8)
    }
}

extension DataColumn {
    /// Every sample's numbers (for tests: the store itself keeps no array per sample).
    var rows: [[Double]] { (0..<count).map { Array(sample($0)) } }
}
