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

    init(_ timeline: Timeline) {
        listings = PyTorchScript.listings(of: timeline)
        let own = Set((try? listings.first?.get())?.lines.map(\.text) ?? [])
        forked = listings.map { listing in
            guard let lines = try? listing.get().lines else { return [] }
            return lines.indices.filter { !own.contains(lines[$0].text) }
        }
        modelChanges = timeline.modelChanges
        zeroesGrad = timeline.zeroesGrad
    }

    /// Whether these are `timeline`'s listings too: the same model in every stretch and the same
    /// `z` (a fork of lr changes no listing; the pane writes the lr in force).
    func fits(_ timeline: Timeline) -> Bool {
        modelChanges == timeline.modelChanges && zeroesGrad == timeline.zeroesGrad
    }
}
