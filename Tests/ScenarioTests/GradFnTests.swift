import Autograd
import Testing
@testable import Scenario

/// The names backward steps carry are PyTorch's grad_fn classes, node by node, as
/// `print(z.grad_fn)` shows them on the exported script's tensors.
struct GradFnTests {
    @Test func xorsNodesCarryPyTorchsGradFnNames() throws {
        let scenario = try Builtins.load("xor")
        let record = try Trainer(scenario: scenario).recordedStep(batch: 0, epoch: 0, step: 0)
        let names = record.nodes.indices.compactMap(record.gradFn)
        #expect(names.filter { $0 == "AccumulateGrad" }.count == 4, "W1, b1, W2, b2")
        #expect(names.filter { $0 == "MmBackward0" }.count == 2)
        #expect(names.filter { $0 == "SigmoidBackward0" }.count == 2)
        // 1 - y and 1 - y_pred: a Python number minus a tensor.
        #expect(names.filter { $0 == "RsubBackward1" }.count == 2, "\(names)")
        #expect(names.last == "MeanBackward0", "the BCE averaged over the batch")
        let inputs = record.nodes.indices.filter { record.nodes[$0].op == .input }
        #expect(inputs.allSatisfy { record.gradFn($0) == nil }, "data has no grad_fn")
    }
}
