import Foundation
import NIOPosix
import Scenario
import Screen
@testable import Serve
import Testing
import TestSupport
import TextCanvas

/// `backprop lecture --serve`: one hall for the ideas' scenarios; followers see whichever scenario
/// the lecturer's screen is on, and follow it to the next one.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct LectureOfIdeasTests {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)

    @Test func followersMoveToTheNextIdeasScenarioWithTheLecturer() throws {
        let names = ["linear", "collapse"]
        let scenarios = try names.map { try Builtins.load($0) }
        let hall = LectureHall(entries: zip(names, scenarios).map { .init(name: $0, scenario: $1) },
                               options: AppOptions(), theme: .dark, limits: ServeLimits())
        var lecturer = AppState(training: try Training(scenario: scenarios[0]), width: 100, height: 30)
        hall.publish(lecturer.moment)
        let server = try TestServer.make { start, link in hall.seat(for: start, link: link) }
        defer { server.stop() }
        let client = try TestClient.connect(port: server.port, width: 100, height: 30, group: group)
        defer { client.close() }
        try client.startScreen()
        #expect(client.waitFor("Linear model"), "\(client.text)")

        // PgDn in the lecture: the lecturer's screen is now the next scenario, opened at its screen.
        let next = try #require(Guide.ideas.first { $0.scenario == "collapse" })
        let training = try Training(scenario: scenarios[1])
        lecturer = AppState(training: training, width: 100, height: 30)
        lecturer.open(next, training: training)
        hall.publish(lecturer.moment)
        #expect(client.waitFor("Two linear layers collapse"), "the follower follows into the next scenario:\n\(client.text)")
        #expect(client.waitFor("MM z1"), "at the lecturer's event:\n\(client.text)")
        #expect(!client.text.contains("Linear model"))
    }

    @Test func aStudentMayNameAnyOfTheLecturesScenarios() throws {
        let names = ["linear", "collapse"]
        let hall = LectureHall(entries: try names.map { .init(name: $0, scenario: try Builtins.load($0)) },
                               options: AppOptions(), theme: .dark, limits: ServeLimits())
        let server = try TestServer.make { start, link in hall.seat(for: start, link: link) }
        defer { server.stop() }
        let client = try TestClient.connect(port: server.port, width: 100, height: 30, group: group)
        defer { client.close() }
        try client.startScreen(exec: "sh")
        #expect(client.wait { $0.closed }, "a command that is none of the lecture's scenarios is refused")
    }
}
