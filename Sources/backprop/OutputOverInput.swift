import ArgumentParser
import Export
import Scenario

/// Exits 64 when `output` (given with `flag`) is a file the scenario was read from: `run s.toml
/// --record s.toml` replaced the scenario with the recording, `export -o data.csv` its data.
func refuseWritingOver(_ scenario: Scenario, _ output: String, as flag: String) throws {
    guard let read = scenario.filesRead.first(where: { OutputFile.isSameFile(output, $0) }) else { return }
    let what = read == scenario.file ? "the scenario being read" : "a data file the scenario reads"
    Output.error("backprop: \(flag) \(escapingControlCharacters(output)) is \(what); write to another file")
    throw ExitCode(Exit.usage)
}
