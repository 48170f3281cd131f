import Foundation
import Testing
@testable import Scenario

/// The shipped scenarios are built into the binary byte for byte: every file of the Builtin folder,
/// and nothing else.
struct BuiltinFilesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Scenario/Builtin")

    @Test func everyShippedFileIsBuiltInByteForByte() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(BuiltinFiles.names == files)
        for name in files {
            let bytes = try #require(FileManager.default.contents(atPath: Self.folder.appendingPathComponent(name).path))
            #expect(Builtins.bytes(ofFile: name) == Array(bytes), "\(name)")
        }
        #expect(Builtins.bytes(ofFile: "no-such.csv") == nil)
    }

    @Test func aShippedScenarioReadsItsDataFromTheBinaryNotTheWorkingFolder() throws {
        let circle = try Builtins.load("circle")
        #expect(circle.dataFile?.path == "circle.csv" && circle.sampleCount > 0)
        #expect(Builtins.names.first == "linear" && Builtins.names.contains("digits") && !Builtins.names.contains("digits.csv"))
    }

    /// `backprop list` reads a summary from the file alone: it is the one the whole load gives.
    @Test func theSummaryReadAloneIsTheLoadedScenarios() throws {
        for name in Builtins.names {
            #expect(Builtins.summary(of: name) == (try Builtins.load(name)).summary, "\(name)")
        }
        #expect(Builtins.summary(of: "no-such") == nil)
    }
}
