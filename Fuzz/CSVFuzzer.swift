/// libFuzzer's entry point for CSV data files: every input is a CSV's bytes, read by the reader
/// and as a scenario's data (FuzzChecks.csv); a trap, a hang or a broken invariant is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let broken = FuzzChecks.csv(bytes) { fatalError(broken) }
    return 0
}
