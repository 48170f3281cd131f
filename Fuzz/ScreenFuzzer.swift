/// libFuzzer's entry point for the screen: every input is a stream of keys, clicks, ticks and
/// resizes fed through `update` (ScreenStream), with the state's invariants checked after each.
@_cdecl("LLVMFuzzerTestOneInput")
public func screenFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let broken = ScreenStream.run(bytes) { fatalError(broken) }
    return 0
}
