/// The functions a model expression may call by name: the built-in table's function rows, and
/// any row added to it (`adding`). The expression parser and the scenario loader are given one;
/// everything after them reads the op's row, so an added row is parsed, trained, drawn and
/// exported as the built-in ones are.
public struct FunctionTable: Sendable {
    /// The functions, in the table's order (the order messages list them in).
    public private(set) var functions: [Op]

    /// The built-in functions, in the order of `Op.all`.
    public static let standard = FunctionTable(functions: Op.all.filter { $0.name != nil })

    /// The op a model expression calls `name`, if there is one.
    public func function(named name: String) -> Op? { functions.first { $0.name == name } }

    /// The table with `row` as one more function, callable by its name; a row without a name, or
    /// with a name the table already has, leaves the table as it is (nil).
    public func adding(_ row: OpRow) -> FunctionTable? {
        guard let name = row.name, function(named: name) == nil else { return nil }
        var table = self
        table.functions.append(.added(row))
        return table
    }
}
