import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH

/// How a server is set up: where it listens, who may in, its key and its limits.
public struct ServeConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var access: Access
    public var hostKey: HostKey
    public var limits = ServeLimits()

    public init(host: String, port: Int, access: Access, hostKey: HostKey) {
        self.host = host
        self.port = port
        self.access = access
        self.hostKey = hostKey
    }
}

/// The live screens, so that stopping the server can give every client its terminal back.
final class SessionRegistry: Sendable {
    private let links = NIOLockedValueBox([ObjectIdentifier: ClientLink]())

    func add(_ link: ClientLink) { links.withLockedValue { $0[ObjectIdentifier(link)] = link } }
    func remove(_ link: ClientLink) { _ = links.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(link)) } }
    var all: [ClientLink] { links.withLockedValue { Array($0.values) } }
}

/// An SSH server on SwiftNIO: every session that asks for a PTY and a shell (or an exec naming a
/// scenario) gets the app `start` makes for it. Nothing else is served: no commands, no
/// forwarding of ports or agents, no subsystems. Starts on `start()`, ends on `stop()`.
public final class SSHServer: Sendable {
    public typealias Start = @Sendable (SessionStart, ClientLink) -> Result<SessionApp, SessionRefusal>

    let configuration: ServeConfiguration
    let group: MultiThreadedEventLoopGroup
    let ledger: ConnectionLedger
    let registry = SessionRegistry()
    let connections = NIOLockedValueBox([ObjectIdentifier: Channel]())
    let listener = NIOLockedValueBox<Channel?>(nil)
    let startApp: Start

    public init(_ configuration: ServeConfiguration, threads: Int = 1, start: @escaping Start) {
        self.configuration = configuration
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        ledger = ConnectionLedger(limits: configuration.limits)
        startApp = start
    }

    /// Listens; returns the port (the one asked for, or the one given for port 0).
    @discardableResult
    public func start() throws -> Int {
        let hostKey = configuration.hostKey.nioKey
        let access = configuration.access
        let limits = configuration.limits
        let ledger = self.ledger
        let registry = self.registry
        let connections = self.connections
        let startApp = self.startApp
        let clock = ContinuousClock()
        let origin = clock.now
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            // The kernel's buffer per client bounded too (it grows to megabytes by itself): a client
            // that stops reading is felt within a few frames, and 250 of them cost little.
            .childChannelOption(ChannelOptions.socketOption(.so_sndbuf), value: SocketOptionValue(limits.socketBuffer))
            .childChannelInitializer { channel in
                let address = channel.remoteAddress?.ipAddress ?? "?"
                let elapsed = clock.now - origin
                let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                if ledger.admit(address: address, now: now) != nil {
                    return channel.close()
                }
                let id = ObjectIdentifier(channel)
                connections.withLockedValue { $0[id] = channel }
                channel.closeFuture.whenComplete { _ in
                    ledger.release()
                    _ = connections.withLockedValue { $0.removeValue(forKey: id) }
                }
                return channel.eventLoop.makeCompletedFuture {
                    let user = NIOLoopBoundBox("", eventLoop: channel.eventLoop)
                    let delegate = AccessDelegate(access: access) { name in user.value = name }
                    let guardian = ConnectionGuard(limits: limits)
                    let ssh = NIOSSHHandler(
                        role: .server(.init(hostKeys: [hostKey], userAuthDelegate: delegate, globalRequestDelegate: RefuseForwarding())),
                        allocator: channel.allocator,
                        inboundChildChannelInitializer: { child, type in
                            guard case .session = type else {
                                // Port forwarding (direct-tcpip) and anything else that is not a session.
                                return child.eventLoop.makeFailedFuture(ChannelRefused())
                            }
                            return child.eventLoop.makeCompletedFuture {
                                let session = SessionChannel(user: user.value, limits: limits, registry: registry) { start, link in
                                    startApp(start, link).mapError { SessionChannel.Refusal(message: $0.message, exitStatus: $0.exitStatus) }
                                }
                                try child.pipeline.syncOperations.addHandler(session)
                            }
                        })
                    try channel.pipeline.syncOperations.addHandler(guardian)
                    try channel.pipeline.syncOperations.addHandler(ssh)
                    try channel.pipeline.syncOperations.addHandler(AuthenticationWatch(guardian: guardian))
                }
            }
        do {
            let channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
            listener.withLockedValue { $0 = channel }
            return channel.localAddress?.port ?? configuration.port
        } catch {
            try? group.syncShutdownGracefully()
            throw ServeError.cannotListen("cannot listen on \(configuration.host) port \(configuration.port): \(error)")
        }
    }

    /// Clients connected now.
    public var clientCount: Int { ledger.open }

    /// Stops listening, gives every screen its terminal back, closes every connection and the threads.
    public func stop() {
        if let channel = listener.withLockedValue({ $0 }) { try? channel.close().wait() }
        for link in registry.all { link.finish(exitStatus: 0, message: "backprop: the server stopped") }
        // A moment for the goodbyes to leave, then everything closes.
        usleep(100_000)
        for channel in connections.withLockedValue({ Array($0.values) }) { channel.close(promise: nil) }
        try? group.syncShutdownGracefully()
    }
}

/// Why a session gets no screen, shown to the client, with the exit status `ssh` returns.
public struct SessionRefusal: Error, Sendable {
    public var message: String
    public var exitStatus: Int

    public init(_ message: String, exitStatus: Int = 1) {
        self.message = message
        self.exitStatus = exitStatus
    }
}

/// A channel that is not a session (port forwarding): the client is told it failed.
struct ChannelRefused: Error {}

/// `tcpip-forward` (ssh -R): refused.
struct RefuseForwarding: GlobalRequestDelegate {}

/// Closes a connection that has not logged in within the handshake time, or sent nothing for the idle time.
final class ConnectionGuard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let limits: ServeLimits
    private var handshake: Scheduled<Void>?
    private var idle: Scheduled<Void>?
    private var authenticated = false

    init(limits: ServeLimits) { self.limits = limits }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        handshake = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(limits.handshakeSeconds * 1000))) {
            channel.close(promise: nil)
        }
        resetIdle(channel)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        handshake?.cancel()
        idle?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        resetIdle(context.channel)
        context.fireChannelRead(data)
    }

    func loggedIn() {
        authenticated = true
        handshake?.cancel()
        handshake = nil
    }

    private func resetIdle(_ channel: Channel) {
        idle?.cancel()
        idle = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(min(limits.idleSeconds, 1e9) * 1000))) {
            channel.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Garbage from a client ends that client's connection, nothing else.
        context.close(promise: nil)
    }
}

/// Tells the guard when the SSH handler lets the client in.
final class AuthenticationWatch: ChannelInboundHandler {
    typealias InboundIn = Any
    let guardian: ConnectionGuard

    init(guardian: ConnectionGuard) { self.guardian = guardian }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is UserAuthSuccessEvent { guardian.loggedIn() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
