import Foundation
import NIOPosix
import Scenario
import Screen
@testable import Serve
import Testing
import TestSupport
import TextCanvas

/// Lecture mode: students follow the lecturer's screen at their own size, leave to explore, come
/// back, and answer the lecturer's quiz question.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct LectureTests {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)

    /// A lecturer without a terminal: the state, moved by keys, published as the run loop does.
    final class Lecturer {
        var state: AppState
        let training: Training
        let hall: LectureHall
        init(_ name: String, quiz: Bool = false) throws {
            let scenario = try Builtins.load(name)
            training = try Training(scenario: scenario)
            state = AppState(training: training, width: 100, height: 30, options: AppOptions(quiz: quiz))
            hall = LectureHall(entry: .init(name: name, scenario: scenario), epochs: scenario.train.epochs,
                               options: AppOptions(quiz: quiz), theme: .dark, limits: ServeLimits())
            hall.publish(state.moment)
        }
        func press(_ keys: Key...) {
            for key in keys { _ = state.update(.key(key), training: training) }
            hall.publish(state.moment)
        }
        var header: String {
            _ = state.update(.lecture(hall.role), training: training)
            return state.render().line(0)
        }
    }

    func following(_ lecturer: Lecturer, _ client: TestClient, width: Int, height: Int) throws -> String {
        let training = try Training(scenario: try Builtins.load("linear"))
        var follower = AppState(training: training, width: width, height: height, options: AppOptions(quiz: lecturer.state.quiz != nil))
        _ = follower.update(.lecture(.follower), training: training)
        follower.follow(lecturer.state.moment, run: follower.run, earlier: nil, training: training)
        return follower.render().text
    }

    @Test func fiftyStudentsFollowAtTheirOwnSizesLeaveToExploreAndComeBack() throws {
        let lecturer = try Lecturer("linear")
        let hall = lecturer.hall
        let server = try TestServer.make { start, link in hall.seat(for: start, link: link) }
        defer { server.stop() }
        let sizes = [(80, 24), (100, 30), (120, 40), (160, 45), (200, 50)]
        var clients: [TestClient] = []
        defer { clients.forEach { $0.close() } }
        for k in 0..<50 {
            let (w, h) = sizes[k % sizes.count]
            let client = try TestClient.connect(port: server.port, width: w, height: h, group: group)
            try client.startScreen()
            clients.append(client)
        }
        lecturer.press(.right, .right, .right)
        for (k, client) in clients.enumerated() {
            let (w, h) = sizes[k % sizes.count]
            let expected = try following(lecturer, client, width: w, height: h)
            #expect(client.wait { $0.screen.text == expected }, "student \(k) at \(w)×\(h):\n\(client.text)\n---\n\(expected)")
        }
        #expect(TestClient.wait(seconds: 5) { lecturer.header.contains("50 following · 0 exploring") }, "\(lecturer.header)")

        // Any key but r: that student explores from here (→ steps on, on their own); the others still follow.
        let explorer = clients[0]
        try explorer.type("\u{1B}[C")
        #expect(explorer.waitFor("exploring · r: back to the lecture"), "\(explorer.text)")
        #expect(TestClient.wait(seconds: 5) { lecturer.header.contains("49 following · 1 exploring") }, "\(lecturer.header)")
        lecturer.press(.character("v"))
        let expected = try following(lecturer, clients[1], width: 100, height: 30)
        #expect(clients[1].wait { $0.screen.text == expected }, "a follower sees the lecturer's view")
        #expect(!explorer.text.contains("following the lecture"))

        try explorer.type("r")
        let back = try following(lecturer, explorer, width: 80, height: 24)
        #expect(explorer.wait { $0.screen.text == back }, "r: back where the lecture is\n\(explorer.text)")
        #expect(TestClient.wait(seconds: 5) { lecturer.header.contains("50 following · 0 exploring") })

        try clients[2].type("q")
        #expect(clients[2].wait { $0.closed })
        #expect(TestClient.wait(seconds: 5) { lecturer.header.contains("49 following") })
    }

    @Test func theClassAnswersTheQuizAndTheLecturerSeesTheSpread() throws {
        let lecturer = try Lecturer("linear", quiz: true)
        let hall = lecturer.hall
        let server = try TestServer.make { start, link in hall.seat(for: start, link: link) }
        defer { server.stop() }
        var clients: [TestClient] = []
        defer { clients.forEach { $0.close() } }
        for _ in 0..<4 {
            let client = try TestClient.connect(port: server.port, width: 80, height: 24, group: group)
            try client.startScreen()
            clients.append(client)
        }
        lecturer.press(.right)
        let question = try #require(lecturer.state.question)
        for client in clients { #expect(client.waitFor("y_pred = x · w = 1.0 × 1.0 = ?"), "\(client.text)") }
        try clients[0].type("1.0\r")
        try clients[1].type("1\r")
        try clients[2].type("2.5\r")
        try clients[3].type("\u{1B}")
        #expect(clients[0].waitFor("you answered 1.0"))
        #expect(TestClient.wait(seconds: 5) {
            if case .lecturer(4, 0, let answers?) = lecturer.hall.role { return answers.values.count == 3 && answers.skipped == 1 }
            return false
        }, "\(lecturer.hall.role)")
        guard case .lecturer(_, _, let answers?) = lecturer.hall.role else { return }
        #expect(answers.within(of: question.answer) == 2)
        _ = lecturer.state.update(.lecture(lecturer.hall.role), training: lecturer.training)
        let screen = lecturer.state.render().text
        #expect(screen.contains("3 answered · 1 skipped"), "\(screen)")
        #expect(screen.contains("0 still thinking"), "\(screen)")
        #expect(screen.contains("2 of 3 within the quiz's 1% (66%)"))

        // The lecturer reveals: each student learns how they did.
        lecturer.press(.character("1"), .enter)
        #expect(clients[0].waitFor("right: y_pred = x · w = 1.0 × 1.0 = 1.0"), "\(clients[0].text)")
        #expect(clients[2].waitFor("not quite (you answered 2.5)"), "\(clients[2].text)")
        #expect(clients[3].waitFor("skipped: y_pred"), "\(clients[3].text)")
    }

    @Test func theLectureEndingGivesEveryTerminalBack() throws {
        let lecturer = try Lecturer("linear")
        let hall = lecturer.hall
        let server = try TestServer.make { start, link in hall.seat(for: start, link: link) }
        let clients = try (0..<5).map { _ in try TestClient.connect(port: server.port, group: group) }
        for client in clients { try client.startScreen() }
        for client in clients { #expect(client.waitFor("following the lecture")) }
        lecturer.hall.close()
        server.stop()
        for client in clients {
            #expect(client.wait { $0.closed && $0.exitStatus == 0 })
            #expect(client.waitFor("the lecture ended"))
        }
    }
}
