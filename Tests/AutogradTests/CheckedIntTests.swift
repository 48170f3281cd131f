import Autograd
import Testing

/// `Int(clamping:to:)`: the one way a number becomes a whole number, with no value that traps.
struct CheckedIntTests {
    @Test func everyDoubleLandsInsideTheBounds() {
        let bounds = -5...7
        #expect(Int(clamping: .nan, to: bounds) == -5)
        #expect(Int(clamping: .infinity, to: bounds) == 7)
        #expect(Int(clamping: -.infinity, to: bounds) == -5)
        #expect(Int(clamping: 1e300, to: bounds) == 7)
        #expect(Int(clamping: -1e300, to: bounds) == -5)
        #expect(Int(clamping: 3.9, to: bounds) == 3, "toward zero, as Int(_:) rounds")
        #expect(Int(clamping: -3.9, to: bounds) == -3)
        #expect(Int(clamping: -0.0, to: bounds) == 0)
        #expect(Int(clamping: .leastNonzeroMagnitude, to: bounds) == 0)
    }

    @Test func theWholeRangeOfIntIsABound() {
        let all = Int.min...Int.max
        #expect(Int(clamping: 9.3e18, to: all) == Int.max)
        #expect(Int(clamping: -9.3e18, to: all) == Int.min)
        #expect(Int(clamping: 9.2e18, to: all) == 9_200_000_000_000_000_000)
        #expect(Int(clamping: .nan, to: all) == Int.min)
    }
}
