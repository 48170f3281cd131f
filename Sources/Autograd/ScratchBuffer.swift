/// Working memory a tape lends one computation at a time (a gradient before it is added, a
/// transposed operand), grown when too small and then kept: raw memory, so borrowing it costs
/// no allocation, no uniqueness check and no reference count once it has grown.
struct ScratchBuffer {
    private var raw = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 64)
    private var bytes = 512

    /// `count` elements of `S`, their old contents unspecified; good until the next `reserve`.
    mutating func reserve<S>(_: S.Type, count: Int) -> UnsafeMutableBufferPointer<S> {
        let need = Swift.max(count, 0) * MemoryLayout<S>.stride
        if need > bytes {
            raw.deallocate()
            bytes = Swift.max(need, bytes * 2)
            raw = .allocate(byteCount: bytes, alignment: 64)
        }
        return UnsafeMutableBufferPointer(start: raw.bindMemory(to: S.self, capacity: count), count: Swift.max(count, 0))
    }

    /// Only the owning tape calls this, once, when it goes.
    func free() { raw.deallocate() }
}
