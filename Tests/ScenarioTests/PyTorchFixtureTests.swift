import Foundation
import Testing
@testable import Scenario

/// Every shipped scenario against what real PyTorch printed for it (references/NAME.py made the
/// fixtures): byte for byte where the model is scalar, loss per epoch within 1e-4 relative otherwise.
struct PyTorchFixtureTests {
    static let scalarScenarios = ["linear", "linear-bias", "quadratic", "chain-rule", "diverge", "two-paths"]
    static let tensorScenarios = ["logistic", "collapse", "activation", "momentum", "adam", "xor", "deep193", "gauss", "circle", "spiral", "digits",
                                  "overfit", "sine", "l1-l2", "circle-features"]

    @Test(arguments: scalarScenarios)
    func scalarTranscriptEqualsPyTorch(_ name: String) throws {
        let scenario = try Builtins.load(name)
        #expect(try train(scenario) == fixture("\(name).transcript"))
    }

    @Test func lecturesHomeworkQuadraticEqualsPyTorch() throws {
        let scenario = try Builtins.load("quadratic")
        #expect(scenario.program.parameters == ["w1", "w2", "b"])
        #expect(try train(scenario) == fixture("quadratic.transcript"))
    }

    /// docs/exactness.md says up to which epoch each tensor scenario's loss stays within 1e-4 of
    /// PyTorch's (references/exactness_horizon.py measures it); this holds every row to the code.
    @Test(arguments: tensorScenarios)
    func lossAgreesWithPyTorchUpToItsDocumentedHorizon(_ name: String) throws {
        let documented = try #require(try ExactnessTable.horizons()[name],
                                      "docs/exactness.md has no row for \(name): run python3 references/exactness_horizon.py \(name) and add it")
        let scenario = try Builtins.load(name)
        let ours = ExactnessTable.losses(try train(scenario, .csv)), theirs = ExactnessTable.losses(try fixture("\(name).csv"))
        #expect(ours.count == theirs.count)
        let measured = ExactnessTable.horizon(ours, theirs)
        #expect(measured == documented, "\(name) agrees through \(measured), docs/exactness.md says \(documented): run references/exactness_horizon.py")
    }

    /// README says the same as the table, in one sentence: every scenario that leaves the band is
    /// named there with its horizon and its run's length, and no other.
    @Test func readmeNamesEveryHorizonTheTableHas() throws {
        let readme = try ExactnessTable.file("README.md").replacingOccurrences(of: "\n", with: " ")
        for (name, horizon) in try ExactnessTable.horizons() where Self.tensorScenarios.contains(name) {
            let epochs = try Builtins.load(name).train.epochs
            switch horizon {
            case .all:
                let namesOne = readme.contains("\(name) through epoch")  // a Bool, so a failure does not print README
                #expect(!namesOne, "README names a horizon for \(name), which agrees all its run")
            case .through(let e):
                let says = readme.contains("\(name) through epoch \(e) of \(epochs)")
                #expect(says, "README should say '\(name) through epoch \(e) of \(epochs)' (docs/exactness.md's row)")
            }
        }
    }

    /// The accuracy columns of a classification scenario (and its held-out samples'): the same
    /// fractions PyTorch counts, epoch by epoch.
    @Test(arguments: ["gauss", "circle", "spiral", "digits", "circle-features"])
    func accuracyPerEpochEqualsPyTorch(_ name: String) throws {
        let scenario = try Builtins.load(name)
        // As far as the loss agrees with PyTorch's (docs/exactness.md).
        let epochs: Int
        switch try #require(try ExactnessTable.horizons()[name]) {
        case .all: epochs = scenario.train.epochs
        case .through(let last): epochs = last + 1
        }
        let ours = try columns(train(scenario, .csv, epochs: epochs)), theirs = try columns(fixture("\(name).csv"))
        #expect(ours.keys.sorted() == theirs.keys.sorted())
        for key in ["accuracy", "test_accuracy"] where theirs[key] != nil || key == "accuracy" {
            #expect(ours[key] != nil && ours[key] == theirs[key].map { Array($0.prefix(epochs)) }, "\(name) \(key)")
        }
    }

    /// The held-out samples' loss after each epoch, as PyTorch computes it under torch.no_grad().
    @Test(arguments: ["overfit", "circle-features"])
    func testLossPerEpochWithin1e4OfPyTorch(_ name: String) throws {
        let scenario = try Builtins.load(name)
        let ours = try #require(columns(train(scenario, .csv))["test_loss"]), theirs = try #require(columns(fixture("\(name).csv"))["test_loss"])
        #expect(ours.count == scenario.train.epochs && ours.count == theirs.count)
        for (epoch, (a, b)) in zip(ours, theirs).enumerated() {
            let x = Double(a) ?? .nan, y = Double(b) ?? .nan
            #expect(abs(x - y) <= 1e-4 * abs(y), "\(name) epoch \(epoch): ours \(x), PyTorch \(y)")
            if abs(x - y) > 1e-4 * abs(y) { break }
        }
    }

    /// A CSV's columns by their header's names.
    func columns(_ csv: String) -> [String: [Substring]] {
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let header = rows.first else { return [:] }
        var result: [String: [Substring]] = [:]
        for (i, name) in header.enumerated() { result[String(name)] = rows.dropFirst().map { i < $0.count ? $0[i] : "" } }
        return result
    }

    @Test func everyShippedScenarioTrainsToASensibleLoss() throws {
        // The loss each should reach by its last epoch (PyTorch reaches the same, see the fixtures).
        let targets: [String: Double] = [
            "linear": 1e-6, "linear-bias": 1e-3, "quadratic": 0.05, "chain-rule": 0.1, "logistic": 0.3,
            "collapse": 0.26, "activation": 0.01, "momentum": 0.01, "adam": 0.01, "xor": 0.05, "deep193": 0.05,
            "gauss": 0.05, "circle": 0.05, "spiral": 0.2, "digits": 0.3,
            "overfit": 0.05, "sine": 0.001, "l1-l2": 1.5, "circle-features": 0.05, "two-paths": 1e-6,
        ]
        for name in Builtins.names where name != "diverge" {
            let scenario = try Builtins.load(name)
            let csv = try train(scenario, .csv).split(separator: "\n")
            let first = Double(csv[1].split(separator: ",")[1]) ?? .nan
            let last = Double(csv.last?.split(separator: ",")[1] ?? "") ?? .nan
            let target = try #require(targets[name], "no target for shipped scenario \(name)")
            #expect(last < target, "\(name) ends at \(last)")
            #expect(last < first, "\(name) does not learn: \(first) → \(last)")
            if csv.first == "epoch,loss,accuracy" {
                let accuracy = Double(csv.last?.split(separator: ",")[2] ?? "") ?? 0
                #expect(accuracy >= 0.9, "\(name) ends at accuracy \(accuracy)")
            }
        }
    }
}

