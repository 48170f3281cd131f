import Foundation

/// Scenario texts more than one test target trains, exports or breaks on purpose: one copy each,
/// so the fixture tests and the export tests cannot drift apart.
public enum TestScenarios {
    /// Three classes from one input, batches of `batchSize` of 10 samples (references/classify.py
    /// trains the same in PyTorch): `loss` decides cross_entropy, softmax or anything else.
    public static func classification(loss: String, y: String, batchSize: Int = 4, dtype: String) -> String {
        """
        [data]
        x = [0.5, -1.0, 2.0, 1.5, -0.5, 3.0, -2.0, 0.0, 1.0, 2.5]
        y = \(y)
        [params]
        w = [0.5, -0.25, 1.0]
        b = [0.0, 0.1, -0.1]
        [model]
        forward = "w * x + b"
        loss = "\(loss)"
        [train]
        epochs = 25
        lr = 0.5
        batch_size = \(batchSize)
        dtype = "\(dtype)"
        [predict]
        x = [1.25]
        """
    }

    /// The class of each of the 10 samples, and the same as one-hot rows.
    public static let labels = "[1, 0, 2, 2, 0, 2, 0, 1, 1, 2]"
    public static let oneHot = "[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]"

    /// Logistic regression on two inputs, its `[data]` lines given whole (a CSV file or lists).
    /// Lines keep their places whatever the options, so messages keep their line numbers.
    public static func logistic(data: String = csvData, epochs: Int = 2, batchSize: Int? = nil, predict: String? = nil) -> String {
        var text = """
            title = "from a CSV"
            [data]
            \(data)
            [params]
            w = [[0.1, 0.2]]
            b = 0.0
            [model]
            forward = "sigmoid(w @ x + b)"
            loss = "-(y * log(y_pred) + (1 - y) * log(1 - y_pred))"
            [train]
            epochs = \(epochs)
            lr = 0.1
            """
        if let batchSize { text += "\nbatch_size = \(batchSize)" }
        if let predict { text += "\n[predict]\nx = \(predict)" }
        return text
    }

    /// The lecture's script as a scenario: three points, y = x·w from w = 1.0, the squared error, and
    /// `train`'s lines under `[train]` (`title` first when given). Lines keep their places: with a
    /// title, `forward` is line 8.
    public static func lecture(title: String? = nil, train: String = "epochs = 3") -> String {
        (title.map { "title = \"\($0)\"\n" } ?? "") + """
            [data]
            x = [1.0, 2.0, 3.0]
            y = [2.0, 4.0, 6.0]
            [params]
            w = 1.0
            [model]
            forward = "x * w"
            loss = "(y_pred - y)^2"
            [train]
            \(train)
            """
    }

    /// `[data]` read from points.csv: columns x1 and x2 as the input, label as the target.
    public static let csvData = "file = \"points.csv\"\nx = [\"x1\", \"x2\"]\ny = \"label\""
}

extension TestScenarios {
    /// The optimizers references/weight_decay.py trains, each with its `[train]` lines.
    public static let weightDecaySettings: [(name: String, train: String)] = [
        ("sgd", "lr = 0.02\noptimizer = \"sgd\"\nweight_decay = 0.1"),
        ("momentum", "lr = 0.01\noptimizer = \"sgd\"\nmomentum = 0.9\nweight_decay = 0.05"),
        ("momentum-only", "lr = 0.01\noptimizer = \"sgd\"\nmomentum = 0.9"),
        ("adam", "lr = 0.1\noptimizer = \"adam\"\nweight_decay = 0.2"),
        ("adamw", "lr = 0.1\noptimizer = \"adamw\"\nweight_decay = 0.3"),
        ("adamw-default", "lr = 0.1\noptimizer = \"adamw\""),
    ]

    /// The line with a bias on four points, trained 30 epochs by `train`'s optimizer (one of `weightDecaySettings`).
    public static func weightDecay(_ train: String) -> String {
        """
        [data]
        x = [1.0, 2.0, 3.0, 4.0]
        y = [3.0, 5.0, 7.0, 9.0]
        [params]
        w = 1.0
        b = 0.0
        [model]
        forward = "x * w + b"
        loss = "(y_pred - y)^2"
        [train]
        epochs = 30
        \(train)
        [predict]
        x = [5.0]
        """
    }
}

/// A fresh folder in the temporary directory holding files (a scenario and the CSV beside it).
public enum TestFolder {
    public static func make(_ prefix: String, files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }
}
