import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH
import TestSupport

/// An SSH client for the tests, on swift-nio-ssh's client side: logs in (a password, or none),
/// asks for a PTY and a shell or an exec, and reads what the server draws into an `AnsiScreen`.
/// Every wait is bounded, so a broken server fails a test rather than hanging the suite.
final class TestClient: Sendable {
    struct Seen: Sendable {
        var screen: AnsiScreen
        var bytes = 0
        var replies: [Bool] = []
        var exitStatus: Int?
        var closed = false
    }

    let group: MultiThreadedEventLoopGroup
    let connection: Channel
    let session: Channel
    let seen: NIOLockedValueBox<Seen>

    enum Failure: Error { case timeout(String), refused(String) }

    /// Connects and opens a session channel (no requests yet); throws when login fails.
    static func connect(port: Int, user: String = "student", password: String? = nil, width: Int = 100, height: Int = 30,
                        receiveBuffer: Int? = nil, group: MultiThreadedEventLoopGroup) throws -> TestClient {
        let seen = NIOLockedValueBox(Seen(screen: AnsiScreen(width: width, height: height)))
        var bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(5))
        if let receiveBuffer {
            // A small socket buffer: a client that stops reading is felt by the server at once.
            bootstrap = bootstrap.channelOption(ChannelOptions.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
        }
        bootstrap = bootstrap
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let config = SSHClientConfiguration(userAuthDelegate: Login(user: user, password: password), serverAuthDelegate: TrustAnyHost())
                    try channel.pipeline.syncOperations.addHandler(NIOSSHHandler(role: .client(config), allocator: channel.allocator, inboundChildChannelInitializer: nil))
                }
            }
        let connection = try bootstrap.connect(host: "127.0.0.1", port: port).wait()
        let promise = connection.eventLoop.makePromise(of: Channel.self)
        connection.pipeline.handler(type: NIOSSHHandler.self).whenComplete { result in
            switch result {
            case .success(let handler):
                handler.createChannel(promise, channelType: .session) { child, _ in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(Reader(seen: seen))
                    }
                }
            case .failure(let error):
                promise.fail(error)
            }
        }
        let timeout = connection.eventLoop.scheduleTask(in: .seconds(10)) { promise.fail(Failure.timeout("login")) }
        defer { timeout.cancel() }
        let session = try promise.futureResult.wait()
        return TestClient(group: group, connection: connection, session: session, seen: seen)
    }

    private init(group: MultiThreadedEventLoopGroup, connection: Channel, session: Channel, seen: NIOLockedValueBox<Seen>) {
        self.group = group
        self.connection = connection
        self.session = session
        self.seen = seen
    }

    func request(_ event: any Sendable) throws {
        try session.triggerUserOutboundEvent(event).wait()
    }

    /// A PTY of the client's size, then a shell (or `exec` the command).
    func startScreen(term: String = "xterm-256color", exec: String? = nil, width: Int? = nil, height: Int? = nil) throws {
        let (w, h) = seen.withLockedValue { (width ?? $0.screen.width, height ?? $0.screen.height) }
        try request(SSHChannelRequestEvent.PseudoTerminalRequest(wantReply: true, term: term, terminalCharacterWidth: w, terminalRowHeight: h,
                                                                   terminalPixelWidth: 0, terminalPixelHeight: 0, terminalModes: SSHTerminalModes([:])))
        if let exec {
            try request(SSHChannelRequestEvent.ExecRequest(command: exec, wantReply: true))
        } else {
            try request(SSHChannelRequestEvent.ShellRequest(wantReply: true))
        }
    }

    func type(_ text: String) throws {
        var buffer = session.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        try session.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(buffer))).wait()
    }

    /// The window changes; the client's own screen starts blank at the new size, as a terminal's redraw would need.
    func resize(width: Int, height: Int) throws {
        seen.withLockedValue { $0.screen.resize(width: width, height: height) }
        try request(SSHChannelRequestEvent.WindowChangeRequest(terminalCharacterWidth: width, terminalRowHeight: height, terminalPixelWidth: 0, terminalPixelHeight: 0))
    }

    var text: String { seen.withLockedValue { $0.screen.text } }
    var bytes: Int { seen.withLockedValue { $0.bytes } }
    var replies: [Bool] { seen.withLockedValue { $0.replies } }
    var exitStatus: Int? { seen.withLockedValue { $0.exitStatus } }
    var isClosed: Bool { seen.withLockedValue { $0.closed } }

    /// Waits (at most `seconds`) until `condition` holds of what was seen; returns whether it did.
    @discardableResult
    func wait(seconds: Double = 10, until condition: (Seen) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if seen.withLockedValue({ condition($0) }) { return true }
            usleep(20_000)
        }
        return false
    }

    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) -> Bool { wait(seconds: seconds) { $0.screen.text.contains(text) } }

    /// Stops reading from the socket (a client whose terminal froze), or reads again.
    func setReading(_ on: Bool) throws {
        try connection.setOption(ChannelOptions.autoRead, value: on).wait()
        if on { connection.read() }
    }

    func close() {
        try? connection.close().wait()
    }
}

/// Offers a password when one is given, else logs in with none.
private final class Login: NIOSSHClientUserAuthenticationDelegate {
    let user: String
    let password: String?
    var offered = false

    init(user: String, password: String?) {
        self.user = user
        self.password = password
    }

    func nextAuthenticationType(availableMethods: NIOSSHAvailableUserAuthenticationMethods,
                                nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>) {
        guard !offered else { return nextChallengePromise.fail(TestClient.Failure.refused("login refused")) }
        offered = true
        if let password, availableMethods.contains(.password) {
            nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: user, serviceName: "", offer: .password(.init(password: password))))
        } else {
            nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: user, serviceName: "", offer: .none))
        }
    }
}

private final class TrustAnyHost: NIOSSHClientServerAuthenticationDelegate {
    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        validationCompletePromise.succeed(())
    }
}

/// Feeds the session's bytes to the screen and notes replies, the exit status and the close.
private final class Reader: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData
    let seen: NIOLockedValueBox<TestClient.Seen>

    init(seen: NIOLockedValueBox<TestClient.Seen>) { self.seen = seen }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .byteBuffer(var buffer) = message.data, let bytes = buffer.readBytes(length: buffer.readableBytes) else { return }
        seen.withLockedValue {
            $0.bytes += bytes.count
            if case .channel = message.type { $0.screen.feed(bytes) }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        seen.withLockedValue { s in
            switch event {
            case is ChannelSuccessEvent: s.replies.append(true)
            case is ChannelFailureEvent: s.replies.append(false)
            case let status as SSHChannelRequestEvent.ExitStatus: s.exitStatus = status.exitStatus
            default: break
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        seen.withLockedValue { $0.closed = true }
        context.fireChannelInactive()
    }
}
