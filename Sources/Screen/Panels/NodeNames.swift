import Autograd
import Scenario

/// Short text for a tensor: a number, or the shape and the first few values.
public enum TensorText {
    public static func describe(_ values: [Double], _ shape: Shape, width: Int = 22) -> String {
        if shape.count == 1 { return NumberFormat.short(values.first ?? .nan) }
        var text = "\(shape.rows)×\(shape.cols) ["
        for (i, v) in values.enumerated() {
            let item = NumberFormat.compact(v, maxWidth: 6)
            if text.count + item.count + 3 > width {
                text += "…"
                break
            }
            text += (i > 0 ? " " : "") + item
        }
        return text + (text.hasSuffix("…") ? "]" : "]")
    }
}
