import Autograd
import Foundation

/// What the optimizer did to one parameter in one step, with every number on the way, so the
/// screen can write the update as the optimizer computed it (not the plain SGD line).
public enum ParameterUpdate: Sendable, Equatable {
    /// `w = w − lr·g`.
    case sgd
    /// `v = momentum·v + g` (on the first step v is a clone of g), then `w = w − lr·v`.
    case momentum(Momentum)
    /// `m = β1·m + (1−β1)·g`, `v = β2·v + (1−β2)·g²`, `m̂ = m/(1−β1ᵗ)`, `v̂ = v/(1−β2ᵗ)`,
    /// `w = w − lr·m̂/(√v̂ + eps)`.
    case adam(Adam)

    public struct Momentum: Sendable, Equatable {
        public var momentum: Double
        /// The velocity before this step; nil on the first step (PyTorch has no buffer yet).
        public var velocityBefore: [Double]?
        public var velocity: [Double]
    }

    public struct Adam: Sendable, Equatable {
        /// The step count t, from 1.
        public var t: Int
        public var beta1, beta2, eps: Double
        public var mBefore, vBefore, m, v: [Double]
        /// The bias-corrected moments m/(1−β1ᵗ) and v/(1−β2ᵗ), in float64 from the stored m and v:
        /// PyTorch folds the corrections into the step size and the denominator instead.
        public var mHat, vHat: [Double]
        /// What PyTorch adds to w: −lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps), rounded as it rounds.
        public var step: [Double]
    }
}

extension OptimizerState {
    /// Each parameter's update in the step that took the optimizer from `before` to `self`,
    /// given the grads that step used and the parameters before it (weight decay reads them).
    public func updates(since before: OptimizerState, grads: [[Double]], paramsBefore: [[Double]], dtype d: DType) -> [ParameterUpdate] {
        let coupled = optimizer.decouplesWeightDecay ? 0 : d.round(weightDecay)
        return grads.indices.map { p in
            switch optimizer {
            case .sgd(let momentum) where momentum == 0:
                return .sgd
            case .sgd(let momentum):
                let previous = before.first[p]
                return .momentum(.init(momentum: momentum, velocityBefore: previous.isEmpty ? nil : previous, velocity: first[p]))
            case .adam(let beta1, let beta2, let eps), .adamw(let beta1, let beta2, let eps):
                let count = grads[p].count
                let w = p < paramsBefore.count ? paramsBefore[p] : []
                let g = (0..<count).map { i in OptimizerState.decayed(d, grads[p][i], i < w.count ? w[i] : 0, coupled) }
                let mBefore = before.first[p].isEmpty ? Array(repeating: 0, count: count) : before.first[p]
                let vBefore = before.second[p].isEmpty ? Array(repeating: 0, count: count) : before.second[p]
                let t = Double(steps)
                let k = AdamConstants(d, lr: lr, beta1: beta1, beta2: beta2, eps: eps, t: t)
                let elements = (0..<count).map { OptimizerState.adamElement(d, k, m: mBefore[$0], v: vBefore[$0], g: g[$0]) }
                return .adam(.init(t: steps, beta1: beta1, beta2: beta2, eps: eps, mBefore: mBefore, vBefore: vBefore,
                                   m: elements.map(\.m), v: elements.map(\.v),
                                   mHat: elements.map { $0.m / (1 - Foundation.pow(beta1, t)) },
                                   vHat: elements.map { $0.v / (1 - Foundation.pow(beta2, t)) },
                                   step: elements.map(\.step)))
            }
        }
    }
}

/// Weight decay as one step applied it, for the update line: λ·w joined the gradient (sgd,
/// momentum, adam: `w = w − lr·(g + λ·w)`), or w shrank by 1 − lr·λ before the Adam step (adamw).
public struct WeightDecayStep: Sendable, Equatable {
    /// λ, the scenario's `weight_decay`.
    public var lambda: Double
    /// AdamW's form: w·(1 − lr·λ) first, the gradient left alone.
    public var decoupled: Bool
    /// Coupled: per parameter, g + λ·w as the optimizer stepped with it (one rounding, as PyTorch's `grad.add(param, alpha=λ)`).
    public var gradients: [[Double]]
    /// Decoupled: 1 − lr·λ as the tensor op saw it, and per parameter w after shrinking.
    public var factor: Double
    public var shrunk: [[Double]]
}

extension OptimizerState {
    /// What weight decay did in the step whose grads and parameters before it are given (nil: none).
    public func decayStep(grads: [[Double]], paramsBefore: [[Double]], dtype d: DType) -> WeightDecayStep? {
        guard weightDecay != 0 else { return nil }
        if optimizer.decouplesWeightDecay {
            let factor = d.round(1 - lr * weightDecay)
            return WeightDecayStep(lambda: weightDecay, decoupled: true, gradients: [], factor: factor,
                                   shrunk: paramsBefore.map { $0.map { d.round($0 * factor) } })
        }
        let lambda = d.round(weightDecay)
        let gradients = grads.indices.map { p in
            let w = p < paramsBefore.count ? paramsBefore[p] : []
            return grads[p].indices.map { i in OptimizerState.decayed(d, grads[p][i], i < w.count ? w[i] : 0, lambda) }
        }
        return WeightDecayStep(lambda: weightDecay, decoupled: false, gradients: gradients, factor: 1, shrunk: [])
    }
}
