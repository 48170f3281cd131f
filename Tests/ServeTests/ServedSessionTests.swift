import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import Scenario
import Screen
@testable import Serve
import Testing
import TestSupport
import TextCanvas

/// A server in this process on a free loopback port, with a host key in a folder of its own.
struct TestServer {
    let server: SSHServer
    let port: Int
    let folder: URL

    static func make(access: Access = .open, limits: ServeLimits = ServeLimits(), start: @escaping SSHServer.Start) throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        let key = try HostKey.loadOrCreate(at: folder.appendingPathComponent("backprop/key").path)
        var config = ServeConfiguration(host: "127.0.0.1", port: 0, access: access, hostKey: key)
        config.limits = limits
        let server = SSHServer(config, threads: 2, start: start)
        let port = try server.start()
        return TestServer(server: server, port: port, folder: folder)
    }

    static func sessions(_ names: [String] = ["linear", "xor"], access: Access = .open, limits: ServeLimits = ServeLimits(),
                         options: AppOptions = AppOptions()) throws -> TestServer {
        let entries = try names.map { ServedScenarios.Entry(name: $0, scenario: try Builtins.load($0)) }
        return try make(access: access, limits: limits,
                        start: ServedSessions.starter(scenarios: ServedScenarios(entries), options: options, theme: .dark, limits: limits))
    }

    func stop() {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The screen `backprop run` would show locally for the same scenario, size and keys.
func localScreen(_ name: String, width: Int, height: Int, keys: [Key] = []) throws -> String {
    let training = try Training(scenario: try Builtins.load(name))
    var state = AppState(training: training, width: width, height: height)
    for key in keys { _ = state.update(.key(key), training: training) }
    return state.render().text
}

/// `backprop serve`: each session a screen of its own, drawn as the local screen is.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ServedSessionTests {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    @Test func aSessionShowsWhatTheLocalScreenShowsKeysAndResizesIncluded() throws {
        let server = try TestServer.sessions()
        defer { server.stop() }
        let client = try TestClient.connect(port: server.port, width: 100, height: 30, group: group)
        defer { client.close() }
        try client.startScreen(exec: "linear")
        let first = try localScreen("linear", width: 100, height: 30)
        #expect(client.wait { $0.screen.text == first }, "\(client.text)")
        try client.type("\u{1B}[C\u{1B}[Cl")
        let stepped = try localScreen("linear", width: 100, height: 30, keys: [.right, .right, .character("l")])
        #expect(client.wait { $0.screen.text == stepped }, "\(client.text)\n---\n\(stepped)")
        try client.resize(width: 80, height: 24)
        let small = try localScreen("linear", width: 80, height: 24, keys: [.right, .right, .character("l")])
        #expect(client.wait { $0.screen.text == small }, "a resize redraws whole at the new size:\n\(client.text)")
        try client.type("q")
        #expect(client.wait { $0.closed && $0.exitStatus == 0 }, "q ends the session with status 0")
    }

    @Test func theUserNamePicksTheScenarioAndNoneGivesTheMenu() throws {
        let server = try TestServer.sessions()
        defer { server.stop() }
        let named = try TestClient.connect(port: server.port, user: "xor", group: group)
        defer { named.close() }
        try named.startScreen()
        #expect(named.waitFor("XOR"), "\(named.text)")
        let menu = try TestClient.connect(port: server.port, user: "root", group: group)
        defer { menu.close() }
        try menu.startScreen()
        #expect(menu.waitFor("pick a scenario"), "\(menu.text)")
        #expect(menu.text.contains("linear") && menu.text.contains("xor"))
        try menu.type("2")
        #expect(menu.waitFor("XOR"), "2 opens the second: \(menu.text)")
    }

    @Test func commandsSubsystemsForwardingAndOtherEnvironmentAreRefused() throws {
        let server = try TestServer.sessions()
        defer { server.stop() }
        let exec = try TestClient.connect(port: server.port, group: group)
        defer { exec.close() }
        try exec.startScreen(exec: "cat /etc/passwd")
        #expect(exec.wait { $0.closed }, "a command that is not a scenario's name ends the session")
        #expect(exec.exitStatus == 1)
        #expect(!exec.text.contains("root:"), "nothing was run")

        // The command is echoed escaped: an escape code in it (clear the screen, set the title)
        // never reaches the student's terminal.
        let hostile = try TestClient.connect(port: server.port, group: group)
        defer { hostile.close() }
        try hostile.startScreen(exec: "x\u{1B}]2;TITLE\u{07}\u{1B}[2J\u{202E}")
        #expect(hostile.wait { $0.closed })
        #expect(hostile.text.contains("x\\u{1B}]2;TITLE\\u{7}\\u{1B}[2J\\u{202E}"), "\(hostile.text)")
        #expect(!hostile.text.unicodeScalars.contains("\u{1B}") || !hostile.text.contains("\u{1B}]2;"), "\(hostile.text)")

        let sftp = try TestClient.connect(port: server.port, group: group)
        defer { sftp.close() }
        try sftp.request(SSHChannelRequestEvent.SubsystemRequest(subsystem: "sftp", wantReply: true))
        try sftp.request(SSHChannelRequestEvent.EnvironmentRequest(wantReply: true, name: "LD_PRELOAD", value: "/tmp/x.so"))
        try sftp.request(SSHChannelRequestEvent.EnvironmentRequest(wantReply: true, name: "LANG", value: "C.UTF-8"))
        #expect(sftp.wait { $0.replies.count == 3 })
        #expect(sftp.replies == [false, false, true], "sftp refused, LD_PRELOAD refused, LANG taken")

        // ssh -L: a direct-tcpip channel to anywhere is refused.
        let promise = sftp.connection.eventLoop.makePromise(of: Channel.self)
        let target = SSHChannelType.DirectTCPIP(targetHost: "127.0.0.1", targetPort: server.port,
                                                originatorAddress: try SocketAddress(ipAddress: "127.0.0.1", port: 1))
        sftp.connection.pipeline.handler(type: NIOSSHHandler.self).whenSuccess { handler in
            handler.createChannel(promise, channelType: .directTCPIP(target)) { channel, _ in channel.eventLoop.makeSucceededVoidFuture() }
        }
        #expect(throws: (any Error).self) { try promise.futureResult.wait() }
    }

    @Test func aWrongPasswordGetsNoScreen() throws {
        var limits = ServeLimits()
        limits.handshakeSeconds = 2
        let server = try TestServer.sessions(access: .password("tensor"), limits: limits)
        defer { server.stop() }
        #expect(throws: (any Error).self) { try TestClient.connect(port: server.port, password: "wrong", group: group) }
        #expect(throws: (any Error).self) { try TestClient.connect(port: server.port, group: group) }
        let right = try TestClient.connect(port: server.port, password: "tensor", group: group)
        defer { right.close() }
        try right.startScreen(exec: "linear")
        #expect(right.waitFor("Linear model"))
    }

    @Test func tinyGiantAndGarbageAffectThatClientAlone() throws {
        let server = try TestServer.sessions()
        defer { server.stop() }
        let watcher = try TestClient.connect(port: server.port, width: 80, height: 24, group: group)
        defer { watcher.close() }
        try watcher.startScreen(exec: "linear")
        #expect(watcher.waitFor("Linear model"))

        let tiny = try TestClient.connect(port: server.port, width: 0, height: 0, group: group)
        defer { tiny.close() }
        try tiny.startScreen(exec: "linear")
        let giant = try TestClient.connect(port: server.port, width: 100, height: 30, group: group)
        defer { giant.close() }
        try giant.startScreen(exec: "xor", width: 100_000, height: 100_000)
        #expect(giant.wait { $0.bytes > 1000 }, "drawn at the limit, not at 10^10 cells")
        try giant.type(String(decoding: (0..<2000).map { _ in UInt8.random(in: 0...255) }, as: UTF8.self))
        try tiny.type("\u{1B}[<0;999999;999999M\u{1B}[99999999999999999999A\u{1B}")

        // Raw garbage instead of SSH: that connection closes.
        let raw = try ClientBootstrap(group: group).connect(host: "127.0.0.1", port: server.port).wait()
        var junk = raw.allocator.buffer(capacity: 4096)
        junk.writeBytes((0..<4096).map { _ in UInt8.random(in: 0...255) })
        try? raw.writeAndFlush(junk).wait()
        #expect((try? raw.closeFuture.wait()) != nil)

        // Cut mid-frame: a client closing while it is sent a frame.
        let cut = try TestClient.connect(port: server.port, group: group)
        try cut.startScreen(exec: "xor")
        cut.close()

        try watcher.type("l")
        let stepped = try localScreen("linear", width: 80, height: 24, keys: [.character("l")])
        #expect(watcher.wait { $0.screen.text == stepped }, "the other client goes on as if nothing happened:\n\(watcher.text)")
    }

    @Test func aClientThatStopsReadingCostsNoMoreMemoryAndIsRedrawnWhole() throws {
        var limits = ServeLimits()
        limits.unsentBytes = 64 * 1024
        let server = try TestServer.sessions(["deep193"], limits: limits)
        defer { server.stop() }
        let client = try TestClient.connect(port: server.port, width: 200, height: 50, receiveBuffer: 4096, group: group)
        defer { client.close() }
        try client.startScreen(exec: "deep193")
        #expect(client.waitFor("epoch"))
        try client.setReading(false)
        // Its keys still arrive: each makes a frame (an epoch on), hundreds of kilobytes in all, that it does not read.
        let keys = (0..<240).map { Key.character($0 % 2 == 0 ? "v" : "]") }
        for key in keys {
            if case .character(let c) = key { try client.type(String(c)) }
        }
        let links = server.server.registry.all
        #expect(links.count == 1)
        // However long the frames take to make (a loaded machine), none piles up: they are dropped.
        var most = 0
        let dropped = TestClient.wait(seconds: 30) {
            most = max(most, links.map(\.unsent).max() ?? 0)
            return links.allSatisfy { $0.droppedFrames > 0 }
        }
        #expect(dropped, "frames were dropped, not queued")
        #expect(most <= limits.unsentBytes, "unsent at most \(most)")
        try client.setReading(true)
        // Once it reads again it gets the screen whole, as it is now.
        let now = try localScreen("deep193", width: 200, height: 50, keys: keys)
        #expect(client.wait(seconds: 15) { $0.screen.text == now }, "\(client.text)")
    }

    @Test func limitsRefuseTheClientTooMany() throws {
        var limits = ServeLimits()
        limits.clients = 2
        let server = try TestServer.sessions(limits: limits)
        defer { server.stop() }
        let a = try TestClient.connect(port: server.port, group: group)
        let b = try TestClient.connect(port: server.port, group: group)
        defer { a.close(); b.close() }
        #expect(throws: (any Error).self) { try TestClient.connect(port: server.port, group: group) }
        a.close()
        #expect(TestClient.wait(seconds: 5) { server.server.clientCount == 1 })
        let c = try TestClient.connect(port: server.port, group: group)
        c.close()

        var rate = ServeLimits()
        rate.connectionsPerMinute = 3
        let limited = try TestServer.sessions(limits: rate)
        defer { limited.stop() }
        for _ in 0..<3 { try TestClient.connect(port: limited.port, group: group).close() }
        #expect(throws: (any Error).self) { try TestClient.connect(port: limited.port, group: group) }
    }

    @Test func aClientThatNeverLogsInIsLetGo() throws {
        var limits = ServeLimits()
        limits.handshakeSeconds = 0.5
        let server = try TestServer.sessions(limits: limits)
        defer { server.stop() }
        let raw = try ClientBootstrap(group: group).connect(host: "127.0.0.1", port: server.port).wait()
        let closed = raw.eventLoop.makePromise(of: Void.self)
        raw.closeFuture.cascade(to: closed)
        let timeout = raw.eventLoop.scheduleTask(in: .seconds(5)) { closed.fail(TestClient.Failure.timeout("handshake")) }
        #expect(throws: Never.self) { try closed.futureResult.wait() }
        timeout.cancel()
    }
}

extension TestClient {
    /// Waits at most `seconds` for a condition on anything.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return false
    }
}
