import Dispatch
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH

/// A follower for the serve benchmark: logs in, asks for a PTY of its size and a shell, and
/// notes when its bytes arrive (monotonic nanoseconds, bytes so far), so that the server's
/// record of what it sent and when the moment was made gives each frame's latency.
public final class BenchFollower: Sendable {
    let arrivals: NIOLockedValueBox<[(UInt64, Int)]>
    let connection: Channel

    public static func connect(port: Int, user: String, width: Int, height: Int, group: EventLoopGroup) throws -> BenchFollower {
        let arrivals = NIOLockedValueBox<[(UInt64, Int)]>([])
        let connection = try ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let config = SSHClientConfiguration(userAuthDelegate: NoPassword(user: user), serverAuthDelegate: AnyHostKey())
                    try channel.pipeline.syncOperations.addHandler(NIOSSHHandler(role: .client(config), allocator: channel.allocator, inboundChildChannelInitializer: nil))
                }
            }
            .connect(host: "127.0.0.1", port: port).wait()
        let promise = connection.eventLoop.makePromise(of: Channel.self)
        connection.pipeline.handler(type: NIOSSHHandler.self).whenComplete { result in
            guard case .success(let handler) = result else { return promise.fail(ChannelRefused()) }
            handler.createChannel(promise, channelType: .session) { child, _ in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Arrivals(arrivals: arrivals)) }
            }
        }
        let session = try promise.futureResult.wait()
        try session.triggerUserOutboundEvent(SSHChannelRequestEvent.PseudoTerminalRequest(
            wantReply: true, term: "xterm-256color", terminalCharacterWidth: width, terminalRowHeight: height,
            terminalPixelWidth: 0, terminalPixelHeight: 0, terminalModes: SSHTerminalModes([:]))).wait()
        try session.triggerUserOutboundEvent(SSHChannelRequestEvent.ShellRequest(wantReply: true)).wait()
        return BenchFollower(connection: connection, arrivals: arrivals)
    }

    private init(connection: Channel, arrivals: NIOLockedValueBox<[(UInt64, Int)]>) {
        self.connection = connection
        self.arrivals = arrivals
    }

    /// (arrival time in monotonic nanoseconds, bytes received so far), in order.
    public var received: [(UInt64, Int)] { arrivals.withLockedValue { $0 } }

    public func close() { try? connection.close().wait() }
}

private final class NoPassword: NIOSSHClientUserAuthenticationDelegate {
    let user: String
    init(user: String) { self.user = user }
    func nextAuthenticationType(availableMethods: NIOSSHAvailableUserAuthenticationMethods,
                                nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>) {
        nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: user, serviceName: "", offer: .none))
    }
}

private final class AnyHostKey: NIOSSHClientServerAuthenticationDelegate {
    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        validationCompletePromise.succeed(())
    }
}

private final class Arrivals: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData
    let arrivals: NIOLockedValueBox<[(UInt64, Int)]>
    var total = 0
    init(arrivals: NIOLockedValueBox<[(UInt64, Int)]>) { self.arrivals = arrivals }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case .byteBuffer(let buffer) = message.data else { return }
        total += buffer.readableBytes
        let now = DispatchTime.now().uptimeNanoseconds
        let total = self.total
        arrivals.withLockedValue { $0.append((now, total)) }
    }
}
