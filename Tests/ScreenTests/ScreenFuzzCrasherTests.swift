import Foundation
import Testing

/// Every stream in `Fuzz/regressions/screen` — crashers the screen fuzzer found and the streams it
/// starts from — fed through the screen's update with its invariants checked after each action
/// (ScreenStream), as `Fuzz/run.sh screen` does.
struct ScreenFuzzCrasherTests {
    static let inputs: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/regressions/screen").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }()

    @Test func theRegressionFolderHoldsStreams() {
        #expect(Self.inputs.count >= 4)
    }

    @Test(arguments: inputs)
    func aStreamKeepsTheScreensInvariants(path: String) {
        let bytes = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
        #expect(!bytes.isEmpty)
        #expect(ScreenStream.run(bytes) == nil, "\((path as NSString).lastPathComponent)")
    }
}
