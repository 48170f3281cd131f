/// Lists and tensors printed as Python prints them (`[1.0, -2.5]`), numbers by `NumberFormat.python`.
extension NumberFormat {
    /// A Python list of floats: `[1.0, -2.5]`.
    public static func pythonList(_ values: some Sequence<Double>) -> String {
        "[" + values.map(python).joined(with: ", ") + "]"
    }
}
