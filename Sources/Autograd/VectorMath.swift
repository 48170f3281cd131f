import Foundation

/// exp and log as PyTorch's vectorised CPU kernels compute them (SLEEF's 1-ulp functions in their
/// AVX-512 form, with fused multiply-adds), so that softmax and cross-entropy equal PyTorch's bits.
/// The C library's exp and log are (nearly always) correctly rounded; these are within 1 ulp and differ
/// from them in the last bit now and then, so where PyTorch vectorises a kernel we must use these.
///
/// Transcribed from SLEEF 3.x (`xexpf`, `xlogf_u1`, `xexp`, `xlog_u1`; Boost Software License);
/// only finite positive inputs take the polynomial path, the rest are answered directly.
enum VectorMath {
    // MARK: float32

    static func expf(_ d: Float) -> Float {
        if d.isNaN { return d }
        if d > 100 { return .infinity }
        if d < -104 { return 0 }
        let q = Int32((d * 1.442695040888963407359924681001892137426645954152985934135449406931).rounded(.toNearestOrEven))
        let fq = Float(q)
        var s = d.addingProduct(fq, -0.693145751953125)
        s = s.addingProduct(fq, -1.428606765330187045e-06)
        var u: Float = 0.000198527617612853646278381
        u = Float(0.00139304355252534151077271).addingProduct(u, s)
        u = Float(0.00833336077630519866943359).addingProduct(u, s)
        u = Float(0.0416664853692054748535156).addingProduct(u, s)
        u = Float(0.166666671633720397949219).addingProduct(u, s)
        u = Float(0.5).addingProduct(u, s)
        u = 1 + s.addingProduct(s * s, u)
        return ldexp2(u, q)
    }

    static func logf(_ d: Float) -> Float {
        guard d.isFinite, d > 0, d.isNormal else { return Float(Foundation.log(Double(d))) }
        let e = Float((d * (1 / Float(0.75))).exponent)
        let m = mantissa75(d)
        let s0 = DoubleWord<Float>(0.69314718246459960938, -1.904654323148236017e-09).times(e)
        let x = DoubleWord<Float>.sum2(-1, m).divided(by: DoubleWord<Float>.sum2(1, m))
        let x2 = x.hi * x.hi
        var t: Float = 0.3027294874
        t = Float(0.3996108174).addingProduct(t, x2)
        t = Float(0.6666694880).addingProduct(t, x2)
        var s = s0.plus(x.scaled(2))
        s = s.plus((x2 * x.hi) * t)
        return s.hi + s.lo
    }

    /// d · 2^(q/2) · 2^(q − q/2), as SLEEF scales (two exact steps, so subnormals round as it rounds).
    private static func ldexp2(_ d: Float, _ q: Int32) -> Float {
        let half = q >> 1
        return d * pow2(half) * pow2(q - half)
    }

    private static func pow2(_ q: Int32) -> Float { Float(bitPattern: UInt32(bitPattern: (q &+ 0x7f) << 23)) }

    /// The significand in [0.75, 1.5), as AVX-512's getmant with _MM_MANT_NORM_p75_1p5.
    private static func mantissa75(_ d: Float) -> Float {
        let m = d.significand
        return m >= 1.5 ? m / 2 : m
    }

    // MARK: float64

    static func exp(_ d: Double) -> Double {
        if d.isNaN { return d }
        if d > 709.78271289338399678773454114191496482 { return .infinity }
        if d < -1000 { return 0 }
        let u0 = (d * 1.442695040888963407359924681001892137426645954152985934135449406931).rounded(.toNearestOrEven)
        let q = Int64(u0)
        var s = d.addingProduct(u0, -0.69314718055966295651160180568695068359375)
        s = s.addingProduct(u0, -0.28235290563031577122588448175013436025525412068e-12)
        let s2 = s * s, s4 = s2 * s2, s8 = s4 * s4
        // SLEEF's POLY10 (Estrin's scheme), coefficients of s⁹ … s⁰.
        let c: [Double] = [+0.2081276378237164457e-8, +0.2511210703042288022e-7, +0.2755762628169491192e-6,
                           +0.2755723402025388239e-5, +0.2480158687479686264e-4, +0.1984126989855865850e-3,
                           +0.1388888888914497797e-2, +0.8333333333314938210e-2, +0.4166666666666602598e-1,
                           +0.1666666666666669072e+0]
        let p8 = mla(s4, poly4(s, s2, c[2], c[3], c[4], c[5]), poly4(s, s2, c[6], c[7], c[8], c[9]))
        var u = mla(s8, mla(s, c[0], c[1]), p8)
        u = mla(u, s, 0.5)
        u = mla(u, s, 1)
        u = mla(u, s, 1)
        let half = q >> 1
        return u * pow2(half) * pow2(q - half)
    }

