import Scenario

/// One way of writing every entry of one grid, as PyTorch prints a tensor: positional with one
/// count of decimals (`-1.390 -0.195`, chosen so the largest |value| has four significant digits),
/// or scientific for all (`-2.1e-05 3.4e-02`) when an entry is below 1e-4 or the largest is more
/// than 1000 times the smallest (PyTorch's own rule); whole numbers with one (`0.0 1.0`). Never `-0.436` beside `0.4356`, nor
/// `-2e-04` beside `0.0003`; a non-zero entry never reads as zero.
struct GridFormat: Equatable {
    enum Form: Equatable { case positional, scientific }
    var form: Form
    /// Digits after the point (of the mantissa, in the scientific form).
    var decimals: Int
    /// Columns of the widest entry.
    var width: Int

    /// The most digits the largest entry gets.
    static let significantDigits = 4

    /// The form for `values` in entries of at most `maxWidth` columns, with as many digits as fit
    /// (down to one); nil when not even that fits.
    init?(_ values: [Double], maxWidth: Int) {
        let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map(\.magnitude)
        let others = values.filter { !$0.isFinite }.map { NumberFormat.short($0).count }.max() ?? 0
        guard let largest = magnitudes.max(), let smallest = magnitudes.min() else {
            // Zeros (and nan, inf): `0.0` as Python writes it.
            self.init(form: .positional, decimals: 1, width: max(values.contains(0) ? 3 : 0, others))
            if width > maxWidth { return nil }
            return
        }
        let digits = Self.significantDigits
        let extremes = Self.extremes(values)
        // Whole numbers (data of 0 and 1, counts) as Python writes a float: `0.0 1.0`, not `0.000 1.000`.
        if largest < 1e8, values.allSatisfy({ !$0.isFinite || $0 == $0.rounded() }) {
            let width = Self.width(extremes, .positional, 1, others)
            if width <= maxWidth {
                self.init(form: .positional, decimals: 1, width: width)
                return
            }
        }
        let top = NumberFormat.exponent(largest, significantDigits: digits) ?? 0
        let scientific = smallest < 1e-4 || largest / smallest > 1000
        if !scientific {
            // Decimals for the largest's four digits, at least enough that the smallest shows a digit.
            let least = max(0, -(NumberFormat.exponent(smallest, significantDigits: 1) ?? 0))
            var decimals = max(digits - 1 - top, least, top < digits - 1 ? 1 : 0)
            while decimals >= least {
                let width = Self.width(extremes, .positional, decimals, others)
                if width <= maxWidth {
                    self.init(form: .positional, decimals: decimals, width: width)
                    return
                }
                decimals -= 1
            }
        }
        for decimals in stride(from: digits - 1, through: 0, by: -1) {
            let width = Self.width(extremes, .scientific, decimals, others)
            if width <= maxWidth {
                self.init(form: .scientific, decimals: decimals, width: width)
                return
            }
        }
        return nil
    }

    init(form: Form, decimals: Int, width: Int) {
        self.form = form
        self.decimals = decimals
        self.width = width
    }

    /// Columns of the widest finite entry in `form`: one of the extremes of each sign (an entry's
    /// width grows with its magnitude, and in the scientific form with its exponent's), or `others`.
    private static func width(_ extremes: [Double], _ form: Form, _ decimals: Int, _ others: Int) -> Int {
        let format = GridFormat(form: form, decimals: decimals, width: 0)
        return extremes.map { format.text($0).count }.reduce(others, max)
    }

    /// The largest and the smallest entry of each sign: the entries whose text is the widest.
    private static func extremes(_ values: [Double]) -> [Double] {
        var result: [Double] = []
        for sign in [1.0, -1.0] {
            let same = values.filter { $0.isFinite && $0 != 0 && ($0 > 0) == (sign > 0) }
            if let high = same.max(by: { $0.magnitude < $1.magnitude }), let low = same.min(by: { $0.magnitude < $1.magnitude }) {
                result += [high, low]
            }
        }
        if values.contains(0) { result.append(0) }
        return result
    }

    /// `value` in this grid's form.
    func text(_ value: Double) -> String {
        guard value.isFinite else { return NumberFormat.short(value) }
        switch form {
        case .positional: return NumberFormat.fixed(value, decimals: decimals)
        case .scientific: return NumberFormat.scientific(value, decimals: decimals)
        }
    }
}
