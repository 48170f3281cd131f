import Autograd
import Foundation

/// The optimizer's memory between steps (momentum buffers, Adam's moments) and its update rule,
/// written as PyTorch's single-tensor SGD and Adam compute it, one rounding per tensor op.
public struct OptimizerState: Sendable, Equatable {
    public let optimizer: Optimizer
    /// The scenario's lr, unless the screen's `<` / `>` changed it from some step on.
    public var lr: Double
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

    /// Adam's numbers for step `t`, each rounded to the dtype where PyTorch holds it in a tensor
    /// op's scalar; the step size and √(1 − β2ᵗ) are Python floats, rounded when they meet the tensor.
    struct AdamConstants {
        let w1, oneMinusW1, b2, w2, eps, negStep, c2: Double
        init(_ d: DType, lr: Double, beta1: Double, beta2: Double, eps: Double, t: Double) {
            w1 = d.round(1 - beta1); oneMinusW1 = d.round(1 - w1); b2 = d.round(beta2); w2 = d.round(1 - beta2); self.eps = d.round(eps)
            negStep = d.round(-(lr / (1 - Foundation.pow(beta1, t))))
            c2 = d.round((1 - Foundation.pow(beta2, t)).squareRoot())
        }
    }

    /// One element of Adam: the new moments, `√v/√(1 − β2ᵗ) + eps` and the step added to w.
    static func adamElement(_ d: DType, _ k: AdamConstants, m: Double, v: Double, g: Double)
        -> (m: Double, v: Double, denom: Double, step: Double) {
        // lerp_(grad, 1-β1): PyTorch's kernel fuses it, m + w·(g − m) below w = 0.5, else g − (g − m)·(1 − w).
        let diff = d.round(g - m)
        let m = k.w1 < 0.5 ? d.fusedMultiplyAdd(k.w1, diff, m) : d.fusedMultiplyAdd(-diff, k.oneMinusW1, g)
        let v = d.round(d.round(v * k.b2) + d.round(d.round(k.w2 * g) * g))     // mul_(β2).addcmul_(g, g, 1-β2)
        let denom = d.round(d.round(d.round(v.squareRoot()) / k.c2) + k.eps)
        // addcdiv_(m, denom, -step_size): PyTorch's kernel multiplies by the value first, then divides.
        return (m, v, denom, d.round(d.round(k.negStep * m) / denom))
    }

    /// Updates every parameter of `tape` from its grad, outside the graph, then zeroes the grads
    /// when the scenario's loop calls `zero_grad()` after the step.
    public mutating func step(_ tape: Tape, thenZeroGrad zero: Bool) {
        steps += 1
        let d = tape.dtype
        if case .sgd(let momentum) = optimizer, momentum == 0 {
            // w.data = w.data - lr * w.grad.data: every element alike, every parameter in one pass.
            tape.descend(lr: self.lr, thenZeroGrad: zero)
            return
        }
        defer { if zero { tape.zeroGrad() } }
        for p in 0..<tape.parameterCount {
            // No closure here: one capturing these buffers would box them on the heap every step.
            let (w, g) = tape.elements(ofParameter: p)
            switch optimizer {
            case .sgd(let momentum):
                let m = d.round(momentum), lr = d.round(self.lr)
                if first[p].isEmpty {
                    first[p] = Array(g)  // the first buffer is a clone of the grad
                } else {
                    first[p].withUnsafeMutableBufferPointer { b in
                        for i in 0..<w.count { b[i] = d.round(d.round(b[i] * m) + g[i]) }
                    }
                }
                first[p].withUnsafeBufferPointer { b in
                    for i in 0..<w.count { w[i] = d.round(w[i] - d.round(lr * b[i])) }
                }
            case .adam(let beta1, let beta2, let eps):
                let k = AdamConstants(d, lr: lr, beta1: beta1, beta2: beta2, eps: eps, t: Double(steps))
                if first[p].isEmpty {
                    first[p] = Array(repeating: 0, count: w.count)
                    second[p] = first[p]
                }
                first[p].withUnsafeMutableBufferPointer { m in
                    second[p].withUnsafeMutableBufferPointer { v in
                        for i in 0..<w.count {
                            let e = Self.adamElement(d, k, m: m[i], v: v[i], g: g[i])
                            m[i] = e.m
                            v[i] = e.v
                            w[i] = d.round(w[i] + e.step)
                        }
                    }
                }
            }
        }
    }
}
