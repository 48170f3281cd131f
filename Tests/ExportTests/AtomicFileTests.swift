import Foundation
import Testing
@testable import Export
import Scenario

struct AtomicFileTests {
    struct Boom: Error {}

    func entries(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func exportReplacesTheFileWholeAndLeavesNoTempFiles() throws {
        let dir = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("loss.csv")
        try "old\n".write(to: file, atomically: false, encoding: .utf8)
        let text = try LossTable.csv(Builtins.load("linear"))
        try AtomicFile.write(text, to: file.path)
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        #expect(try entries(dir) == ["loss.csv"])
    }

    @Test func failedExportLeavesTheOldFileUntouched() throws {
        let dir = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("graph.dot")
        try "old\n".write(to: file, atomically: false, encoding: .utf8)
        let scenario = try Builtins.load("linear")
        #expect(throws: ExportError.self) {
            try AtomicFile.write(to: file.path) { try DotGraph.render(scenario, step: 10_000) }
        }
        #expect(throws: Boom.self) {
            try AtomicFile.write(to: file.path) { throw Boom() }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "old\n")
        #expect(try entries(dir) == ["graph.dot"])
    }

    @Test func failedExportCreatesNoFile() throws {
        let dir = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: Boom.self) {
            try AtomicFile.write(to: dir.appendingPathComponent("new.csv").path) { throw Boom() }
        }
        #expect(try entries(dir) == [])
    }

    @Test func missingDirectoryIsAClearError() throws {
        let dir = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("no/such/dir/out.csv").path
        do {
            try AtomicFile.write("x", to: path)
            Issue.record("writing into a missing directory should fail")
        } catch {
            #expect(error.description.contains("cannot write"))
        }
        #expect(try entries(dir) == [])
    }

    @Test func replacingKeepsTheFilesPermissions() throws {
        let dir = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("train.py").path
        try "old".write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        try AtomicFile.write("new", to: file)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }
}
