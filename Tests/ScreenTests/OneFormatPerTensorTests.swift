import Scenario
import Testing
import TextCanvas
@testable import Screen

/// One tensor is written alike wherever it shows in short: the graph's box and the params table
/// write W1's entries with the same digits (xor at 120×40 read `[-0.73 0.695 …]` in the box and
/// `[-0.731 0.6949 …]` in the table); a box shows fewer entries, never other ones.
struct OneFormatPerTensorTests {
    /// The entries of a tensor text (`[-0.731 0.695 …]` over one or more rows), as written.
    static func entries(_ text: String) -> [String] {
        text.split(whereSeparator: { " []…".contains($0) }).map(String.init).filter { Double($0) != nil }
    }

    /// A box's tensor after `label` (`= ` or `grad `): the text from its first row to the `]`. The
    /// box is found by its title, in a title row (`│ W1 `) or in its top border (`┌ W1 ─`).
    static func boxTensor(_ lines: [[Character]], name: String, label: String) -> String? {
        let heads = [Array("│ \(name) "), Array("┌ \(name) ")]
        for (i, line) in lines.enumerated() where i + 1 < lines.count {
            for c in line.indices where heads.contains(where: { c + $0.count <= line.count && Array(line[c..<c + $0.count]) == $0 }) {
                // The box's later rows, from its left border to the next border.
                var text = "", started = false
                for row in lines[(i + 1)...].prefix(6) {
                    guard c < row.count, row[c] == "│" else { break }
                    // Up to the right border, or the tee where an arrow leaves the box.
                    let inside = String(row[(c + 1)...].prefix { !"│├┤".contains($0) }).trimmingCharacters(in: .whitespaces)
                    if !started {
                        guard inside.hasPrefix(label + "[") else { continue }
                        started = true
                        text = String(inside.dropFirst(label.count))
                    } else {
                        text += " " + inside
                    }
                    if text.contains("]") { return text }
                }
            }
        }
        return nil
    }

    /// The params table's row for `name`: its value and grad columns' tensors.
    static func tableTensors(_ lines: [String], name: String) -> [String] {
        guard let row = lines.first(where: { $0.contains("│ \(name)  ") && $0.contains("×") && !$0.contains("├") }) else { return [] }
        return row.split(separator: "]", omittingEmptySubsequences: false).dropLast().compactMap { part in
            part.range(of: "[", options: .backwards).map { String(part[$0.lowerBound...]) + "]" }
        }
    }

    @Test(arguments: [("xor", 120, 40, 30), ("xor", 160, 45, 34), ("activation", 160, 45, 20)])
    func theGraphsBoxesWriteAParamsEntriesAsTheTableDoes(_ name: String, _ width: Int, _ height: Int, _ event: Int) throws {
        var state = try makeState(name, width: width, height: height)
        state.seek(to: event)
        let text = state.screenText
        let lines = text.split(separator: "\n").map(String.init)
        let chars = lines.map(Array.init)
        var compared = 0
        for param in state.timeline.scenario.parameters.map(\.name) {
            let table = Self.tableTensors(lines, name: param)
            guard let value = table.first, let box = Self.boxTensor(chars, name: param, label: "= ") else { continue }
            let (inBox, inTable) = (Self.entries(box), Self.entries(value))
            // A box too narrow for one entry writes the shape: nothing to compare.
            guard !inBox.isEmpty, !inTable.isEmpty else { continue }
            let shorter = min(inBox.count, inTable.count)
            #expect(Array(inBox.prefix(shorter)) == Array(inTable.prefix(shorter)), "\(name) \(param): box \(box), table \(value)\n\(text)")
            compared += 1
        }
        #expect(compared >= 1, "\(text)")
    }

    /// The entries of one tensor share one form in short texts as in the grids: `0.0169 0.0434 0.120`
    /// (one count of decimals), `3e-05 -2e-05` (scientific for all); whole numbers as Python writes them.
    @Test func aTensorsShortTextHasOneForm() {
        #expect(TensorText.entries([0.0169, 0.0434, 0.12, 0.5, -0.25], width: 40) == "[0.017 0.043 0.120 0.500 -0.250]")
        #expect(TensorText.entries([-0.7313, 0.6949, 0.1], width: 22) == "[-0.731 0.695 0.100]")
        #expect(TensorText.entries([3e-5, -2e-5, 0.5], width: 26) == "[3.0e-05 -2.0e-05 5.0e-01]")
        // Scientific in two digits, not one (digits' z1 read `[1e+00 -7e+00 …]`).
        #expect(TensorText.entries([1.2734, -7.0213, 13.2234, 0.0011], width: 20) == "[1.3e+00 -7.0e+00 …]")
        #expect(TensorText.entries([0, 1, 1, 0], width: 22) == "[0.0 1.0 1.0 0.0]")
        // A narrower place shows fewer of the same entries, never others.
        #expect(TensorText.entries([-0.7313, 0.6949, 0.1], width: 14) == "[-0.731 …]")
        #expect(TensorText.entries([-0.7313, 0.6949, 0.1], width: 9) == nil)
    }
}
