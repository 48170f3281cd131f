// swift-tools-version:6.2
import PackageDescription

/// The engine's storage lives in class properties, and Swift checks every access to those at run
/// time for overlapping writes: a quarter of a training step went to that bookkeeping. Debug builds
/// (and so every test) keep the checks; release builds of the engine and the trainer drop them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// A release build links the Swift runtime and Foundation into the binary: a third of a lecture
/// run's start-up went to the dynamic loader resolving their symbols, and the binary then runs
/// where no Swift is installed (`swift build -c release --static-swift-stdlib` says the same).
let staticRuntime: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]

/// A warning in our code is a bug we have not read yet (the quiz's Esc quit the program behind six of
/// them): every target of ours, tests included, fails to build on one, in debug and release alike,
/// so `swift test` in CI keeps the build clean. SwiftPM's own setting (tools 6.2), not an unsafe flag.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)] + staticRuntime

let package = Package(
    name: "backprop",
    products: [
        .executable(name: "backprop", targets: ["backprop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `backprop serve` and lecture mode: an SSH server (and, in the tests, its client side).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The engine: tensors, the tape, backward(). Imports nothing of ours but its matmul kernel.
        .target(name: "Autograd", dependencies: ["CMatmulKernel"], swiftSettings: hotPath + strict),
        // The matrix product's inner loops in AVX2 and AVX-512 on x86-64, NEON on arm64 (C: functions
        // compiled for a wider instruction set, chosen at run time); bit-equal to the portable kernel.
        .target(name: "CMatmulKernel"),
        // Scenario files, expressions, optimizers, the trainer, transcripts, the timeline.
        // The shipped scenarios (Builtin/) are built into the binary by the EmbedBuiltins plugin, not
        // copied as a resource bundle: the executable alone is the installation.
        .target(name: "Scenario", dependencies: ["Autograd"],
                exclude: ["Builtin"], swiftSettings: hotPath + strict, plugins: ["EmbedBuiltins"]),
        .plugin(name: "EmbedBuiltins", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        .executableTarget(name: "EmbedFilesTool", path: "Plugins/EmbedFilesTool"),
        // Cells, styles, rectangles, keys: what panels draw into. Imports nothing.
        .target(name: "TextCanvas", swiftSettings: strict),
        // A scenario's training as PyTorch source: the script `export --to pytorch` writes and the
        // listing the code pane shows, line by line with what each line does.
        .target(name: "PyTorchCode", dependencies: ["Scenario", "Autograd"], swiftSettings: strict),
        // Panels, layout, app state, update and view. No terminal.
        .target(name: "Screen", dependencies: ["Scenario", "Autograd", "TextCanvas", "PyTorchCode"], swiftSettings: strict),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The only code that calls ncurses.
        .target(name: "Terminal", dependencies: ["TextCanvas", "CNcursesw", "CSignals"], swiftSettings: strict),
        // The signal handlers (C: they need a global): the temp-file guard of exports and the screen's flags, one list of signals.
        .target(name: "CSignals"),
        // Exporters: Graphviz DOT, loss CSV, the PyTorch script, asciicast and SVG screens; atomic files.
        .target(name: "Export", dependencies: ["Scenario", "Autograd", "PyTorchCode", "Screen", "TextCanvas", "CSignals"], swiftSettings: strict),
        // The SSH server: sessions of their own (`serve`) and a class following a lecture (`run --serve`).
        // Only the executable and its tests link it, and nothing in it runs before a command asks.
        .target(name: "Serve", dependencies: [
            "Scenario", "Screen", "TextCanvas",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .executableTarget(name: "backprop", dependencies: [
            "Autograd", "Scenario", "TextCanvas", "Screen", "Terminal", "Export", "PyTorchCode", "Serve",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // --no-export-dynamic: the static runtime's link line exports every symbol (19,600), and the
        // runtime's one dladdr at start-up then walks them all (0.7 M of the lecture run's instructions).
        ], swiftSettings: strict, linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--no-export-dynamic"], .when(configuration: .release))]),
        // Scenario texts and temporary folders that more than one test target uses.
        .target(name: "TestSupport", dependencies: ["TextCanvas"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd"], resources: [.copy("Fixtures")], swiftSettings: strict),
        // A million numbers against the formatter the fast one replaced: optimised even in debug
        // builds, or the slow reference alone would take 20 s of the suite.
        .testTarget(name: "NumberFormatTests", dependencies: ["Scenario"], swiftSettings: [.unsafeFlags(["-O"])] + strict),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Autograd", "TestSupport"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "TextCanvasTests", dependencies: ["TextCanvas", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ScreenTests", dependencies: ["Screen", "Scenario", "TextCanvas", "PyTorchCode", "Export", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ExportTests", dependencies: ["Export", "PyTorchCode", "Scenario", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "BackpropTests", dependencies: ["backprop", "TestSupport"], swiftSettings: strict),
        // The server's parts without a network (keys, limits, the byte decoder), and real SSH
        // clients against it: swift-nio-ssh's client side, OpenSSH in tmux.
        .testTarget(name: "ServeTests", dependencies: [
            "Serve", "Scenario", "Screen", "TextCanvas", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
    ]
)
