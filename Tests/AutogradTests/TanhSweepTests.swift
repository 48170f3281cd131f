import Testing
@testable import Autograd

/// float32 tanh against PyTorch's on a sweep of 1,071,718 inputs in [-10, 10] (every bit pattern
/// that is a multiple of 2039, both signs; references/tanh_sweep.py). PyTorch's CPU tanh is
/// MKL's closed vsTanh; ours is the correctly rounded tanh, which equals it everywhere but at the
/// 84 inputs the fixture lists, each 1 ulp away. (glibc's tanhf, which we used before, differs
/// from PyTorch's at 58,154 of them.)
struct TanhSweepTests {
    @Test func float32TanhEqualsPyTorchsOnTheSweepBitForBitButTheListedInputs() {
        var hash: UInt64 = 0xcbf29ce484222325
        var listedSeen = 0, offByMore = 0, checked = 0
        for sign: UInt32 in [0, 0x8000_0000] {
            var pattern: UInt32 = 0
            while pattern <= TanhSweep.top {
                let input = pattern | sign
                var ours = Float(Double.tanh(Double(Float(bitPattern: input)), .float32)).bitPattern
                if let theirs = TanhSweep.notCorrectlyRounded[input] {
                    listedSeen += 1
                    if ours.distance(to: theirs).magnitude > 1 { offByMore += 1 }
                    ours = theirs
                }
                for shift: UInt32 in [0, 8, 16, 24] {
                    hash = (hash ^ UInt64((ours >> shift) & 0xff)) &* 0x100000001b3
                }
                checked += 1
                pattern += TanhSweep.step
            }
        }
        #expect(checked == TanhSweep.count)
        #expect(listedSeen == TanhSweep.notCorrectlyRounded.count, "every listed input is in the sweep")
        #expect(offByMore == 0, "where PyTorch's tanh is not correctly rounded, it is 1 ulp from ours")
        #expect(hash == TanhSweep.torchHash, "every other input: our bits are PyTorch's")
    }

    @Test func tanhKeepsTheSignOfZeroAndSaturates() {
        #expect(Double.tanh(-0.0, .float32).sign == .minus)
        #expect(Double.tanh(20, .float32) == 1 && Double.tanh(-.infinity, .float32) == -1)
        #expect(Double.tanh(.nan, .float32).isNaN)
    }
}
