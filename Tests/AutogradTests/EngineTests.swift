import Testing
@testable import Autograd

struct EngineTests {
    @Test func aNodeUsedTwiceGetsBothGradients() throws {
        let tape = Tape(dtype: .float64)
        let x = tape.parameter([3], shape: .scalar, name: "x")
        try (x * x).backward()
        #expect(x.grad == [6])
    }

    @Test func gradientsAccumulateUntilZeroed() throws {
        let tape = Tape()
        let w = tape.parameter([2], shape: .scalar, name: "w")
        #expect(w.grad == nil, "grad starts as None")
        let x = tape.input([3], shape: .scalar)
        try (x * w).backward()
        #expect(w.grad == [3])
        let x2 = tape.input([4], shape: .scalar)
        try (x2 * w).backward()
        #expect(w.grad == [7], "a second backward adds to the grad")
        tape.zeroGrad()
        #expect(w.grad == [0])
        tape.clearGrad()
        #expect(w.grad == nil)
    }

    @Test func secondBackwardThroughAFreedGraphIsAnError() throws {
        let tape = Tape()
        let w = tape.parameter([2], shape: .scalar, name: "w")
        let loss = try w * w
        try loss.backward()
        #expect(throws: AutogradError.graphFreed) { try loss.backward() }
    }

    @Test func tensorsOfAFreedGraphCannotBuildANewOne() throws {
        let tape = Tape()
        let w = tape.parameter([2], shape: .scalar, name: "w")
        let z = try w * w
        try z.backward()
        #expect(throws: AutogradError.staleTensor) { _ = try z * w }
        #expect(z.value == [4], "values stay readable after backward")
    }

    @Test func readingAndUpdatingBuildsNoGraph() throws {
        let tape = Tape()
        let w = tape.parameter([1], shape: .scalar, name: "w")
        let before = tape.nodes.count
        _ = w.value
        _ = w.grad
        tape.setValue(w, [5])
        #expect(tape.nodes.count == before)
        #expect(w.value == [5])
    }

    @Test func shapesThatDoNotFitAreAnErrorNotACrash() throws {
        let tape = Tape()
        let a = tape.input([1, 2, 3], shape: .vector(3))
        let b = tape.input([1, 2], shape: .vector(2))
        #expect(throws: AutogradError.self) { _ = try a + b }
        #expect(throws: AutogradError.self) { _ = try a.matmul(b) }
        #expect(throws: AutogradError.lossNotScalar(.vector(3))) { try a.backward() }
    }

    /// The lecture's first step, float32: grad -2.0, then w = 1 - 0.01·(-2) = 1.02.
    @Test func lectureFirstStepInFloat32() throws {
        let tape = Tape()
        let w = tape.parameter([1], shape: .scalar, name: "w")
        let x = tape.input([2], shape: .scalar)
        let y = tape.input([4], shape: .scalar)
        let d = try x * w - y
        let loss = try d.pow(2)
        try loss.backward()
        #expect(w.grad == [-8])
        #expect(loss.item == 4)
    }

    @Test func float32RoundsEveryStep() throws {
        let tape = Tape(dtype: .float32)
        let a = tape.input([0.1], shape: .scalar)
        let b = tape.input([0.2], shape: .scalar)
        let z = try a + b
        #expect(z.item == Double(Float(0.1) + Float(0.2)))
    }

    @Test func backwardRecordsEveryMessageInReverseOrder() throws {
        let tape = Tape()
        let w = tape.parameter([1], shape: .scalar, name: "w")
        let x = tape.input([2], shape: .scalar)
        let y = tape.input([4], shape: .scalar)
        let z = try x * w
        let loss = try (z - y).pow(2)
        var log = BackwardLog()
        try tape.backward(loss, recorder: &log)
        #expect(log.order == [loss.id, loss.id - 1, z.id])
        #expect(log.contribution(from: z.id, to: w.id) == [-8])
        #expect(log.contribution(from: loss.id, to: loss.id - 1) == [-4])
    }
}
