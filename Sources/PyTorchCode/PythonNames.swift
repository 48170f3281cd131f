import Scenario

/// Python identifiers for a scenario's names: each kept as written unless it is a Python keyword or
/// a name the exported script uses itself (then it gets a trailing underscore).
struct PythonNames {
    var map: [String: String] = [:]

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
    /// What the script itself defines or calls at the top level.
    static let scriptNames: Set<String> = [
        "torch", "dtype", "stack", "forward", "loss", "predict", "optimizer", "l", "epoch", "start",
        "print", "range", "zip", "len", "float", "title", "csv", "math", "rows", "test_rows", "n_train", "features",
        "activation", "step", "group",
    ]

    init(scenario: Scenario) {
        let columns = scenario.data.map(\.name) + scenario.predict.map(\.name)
        var taken = Self.keywords.union(Self.scriptNames)
        for c in columns { taken.insert(c + "_data"); taken.insert(c + "_predict"); taken.insert(c + "_test") }
        let all = columns + scenario.parameters.map(\.name) + scenario.forward.map(\.name) + ["y_pred"]
        var used: Set<String> = []
        for name in all where map[name] == nil {
            var python = name
            while taken.contains(python) || used.contains(python) { python += "_" }
            map[name] = python
            used.insert(python)
        }
    }
}
