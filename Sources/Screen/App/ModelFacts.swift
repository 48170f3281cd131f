import Scenario
import TextCanvas

/// What the screen needs that depends only on the scenario's model (every step has the same
/// graph): worked out once when the screen opens, never again per step or per frame. The `z` key
/// and a fork of lr train another run of the same model, so these stay.
public struct ModelFacts: Sendable {
    public let scenario: Scenario
    /// The first step's record: the graph's nodes, shapes and names.
    public let firstStep: StepRecord
    /// (phase, node) of each event of a step.
    public let template: [(phase: NoteMoment.Phase, node: Int)]
    /// The model as layers of units, when it is a chain of small layers (the neuron view).
    public let neuronNet: NeuronNet?
    /// The graph's picture with every line as long as it may ever get: a tensor's line takes all
    /// the width a box allows (it shows more entries in wider boxes), a number at most 12 columns.
    /// Layouts are made for it, so boxes do not jump as numbers change.
    public let layoutTemplate: GraphPicture

    public init(_ run: TrainingRun) {
        scenario = run.scenario
        firstStep = run.firstStep
        template = run.template
        neuronNet = NeuronNet.make(firstStep)
        let record = firstStep
        let last = TimelineEvent(epoch: 0, batch: 0, step: 0, phase: .backward, node: -1, indexInStep: template.count)
        // Only each box's count of lines matters here: the values are not written (a tenth of deep193's first frame).
        var unkept = BoxLinesCache()
        var picture = GraphPictureBuilder.picture(record: record, event: last, template: template, names: NodeNames(record),
                                                  lineWidth: { _ in 0 }, lineRows: { _ in 0 }, kept: &unkept, writesValues: false)
        for i in picture.nodes.indices {
            let scalar = record.nodes[picture.nodes[i].id].shape.count == 1
            picture.nodes[i].lines = picture.nodes[i].lines.map { _ in String(repeating: "0", count: scalar ? 12 : GraphFit.widestBox) }
        }
        layoutTemplate = picture
    }
}
