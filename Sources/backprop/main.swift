import ArgumentParser
import Foundation

// As `BackpropCommand.main()`, but what ArgumentParser prints (help, usage errors) goes through
// `Output`, so `backprop --help > /dev/full` fails as loudly as any other write.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments == ["--version"] {
        Output.out(BackpropCommand.version + "\n")
    } else if arguments == ["list"] {
        // Nothing to parse: ArgumentParser's reflection of the verbs would cost more than the list (12 M instructions).
        try ListCommand().run()
    } else if let train = QuickParse.train(arguments) {
        try TrainCommand.train(train.scenario, format: train.format, epochs: train.epochs)
    } else if let frame = QuickParse.frame(arguments) {
        try FrameCommand.frame(frame)
    } else {
        var command = try QuickParse.command(arguments) ?? BackpropCommand.parseAsRoot(arguments)
        try command.run()
    }
} catch {
    let code = BackpropCommand.exitCode(for: error)
    let message = BackpropCommand.fullMessage(for: error)
    if !message.isEmpty {
        if code == .success { Output.out(message + "\n") } else { Output.error(message) }
    }
    exit(code.rawValue)
}
