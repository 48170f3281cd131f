/// A value read from a TOML file, with the byte offset where it starts (for messages).
public struct TOMLValue {
    /// What kind of TOML value this is.
    public enum Kind: Equatable, Sendable {
        case string, int, double, bool, dateTime, array, table
    }

    enum Storage {
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
        /// Kept as written: scenarios have no use for dates, but TOML allows them.
        case dateTime(String)
        case array([TOMLValue])
        case table(TOMLTable)
        /// `[[name]]` sections: appended to as the file goes on.
        case tables(TOMLTableList)
    }

    var storage: Storage
    /// Byte offset in the file of the value's first character.
    public let offset: Int

    public var type: Kind {
        switch storage {
        case .string: .string
        case .integer: .int
        case .float: .double
        case .boolean: .bool
        case .dateTime: .dateTime
        case .array, .tables: .array
        case .table: .table
        }
    }

    public var string: String? { if case .string(let s) = storage { s } else { nil } }
    public var int: Int? { if case .integer(let i) = storage { i } else { nil } }
    /// A float, or an integer widened (as TOML readers usually offer it).
    public var double: Double? {
        switch storage {
        case .float(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }
    public var bool: Bool? { if case .boolean(let b) = storage { b } else { nil } }
    public var table: TOMLTable? { if case .table(let t) = storage { t } else { nil } }
    /// The `index`-th table of a `[[name]]` list (or of a list of inline tables), without
    /// building the whole list: positions of many notes are looked up one by one.
    func table(at index: Int) -> TOMLTable? {
        switch storage {
        case .tables(let list): list.tables.indices.contains(index) ? list.tables[index] : nil
        case .array(let a): a.indices.contains(index) ? a[index].table : nil
        default: nil
        }
    }

    public var array: [TOMLValue]? {
        switch storage {
        case .array(let a): a
        case .tables(let list): list.tables.map { TOMLValue(storage: .table($0), offset: $0.offset) }
        default: nil
        }
    }
}

/// A TOML table: keys in the order the file gives them.
public final class TOMLTable {
    /// How a table came to be, which decides what may still be added to it (TOML 1.0's rules).
    enum Origin {
        case root
        /// Named on the way to another table (`[a.b]` makes `a`); may still get its own header.
        case implicit
        /// Has its own `[header]` (or is one `[[header]]` entry).
        case header
        /// Made by a dotted key (`a.b = 1` makes `a`).
        case dotted
        /// `{ … }`: closed once written.
        case inline
    }

    public private(set) var keys: [String] = []
    private var entries: [String: TOMLValue] = [:]
    private var keyOffsets: [String: Int] = [:]
    var origin: Origin
    /// Byte offset of the header (or of the first key that made it).
    public let offset: Int

    public convenience init() { self.init(origin: .root, offset: 0) }

    init(origin: Origin, offset: Int) {
        self.origin = origin
        self.offset = offset
    }

    public subscript(key: String) -> TOMLValue? { entries[key] }

    /// Byte offset of where `key` is written in this table.
    public func offset(ofKey key: String) -> Int? { keyOffsets[key] }

    public var isEmpty: Bool { keys.isEmpty }

    func insert(_ key: String, _ value: TOMLValue, keyOffset: Int) {
        keys.append(key)
        entries[key] = value
        keyOffsets[key] = keyOffset
    }
}

/// The tables of one `[[name]]`, shared so a later header can append to it.
final class TOMLTableList {
    var tables: [TOMLTable] = []
}
