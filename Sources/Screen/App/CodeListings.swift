import PyTorchCode
import Scenario

/// The code pane's listings of a run, one per stretch of it (`Timeline.variants`), all built by
/// `PyTorchScript.listings(of:)`, and what they were made for.
struct CodeListings {
    let listings: [Result<CodeListing, any Error>]
    /// For each listing, its lines the scenario's own listing does not have: what a fork changed.
    let forked: [[Int]]
    private let modelChanges: [ModelChange]
    private let zeroesGrad: Bool

    init(_ run: TrainingRun) {
        listings = PyTorchScript.listings(of: run)
        let own = Set((try? listings.first?.get())?.lines.map(\.text) ?? [])
        forked = listings.map { listing in
            guard let lines = try? listing.get().lines else { return [] }
            return lines.indices.filter { !own.contains(lines[$0].text) }
        }
        modelChanges = run.modelChanges
        zeroesGrad = run.zeroesGrad
    }

    /// Whether these are `run`'s listings too: the same model in every stretch and the same
    /// `z` (a fork of lr changes no listing; the pane writes the lr in force).
    func fits(_ run: TrainingRun) -> Bool {
        modelChanges == run.modelChanges && zeroesGrad == run.zeroesGrad
    }
}
