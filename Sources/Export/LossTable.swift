import Foundation
import Scenario

/// Loss per epoch as CSV (`epoch,loss,w`): the loss `backprop train --format csv` prints, the
/// held-out samples' loss where the scenario has them (`test_loss`), and each scalar param's value after the epoch.
public enum LossTable {
    public static func csv(_ scenario: Scenario, epochs: Int? = nil) throws -> String {
        var all = ""
        try csv(scenario, epochs: epochs) { all += $0 }
        return all
    }

    /// The same table sent to `emit` in chunks as training goes: a billion epochs stream out
    /// instead of piling up in memory.
    public static func csv(_ scenario: Scenario, epochs: Int?, emit: (String) throws -> Void) throws {
        let trainer = Trainer(scenario: scenario)
        let scalars = trainer.runner.parameters.enumerated().filter { $0.element.shape.count == 1 }
        let names = scalars.map { scenario.program.parameters[$0.offset] }
        let heldOut = HeldOutEvaluator(scenario: scenario)
        var out = (["epoch", "loss"] + (heldOut == nil ? [] : ["test_loss"]) + names).map(field).joined(separator: ",") + "\n"
        try trainer.train(epochs: epochs ?? scenario.train.epochs, afterBackward: { _, _ in }, afterEpoch: { epoch, _, meanLoss in
            out += "\(epoch),\(NumberFormat.python(meanLoss))"
            if let heldOut { out += "," + NumberFormat.python(try heldOut.measure(parameters: trainer.runner.parameters.map(\.value)).loss) }
            for (_, p) in scalars { out += "," + NumberFormat.python(p.item) }
            out += "\n"
            if out.utf8.count >= 1 << 16 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        })
        try emit(out)
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
