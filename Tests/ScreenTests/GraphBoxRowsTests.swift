import Autograd
import Foundation
import Scenario
import Testing
import TextCanvas
@testable import Screen

/// Where the graph panel has rows to spare, a box's tensor runs on over more rows and shows more
/// entries (activation at 160×45 showed one entry a box above empty rows).
struct GraphBoxRowsTests {
    /// The numbers of `text` in order (`[0.1`, `-0.3`, `…]` and labels skipped).
    func numbers(_ text: String) -> [Double] { tokens(text).map(\.value) }

    /// Each number with half a unit of its last written digit: how far rounding may have moved it.
    func tokens(_ text: String) -> [(value: Double, halfUnit: Double)] {
        text.split(whereSeparator: { $0 == " " || $0 == "[" || $0 == "]" }).compactMap { token in
            guard let value = Double(token) else { return nil }
            let parts = token.split(separator: "e")
            let mantissa = parts.first ?? token[...]
            let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
            let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            return (value, 0.5 * pow(10, Double(exponent - decimals)))
        }
    }

    @Test func aTensorRunsOnOverTheRowsItIsGiven() {
        let values = [-0.348, -0.306, 0.125, 0.5]
        let shape = Shape(rows: 1, cols: 4)
        // One row of eight columns: no entry in the tensor's form fits, so its shape.
        #expect(TensorText.valueRows(values, shape, firstWidth: 8, width: 10, rows: 1) == ["1×4"])
        // Two rows: two entries in three digits; four: every entry, closed.
        #expect(TensorText.valueRows(values, shape, firstWidth: 8, width: 10, rows: 2) == ["[-0.348", " -0.306 …]"])
        #expect(TensorText.valueRows(values, shape, firstWidth: 8, width: 10, rows: 4) == ["[-0.348", " -0.306", " 0.125", " 0.500]"])
        // A tensor one row already shows whole stays one row.
        #expect(TensorText.valueRows(values, shape, firstWidth: 40, width: 40, rows: 3) == ["[-0.348 -0.306 0.125 0.500]"])
        // A number is one row whatever the room.
        #expect(TensorText.valueRows([2.5], Shape(rows: 1, cols: 1), firstWidth: 8, width: 10, rows: 3) == ["2.5"])
    }

    /// Every row within its width, the entries a prefix of the tensor (each within its rounding),
    /// an ellipsis exactly when some are left out, and never a cut number.
    @Test func rowsNeverExceedTheirWidthAndReadAsTheTensor() {
        let tensors: [[Double]] = [
            (0..<12).map { Double($0) * 0.0731 - 0.4 },
            [-2e-5, 3e-5, 9.094947017729282e-13, 123456.0, -0.002, 0.6966],
            [0, -0.0, 1, -1, 0.5, 1e30, -7.84],
        ]
        for values in tensors {
            let shape = Shape(rows: 1, cols: values.count)
            for width in 3...30 {
                for first in max(1, width - 5)...width {
                    for rows in 1...5 {
                        let laid = TensorText.valueRows(values, shape, firstWidth: first, width: width, rows: rows)
                        #expect(laid.count <= rows)
                        for (i, row) in laid.enumerated() {
                            #expect(row.count <= max(i == 0 ? first : width, 3) || row == "1×\(values.count)", "\(laid) in \(first)/\(width)")
                        }
                        let text = laid.joined(separator: " ")
                        #expect(cutNumbers(in: text).isEmpty, "\(text)")
                        guard laid.count > 1 else { continue }
                        let shown = tokens(text)
                        #expect(shown.count <= values.count)
                        for (v, truth) in zip(shown, values) {
                            #expect(abs(v.value - truth) <= v.halfUnit * 1.0001 + abs(truth) * 1e-6, "\(v) vs \(truth): \(laid)")
                        }
                        #expect(text.hasSuffix("…]") == (shown.count < values.count), "\(laid)")
                    }
                }
            }
        }
    }

    /// activation at 160×45 in backward: every box with a gradient tensor shows at least two of
    /// its entries (one before), in rows the panel had left empty.
    @Test func activationsBoxesShowMoreThanOneEntryAt160x45() throws {
        var state = try makeState("activation", width: 160, height: 45)
        state.seek(to: 20)
        #expect(state.event.phase == .backward)
        let canvas = state.render()
        let (panel, rect) = try #require(state.graphGeometry)
        let view = panel.viewport(in: rect)
        #expect(!view.isClipped)
        #expect(panel.layout.extraRows >= 1, "the layout takes rows the panel has spare")
        var checked = 0
        for box in panel.layout.boxes {
            let r = Rect(x: box.rect.x + view.originX, y: box.rect.y + view.originY, width: box.rect.width, height: box.rect.height)
            let rows = (r.y + 2..<r.maxY - 1).map { y in String((r.x + 1..<r.maxX - 1).map { canvas[$0, y].character }) }
            guard let start = rows.firstIndex(where: { $0.contains("∂ [") }) else { continue }
            let gradient = rows[start...].joined(separator: " ")
            #expect(numbers(gradient).count >= 2, "\(rows)")
            checked += 1
        }
        #expect(checked >= 6, "MM z1, + z2, sigmoid h, MM z3, + y_pred, - z4, ^2 z5 have gradient tensors")
    }
}
