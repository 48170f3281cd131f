import NIOCore
import NIOSSH
import Scenario

/// What a session asked for when it started its screen: the terminal and the scenario it named
/// (by its exec command or its user name), if any.
public struct SessionStart: Sendable {
    public var terminal: ClientTerminal
    /// The exec command (`ssh -t host xor`), or nil for a shell.
    public var command: String?
    public var user: String
}

/// An app on one client's screen (a session of its own, a follower of a lecture, a menu): it is
/// told about keys, resizes and the connection, and writes through its `ClientLink`.
public protocol SessionApp: AnyObject, Sendable {
    func input(_ bytes: [UInt8])
    func resize(width: Int, height: Int)
    /// The client caught up after frames were dropped: draw whole.
    func redrawWhole()
    /// The connection is gone (or the server is stopping): let go of everything.
    func closed()
}

/// One SSH session channel: answers its requests (a PTY and a shell or an exec naming a scenario
/// get a screen; TERM and LANG are the only environment taken; subsystems such as sftp, other
/// environment and any command that is not a scenario's name are refused) and carries its bytes.
final class SessionChannel: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData

    private var terminal: ClientTerminal?
    private var lang: String?
    private var app: SessionApp?
    private var link: ClientLink?
    private let user: String
    private let limits: ServeLimits
    /// Makes the app for a session; nil with a reason refuses it (the reason is shown to the client).
    private let start: (SessionStart, ClientLink) -> Result<SessionApp, Refusal>
    private let registry: SessionRegistry

    struct Refusal: Error {
        var message: String
        var exitStatus: Int
    }

    init(user: String, limits: ServeLimits, registry: SessionRegistry, start: @escaping (SessionStart, ClientLink) -> Result<SessionApp, Refusal>) {
        self.user = user
        self.limits = limits
        self.registry = registry
        self.start = start
    }

    func handlerAdded(context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let pty as SSHChannelRequestEvent.PseudoTerminalRequest:
            terminal = ClientTerminal(term: pty.term, width: pty.terminalCharacterWidth, height: pty.terminalRowHeight, lang: lang)
            reply(pty.wantReply, true, context)
        case let env as SSHChannelRequestEvent.EnvironmentRequest:
            let taken = env.name == "TERM" || env.name == "LANG"
            if env.name == "LANG" { lang = env.value; terminal?.lang = env.value }
            if env.name == "TERM" { terminal?.term = env.value }
            reply(env.wantReply, taken, context)
        case let shell as SSHChannelRequestEvent.ShellRequest:
            begin(command: nil, wantReply: shell.wantReply, context: context)
        case let exec as SSHChannelRequestEvent.ExecRequest:
            begin(command: exec.command, wantReply: exec.wantReply, context: context)
        case let subsystem as SSHChannelRequestEvent.SubsystemRequest:
            reply(subsystem.wantReply, false, context)
        case let change as SSHChannelRequestEvent.WindowChangeRequest:
            terminal?.width = change.terminalCharacterWidth
            terminal?.height = change.terminalRowHeight
            app?.resize(width: change.terminalCharacterWidth, height: change.terminalRowHeight)
        case is SSHChannelRequestEvent.SignalRequest, is SSHChannelRequestEvent.LocalFlowControlRequest:
            break
        case let e as ChannelEvent where e == .inputClosed:
            // The client sent EOF: nothing more will come; the screen ends.
            link?.finish()
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func reply(_ wantReply: Bool, _ ok: Bool, _ context: ChannelHandlerContext) {
        guard wantReply else { return }
        context.channel.triggerUserOutboundEvent(ok ? ChannelSuccessEvent() as any Sendable : ChannelFailureEvent(), promise: nil)
    }

    private func begin(command: String?, wantReply: Bool, context: ChannelHandlerContext) {
        guard app == nil else { return reply(wantReply, false, context) }
        let channel = context.channel
        let link = ClientLink(channel: channel, limit: limits.unsentBytes)
        guard let terminal else {
            // No PTY: there is no screen to draw on. Say how to ask for one, and leave.
            reply(wantReply, true, context)
            // The client's command is echoed escaped: an escape code in it must not reach its terminal.
            let hint = command.map { "ssh -t … \(escapingControlCharacters(String($0.prefix(40))))" } ?? "ssh -t …"
            link.finish(exitStatus: 2, message: "backprop draws a screen: it needs a terminal (\(hint)), and runs no commands")
            return
        }
        switch start(SessionStart(terminal: terminal, command: command, user: user), link) {
        case .failure(let refusal):
            reply(wantReply, true, context)
            link.finish(exitStatus: refusal.exitStatus, message: refusal.message)
        case .success(let app):
            reply(wantReply, true, context)
            self.app = app
            self.link = link
            link.drained.withLockedValue { $0 = { [weak app] in app?.redrawWhole() } }
            registry.add(link)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        // Only the channel's own data are keys (stderr from a client is not input).
        guard case .channel = message.type, case .byteBuffer(var buffer) = message.data,
              let bytes = buffer.readBytes(length: buffer.readableBytes) else { return }
        app?.input(bytes)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        link?.writabilityChanged(context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        link?.markClosed()
        if let link { registry.remove(link) }
        app?.closed()
        app = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A broken channel is this client's alone.
        context.close(promise: nil)
    }
}
