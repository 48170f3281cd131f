// Every shipped scenario's screen as `backprop frame` prints it (a fresh run per frame, plain
// text, no colour), at 80×24 and 160×45, at many steps and after each view's key sequence: one
// file per scenario and size. Built into a copy of a source tree by `scripts/frame-compare`,
// which runs it on main and on a branch and compares the files (issue 25: a refactoring changes
// no frame). It uses only what `backprop frame` uses, so it builds against either side
// (TRAINING_SERVICE: a tree whose AppState takes its `Training` service in `update`).
import Foundation
import Scenario
import Screen
import TextCanvas
#if LISTING_INJECTED
import Export
#endif

let out = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "frames"
let only = CommandLine.arguments.count > 2 ? Set(CommandLine.arguments[2].split(separator: ",").map(String.init)) : nil
let sizes = [(80, 24), (160, 45)]
// Every view (v cycles them; more presses than views wrap round), many moments.
let viewMoments = [0, 1, 2, 3, 5, 8, 13, 21, 34, 60, 100, 250, 1000]
let viewKeys = ["", "v", "vv", "vvv", "vvvv", "vvvvv"]
// The other keys that change what a frame shows, at a few moments.
let keyMoments = [0, 9, 40]
let otherKeys = ["c", "t", "s", "?", "f", "z", "m", "<", ">", "]", "G", "n", "vc", "vt", "{", "}", "[", "p", "vvf", "v?"]

/// Keys that train further or start another run: a frame after them gets a run of its own; the
/// others share one trained as far as their step needs, as a fresh `backprop frame` run would be.
let movingKeys = Set("]G[np<>z")

func frame(_ scenario: Scenario, width: Int, height: Int, step: Int, keys: String, ascii: Bool = false,
           shared: inout (step: Int, timeline: Timeline)?) -> String {
    let timeline: Timeline
    if keys.contains(where: movingKeys.contains) || shared?.step != step {
        do { timeline = try Timeline(scenario: scenario) } catch { return "error: \(error)" }
        if !keys.contains(where: movingKeys.contains) { shared = (step, timeline) }
    } else if let kept = shared?.timeline {
        timeline = kept
    } else {
        return "error: no run"
    }
    var options = AppOptions(glyphs: ascii ? .ascii : .unicode)
    options.colour = false
    #if LISTING_INJECTED
    options.codeListing = try? PyTorchScript(scenario: scenario).listing()
    #endif
    #if TRAINING_SERVICE
    // The state holds values only; the training service beside it is handed to every update.
    let training = Training(timeline)
    var state = AppState(training: training, width: width, height: height, options: options)
    if step > state.lastEvent { return "past the last event (\(state.lastEvent))" }
    state.seek(to: step, training: training)
    for key in keys { _ = state.update(.key(.character(key)), training: training) }
    #else
    var state = AppState(timeline: timeline, width: width, height: height, options: options)
    if step > state.lastEvent { return "past the last event (\(state.lastEvent))" }
    state.seek(to: step)
    for key in keys { _ = state.update(.key(.character(key))) }
    #endif
    return state.render().text
}

try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
var count = 0
for name in Builtins.names where only?.contains(name) ?? true {
    guard let scenario = try? Builtins.load(name) else { print("cannot load \(name)"); continue }
    for (w, h) in sizes {
        var text = ""
        var shared: (step: Int, timeline: Timeline)?
        func add(_ step: Int, _ keys: String, ascii: Bool = false) {
            text += "=== \(name) \(w)x\(h) step \(step) keys '\(keys)'\(ascii ? " ascii" : "")\n"
            text += frame(scenario, width: w, height: h, step: step, keys: keys, ascii: ascii, shared: &shared) + "\n"
            count += 1
        }
        for step in viewMoments { for keys in viewKeys { add(step, keys) } }
        for step in keyMoments { for keys in otherKeys { add(step, keys) } }
        for keys in viewKeys { add(7, keys, ascii: true) }
        try? text.write(toFile: "\(out)/\(name)-\(w)x\(h).txt", atomically: true, encoding: .utf8)
    }
    print("\(name) done (\(count) frames)")
}
print("frame-dump: \(count) frames in \(out)")
