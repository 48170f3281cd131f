import Autograd
import Foundation

/// The optimizer's memory between steps (momentum buffers, Adam's moments) and its update rule,
/// written as PyTorch's single-tensor SGD, Adam and AdamW compute it, one rounding per tensor op
/// (an `add_` with `alpha=` is one fused multiply-add in PyTorch's kernel, so one rounding too).
public struct OptimizerState: Sendable, Equatable {
    public let optimizer: Optimizer
    /// The scenario's lr, unless the screen's `<` / `>` changed it from some step on.
    public var lr: Double
    /// λ of `weight_decay` (0: none).
    public let weightDecay: Double
    /// Per parameter: momentum buffer (sgd) or first moment (adam); empty until the first step.
    public var first: [[Double]]
    /// Per parameter: Adam's second moment.
    public var second: [[Double]]
    public var steps = 0

    public init(optimizer: Optimizer, lr: Double, weightDecay: Double = 0, parameterCount: Int) {
        self.optimizer = optimizer
        self.lr = lr
        self.weightDecay = weightDecay
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
        // mul_(β2).addcmul_(g, g, value=1-β2): PyTorch's kernel computes value·g once, then fuses · g + v.
        let v = d.fusedMultiplyAdd(d.round(k.w2 * g), g, d.round(v * k.b2))
        let denom = d.round(d.round(d.round(v.squareRoot()) / k.c2) + k.eps)
        // addcdiv_(m, denom, -step_size): PyTorch's kernel multiplies by the value first, then divides.
        return (m, v, denom, d.round(d.round(k.negStep * m) / denom))
    }

    /// The gradient the optimizer steps with: `grad.add(param, alpha=weight_decay)` (λ·w joins it,
    /// one fused rounding) unless there is no decay or it is decoupled (AdamW).
    @inline(__always) static func decayed(_ d: DType, _ g: Double, _ w: Double, _ decay: Double) -> Double {
        decay == 0 ? g : d.fusedMultiplyAdd(decay, w, g)
    }

    /// Updates every parameter of `tape` from its grad, outside the graph, then zeroes the grads
    /// when the scenario's loop calls `zero_grad()` after the step.
    public mutating func step(_ tape: Tape, thenZeroGrad zero: Bool) {
        steps += 1
        let d = tape.dtype
        if case .sgd(let momentum) = optimizer, momentum == 0, weightDecay == 0 {
            // w.data = w.data - lr * w.grad.data: every element alike, every parameter in one pass.
            tape.descend(lr: self.lr, thenZeroGrad: zero)
            return
        }
        let coupled = optimizer.decouplesWeightDecay ? 0 : d.round(weightDecay)
        defer { if zero { tape.zeroGrad() } }
        for p in 0..<tape.parameterCount {
            // No closure here: one capturing these buffers would box them on the heap every step.
            let (w, g) = tape.elements(ofParameter: p)
            switch optimizer {
            case .sgd(let momentum) where momentum == 0:
                // torch.optim.SGD: param.add_(grad + λ·param, alpha=-lr).
                let lr = d.round(-self.lr)
                for i in 0..<w.count { w[i] = d.fusedMultiplyAdd(lr, Self.decayed(d, g[i], w[i], coupled), w[i]) }
            case .sgd(let momentum):
                let m = d.round(momentum), lr = d.round(-self.lr)
                if first[p].isEmpty {
                    // the first buffer is a clone of the grad (with λ·w in it)
                    first[p] = (0..<w.count).map { Self.decayed(d, g[$0], w[$0], coupled) }
                } else {
                    first[p].withUnsafeMutableBufferPointer { b in
                        for i in 0..<w.count { b[i] = d.round(d.round(b[i] * m) + Self.decayed(d, g[i], w[i], coupled)) }
                    }
                }
                first[p].withUnsafeBufferPointer { b in
                    for i in 0..<w.count { w[i] = d.fusedMultiplyAdd(lr, b[i], w[i]) }
                }
            case .adam(let beta1, let beta2, let eps), .adamw(let beta1, let beta2, let eps):
                let k = AdamConstants(d, lr: lr, beta1: beta1, beta2: beta2, eps: eps, t: Double(steps))
                if first[p].isEmpty {
                    first[p] = Array(repeating: 0, count: w.count)
                    second[p] = first[p]
                }
                if optimizer.decouplesWeightDecay && weightDecay != 0 {
                    // param.mul_(1 - lr * weight_decay): the factor a Python float, rounded as it meets the tensor.
                    let shrink = d.round(1 - lr * weightDecay)
                    for i in 0..<w.count { w[i] = d.round(w[i] * shrink) }
                }
                first[p].withUnsafeMutableBufferPointer { m in
                    second[p].withUnsafeMutableBufferPointer { v in
                        for i in 0..<w.count {
                            let e = Self.adamElement(d, k, m: m[i], v: v[i], g: Self.decayed(d, g[i], w[i], coupled))
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
