import Autograd
import Foundation

/// The optimizer's memory between steps (momentum buffers, Adam's moments) and its update rule,
/// written as PyTorch's single-tensor SGD and Adam compute it, one rounding per tensor op.
public struct OptimizerState: Sendable, Equatable {
    public let optimizer: Optimizer
    public let lr: Double
    /// Per parameter: momentum buffer (sgd) or first moment (adam); empty until the first step.
    public var first: [[Double]]
    /// Per parameter: Adam's second moment.
    public var second: [[Double]]
    public var steps = 0

    public init(optimizer: Optimizer, lr: Double, parameterCount: Int) {
        self.optimizer = optimizer
        self.lr = lr
        first = Array(repeating: [], count: parameterCount)
        second = Array(repeating: [], count: parameterCount)
    }

    /// Updates every parameter of `tape` from its grad, outside the graph.
    public mutating func step(_ tape: Tape) {
        steps += 1
        let d = tape.dtype
        for p in 0..<tape.parameterCount {
            switch optimizer {
            case .sgd(let momentum) where momentum == 0:
                // w.data = w.data - lr * w.grad.data: the product and the difference each rounded.
                let lr = d.round(self.lr)
                tape.withParameter(p) { w, g in
                    for i in 0..<w.count { w[i] = d.round(w[i] - d.round(lr * g[i])) }
                }
            case .sgd(let momentum):
                let m = d.round(momentum), lr = d.round(self.lr)
                var buffer = first[p]
                tape.withParameter(p) { w, g in
                    if buffer.isEmpty {
                        buffer = Array(g)  // the first buffer is a clone of the grad
                    } else {
                        for i in 0..<w.count { buffer[i] = d.round(d.round(buffer[i] * m) + g[i]) }
                    }
                    for i in 0..<w.count { w[i] = d.round(w[i] - d.round(lr * buffer[i])) }
                }
                first[p] = buffer
            case .adam(let beta1, let beta2, let eps):
                var m = first[p], v = second[p]
                let t = Double(steps)
                let stepSize = lr / (1 - Foundation.pow(beta1, t))
                let correction2Sqrt = (1 - Foundation.pow(beta2, t)).squareRoot()
                let w1 = d.round(1 - beta1), b2 = d.round(beta2), w2 = d.round(1 - beta2), e = d.round(eps)
                let negStep = d.round(-stepSize), c2 = d.round(correction2Sqrt)
                tape.withParameter(p) { w, g in
                    if m.isEmpty {
                        m = Array(repeating: 0, count: w.count)
                        v = m
                    }
                    for i in 0..<w.count {
                        m[i] = d.round(m[i] + d.round(w1 * d.round(g[i] - m[i])))               // lerp_(grad, 1-β1)
                        v[i] = d.round(d.round(v[i] * b2) + d.round(d.round(w2 * g[i]) * g[i]))  // mul_(β2).addcmul_(g, g, 1-β2)
                        let denom = d.round(d.round(d.round(v[i].squareRoot()) / c2) + e)
                        w[i] = d.round(w[i] + d.round(negStep * d.round(m[i] / denom)))         // addcdiv_(m, denom, -step_size)
                    }
                }
                first[p] = m
                second[p] = v
            }
        }
    }
}
