/// libFuzzer's entry point for the scenario loader: every input is a scenario file's bytes. The
/// loader must answer with a scenario or a Diagnostic at a real position (FuzzChecks.loader); a
/// trap, an overflow, a hang or a broken invariant is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func loaderFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let broken = FuzzChecks.loader(bytes) { fatalError(broken) }
    return 0
}