    static func log(_ d: Double) -> Double {
        guard d.isFinite, d > 0, d.isNormal else { return Foundation.log(d) }
        let e = Double((d * (1.0 / 0.75)).exponent)
        let m = d.significand >= 1.5 ? d.significand / 2 : d.significand
        let x = DoubleWord<Double>.sum2(-1, m).divided(by: DoubleWord<Double>.sum2(1, m))
        let x2 = x.hi * x.hi, x4 = x2 * x2, x8 = x4 * x4
        // SLEEF's POLY7(x2, x4, x8, c6 … c0) = mla(x8, POLY3(c6, c5, c4), POLY4(c3 … c0)).
        let p3 = mla(x4, 0.1532076988502701353e+0, mla(x2, 0.1525629051003428716e+0, 0.1818605932937785996e+0))
        let p4 = mla(x4, mla(x2, 0.2222214519839380009e+0, 0.2857142932794299317e+0),
                     mla(x2, 0.3999999999635251990e+0, 0.6666666666667333541e+0))
        let t = mla(x8, p3, p4)
        var s = DoubleWord<Double>(0.693147180559945286226764, 2.319046813846299558417771e-17).times(e)
        s = s.plus(x.scaled(2))
        s = s.plus((x2 * x.hi) * t)
        return s.hi + s.lo
    }

    /// x·y + z with one rounding (SLEEF's MLA with FMA).
    private static func mla(_ x: Double, _ y: Double, _ z: Double) -> Double { z.addingProduct(x, y) }

    private static func poly4(_ x: Double, _ x2: Double, _ c3: Double, _ c2: Double, _ c1: Double, _ c0: Double) -> Double {
        mla(x2, mla(x, c3, c2), mla(x, c1, c0))
    }

    private static func pow2(_ q: Int64) -> Double { Double(bitPattern: UInt64(bitPattern: (q &+ 0x3ff) << 52)) }
}

/// A number as the sum of two of type T, for log's extra precision (SLEEF's vfloat2 and
/// vdouble2, in their fused multiply-add forms).
private struct DoubleWord<T: BinaryFloatingPoint> {
    var hi: T
    var lo: T

    init(_ hi: T, _ lo: T) {
        self.hi = hi
        self.lo = lo
    }

    /// x + y exactly, whatever their sizes (dfadd2_vf2_vf_vf).
    static func sum2(_ x: T, _ y: T) -> DoubleWord {
        let s = x + y, v = s - x
        return DoubleWord(s, (x - (s - v)) + (y - v))
    }

    /// dfmul_vf2_vf2_vf.
    func times(_ y: T) -> DoubleWord {
        let s = hi * y
        return DoubleWord(s, (-s).addingProduct(hi, y).addingProduct(lo, y))
    }

    func scaled(_ s: T) -> DoubleWord { DoubleWord(hi * s, lo * s) }

    /// dfadd_vf2_vf2_vf2 (|self| ≥ |y|).
    func plus(_ y: DoubleWord) -> DoubleWord {
        let s = hi + y.hi
        return DoubleWord(s, (((hi - s) + y.hi) + lo) + y.lo)
    }

    /// dfadd_vf2_vf2_vf.
    func plus(_ y: T) -> DoubleWord {
        let s = hi + y
        return DoubleWord(s, ((hi - s) + y) + lo)
    }

    /// dfdiv_vf2_vf2_vf2.
    func divided(by d: DoubleWord) -> DoubleWord {
        let t = 1 / d.hi
        let s = hi * t
        let u = (-s).addingProduct(t, hi)
        let v = T(1).addingProduct(-d.hi, t).addingProduct(-d.lo, t)
        return DoubleWord(s, u.addingProduct(lo, t).addingProduct(s, v))
    }
}
