import Scenario
import Screen

/// Scenarios and graphs made up for timing.
enum BenchScenarios {
    /// The MLP whose cost `bench` follows across widths (references/bench_pytorch.py builds the same):
    /// 64 samples of W-vectors, `h = relu(W1 @ x)`, `y_pred = W2 @ h`, mean squared error, full batch, SGD.
    static func mlp(width: Int) throws -> Scenario {
        try ScenarioLoader.load(bytes: Array(mlpText(width: width).utf8), file: "mlp\(width).toml")
    }

    /// The MLP's scenario file. `compact`: numbers to three decimals without spaces between them, so
    /// two 1024×1024 layers fit the 16 MB a scenario file may have (the `check` row loads it so).
    static func mlpText(width: Int, compact: Bool = false) -> String {
        var seed: UInt64 = UInt64(width)
        let decimals = compact ? 1_000.0 : 10_000.0
        func next(_ scale: Double) -> String {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(seed >> 11) / Double(1 << 53) * 2 - 1
            return String(Double(Int(clamping: (unit * scale * decimals).rounded(), to: -(1 << 50)...(1 << 50))) / decimals)
        }
        func matrix(_ rows: Int, _ cols: Int, scale: Double = 1) -> String {
            "[" + (0..<rows).map { _ in "[" + (0..<cols).map { _ in next(scale) }.joined(separator: compact ? "," : ", ") + "]" }.joined(separator: ",\n") + "]"
        }
        let scale = 1 / Double(width).squareRoot()
        return """
            title = "MLP of width \(width)"
            [data]
            x = \(matrix(64, width))
            y = \(matrix(64, width))
            [params]
            W1 = \(matrix(width, width, scale: scale))
            W2 = \(matrix(width, width, scale: scale))
            [model]
            forward = ["h = relu(W1 @ x)", "y_pred = W2 @ h"]
            loss = "(y_pred - y)^2"
            [train]
            epochs = 10
            lr = 0.01
            batch_size = "all"
            """
    }

    /// A deep chain of ops, each with its own param, for timing the layout.
    static func chain(nodes: Int) -> GraphPicture {
        var boxes: [GraphBox] = []
        var arrows: [GraphArrow] = []
        var previous = 0
        boxes.append(GraphBox(id: 0, title: "x", lines: ["= 1.0"], kind: .input))
        var id = 1
        while id + 1 < nodes {
            boxes.append(GraphBox(id: id, title: "W\(id)", lines: ["= 0.5"], kind: .param))
            boxes.append(GraphBox(id: id + 1, title: "MM", lines: ["= 0.25"], kind: .op))
            arrows.append(GraphArrow(from: previous, to: id + 1))
            arrows.append(GraphArrow(from: id, to: id + 1))
            if id > 4 { arrows.append(GraphArrow(from: id - 3, to: id + 1)) }
            previous = id + 1
            id += 2
        }
        return GraphPicture(nodes: boxes, edges: arrows)
    }
}
