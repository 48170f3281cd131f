import ArgumentParser

/// `--allow-data-outside`: every command that loads a scenario takes it. A scenario reads its data
/// only from its own folder (one shared with a class cannot show a student's files); a user who
/// trusts a scenario that reads elsewhere says so.
struct DataAccess: ParsableArguments {
    @Flag(help: "Let the scenario read data files outside its own folder (only for a scenario you trust).")
    var allowDataOutside = false
}