/// docs/exactness.md's table: how long each tensor scenario agrees with PyTorch.
enum ExactnessTable {
    enum Horizon: Equatable, CustomStringConvertible {
        /// Every epoch of the run within 1e-4.
        case all
        /// Epochs 0 through this one within 1e-4, the next not.
        case through(Int)

        var description: String {
            switch self {
            case .all: return "all"
            case .through(let e): return "epoch \(e)"
            }
        }
    }

    /// The band is relative: |ours − PyTorch's| ≤ 1e-4 · |PyTorch's|; nan on both sides agrees.
    static func horizon(_ ours: [Double], _ theirs: [Double]) -> Horizon {
        for (epoch, (x, y)) in zip(ours, theirs).enumerated() where !(x.isNaN && y.isNaN) && !(abs(x - y) <= 1e-4 * abs(y)) {
            return .through(epoch - 1)
        }
        return .all
    }

    static func losses(_ csv: String) -> [Double] {
        csv.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1]) ?? .nan }
    }

    /// Scenario name → its row's horizon, read from the file beside the sources.
    static func horizons() throws -> [String: Horizon] {
        let text = try file("docs/exactness.md")
        var rows: [String: Horizon] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            if cells[2] == "all" { rows[cells[0]] = .all } else if let e = Int(cells[2]) { rows[cells[0]] = .through(e) }
        }
        return rows
    }

    /// A file of the project, by its path from the package's root.
    static func file(_ path: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}
