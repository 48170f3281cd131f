import Scenario

/// libFuzzer's entry point: every input is a scenario file's bytes. The loader must answer with
/// a scenario or a Diagnostic; a trap, an overflow or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func loaderFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? ScenarioLoader.load(bytes: bytes, file: "fuzz.toml")
    return 0
}
