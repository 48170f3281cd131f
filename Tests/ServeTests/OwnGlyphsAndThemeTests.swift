import Foundation
import NIOPosix
import Scenario
import Screen
@testable import Serve
import Testing
import TestSupport
import TextCanvas

/// Every connection is its own screen in its glyphs and colours: `a` (ASCII / Unicode) and `T`
/// (dark · light · mono) change that student's screen alone, as they would a local `backprop run`.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OwnGlyphsAndThemeTests {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// The SGR of the header's first cell (inverse in every theme, coloured by the theme).
    func headerSGR(_ client: TestClient) -> String { client.seen.withLockedValue { $0.screen.cells.first?.sgr ?? "" } }

    @Test func aSessionSwitchesToAsciiAndBackAndCyclesItsTheme() throws {
        let server = try TestServer.sessions()
        defer { server.stop() }
        let client = try TestClient.connect(port: server.port, width: 100, height: 30, group: group)
        defer { client.close() }
        let other = try TestClient.connect(port: server.port, width: 100, height: 30, group: group)
        defer { other.close() }
        try client.startScreen(exec: "linear")
        try other.startScreen(exec: "linear")
        #expect(client.waitFor("┌ graph"), "\(client.text)")
        #expect(other.waitFor("┌ graph"), "\(other.text)")

        try client.type("a")
        let ascii = try localScreen("linear", width: 100, height: 30, keys: [.character("a")])
        #expect(client.wait { $0.screen.text == ascii }, "\(client.text)\n---\n\(ascii)")
        #expect(!client.text.contains { !$0.isASCII }, "\(client.text)")
        try client.type("a")
        let unicode = try localScreen("linear", width: 100, height: 30)
        #expect(client.wait { $0.screen.text == unicode }, "a again: Unicode\n\(client.text)")

        let dark = headerSGR(client)
        try client.type("T")
        #expect(client.wait { $0.screen.cells.first?.sgr != dark }, "T: the light theme's colours")
        let light = headerSGR(client)
        try client.type("T")
        #expect(client.wait { $0.screen.cells.first?.sgr != light }, "T: mono")
        #expect(!headerSGR(client).contains("38;5"), "mono sends no colour: \(headerSGR(client))")
        #expect(client.text == unicode, "the theme changes colours, not text")
        #expect(headerSGR(other) == dark, "the other student's screen keeps its own theme")
        #expect(other.text.contains("┌ graph"))
    }

    @Test func aFollowerChangesGlyphsAndThemeAndStaysInTheLecture() throws {
        let scenario = try Builtins.load("linear")
        let training = try Training(scenario: scenario)
        var lecturer = AppState(training: training, width: 100, height: 30)
        let hall = LectureHall(entry: .init(name: "linear", scenario: scenario), epochs: scenario.train.epochs,
                               options: AppOptions(), theme: .dark, limits: ServeLimits())
        hall.publish(lecturer.moment)
        let server = try TestServer.make { start, link in hall.seat(for: start, link: link) }
        defer { server.stop() }
        let student = try TestClient.connect(port: server.port, width: 80, height: 24, group: group)
        defer { student.close() }
        let neighbour = try TestClient.connect(port: server.port, width: 80, height: 24, group: group)
        defer { neighbour.close() }
        try student.startScreen()
        try neighbour.startScreen()
        #expect(student.waitFor("following the lecture"), "\(student.text)")
        #expect(neighbour.waitFor("following the lecture"), "\(neighbour.text)")
        let dark = headerSGR(student)

        try student.type("aT")
        #expect(student.wait { !$0.screen.text.contains { !$0.isASCII } && $0.screen.cells.first?.sgr != dark }, "\(student.text)")
        #expect(TestClient.wait(seconds: 5) { hall.role == .lecturer(following: 2, exploring: 0, answers: nil) }, "a and T do not leave the lecture")

        _ = lecturer.update(.key(.right), training: training)
        _ = lecturer.update(.key(.right), training: training)
        hall.publish(lecturer.moment)
        let position = HeaderPanel.positionText(lecturer.event, in: lecturer.run) + "  " + lecturer.event.phase.rawValue
        #expect(student.waitFor(position), "the student follows on, in ASCII: \(student.text)")
        #expect(!student.text.contains { !$0.isASCII }, "\(student.text)")
        #expect(neighbour.waitFor(position), "\(neighbour.text)")
        #expect(neighbour.text.contains("┌ graph"), "the neighbour keeps Unicode")
        #expect(headerSGR(neighbour) == dark, "and the dark theme")
    }
}
