import NIOConcurrencyHelpers
import NIOCore
import NIOSSH

/// The way from an app to one client's SSH channel, safe from any thread: frames go out, and
/// when the client stops reading they are dropped (its unsent bytes never pass the limit); when
/// it has read everything again the app hears `drained` and draws whole.
public final class ClientLink: Sendable {
    fileprivate struct State {
        var unsent = 0
        var sentTotal = 0
        var dropped = false
        var droppedFrames = 0
        var closed = false
        /// The channel's own say (its socket's buffer and the client's SSH window): false while the client is behind.
        var writable = true
    }
    private let state = NIOLockedValueBox(State())
    let channel: Channel
    let limit: Int
    /// Told (on the event loop) when a client that missed frames has caught up.
    let drained: NIOLockedValueBox<(@Sendable () -> Void)?> = NIOLockedValueBox(nil)

    init(channel: Channel, limit: Int) {
        self.channel = channel
        self.limit = limit
    }

    /// Bytes a client has not taken yet (the benchmark and tests read it).
    public var unsent: Int { state.withLockedValue { $0.unsent } }
    /// Bytes accepted for the client since it connected (the benchmark matches them with what arrived).
    public var sentTotal: Int { state.withLockedValue { $0.sentTotal } }
    /// Whether a frame sent now would be dropped: the client is behind and will be redrawn whole when it has caught up.
    public var isBehind: Bool { state.withLockedValue { $0.closed || !$0.writable || $0.dropped } }
    /// Frames dropped because the client was behind.
    public var droppedFrames: Int { state.withLockedValue { $0.droppedFrames } }

    /// Queues bytes for the client; false when dropped (the client is behind, or gone).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        let n = bytes.count
        let accepted = state.withLockedValue { s -> Bool in
            if s.closed { return false }
            if !s.writable || (s.unsent + n > limit && s.unsent > 0) {
                s.dropped = true
                s.droppedFrames += 1
                return false
            }
            s.unsent += n
            s.sentTotal += n
            return true
        }
        guard accepted else { return false }
        let channel = self.channel
        channel.eventLoop.execute {
            var buffer = channel.allocator.buffer(capacity: n)
            buffer.writeBytes(bytes)
            let promise = channel.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { _ in self.took(n) }
            channel.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(buffer)), promise: promise)
        }
        return true
    }

    private func took(_ n: Int) {
        let caughtUp = state.withLockedValue { s -> Bool in
            s.unsent -= n
            return s.caughtUp
        }
        if caughtUp, let drained = drained.withLockedValue({ $0 }) { drained() }
    }

    /// The channel became writable or not (called on its event loop).
    func writabilityChanged(_ writable: Bool) {
        let caughtUp = state.withLockedValue { s -> Bool in
            s.writable = writable
            return s.caughtUp
        }
        if caughtUp, let drained = drained.withLockedValue({ $0 }) { drained() }
    }

    /// Restores the client's terminal, sends the exit status and closes the channel (once).
    public func finish(exitStatus: Int = 0, message: String? = nil) {
        let first = state.withLockedValue { s -> Bool in
            defer { s.closed = true }
            return !s.closed
        }
        guard first else { return }
        let channel = self.channel
        channel.eventLoop.execute {
            var buffer = channel.allocator.buffer(capacity: 64)
            buffer.writeBytes(Array(TerminalModes.leave.utf8))
            if let message { buffer.writeBytes(Array((message + "\r\n").utf8)) }
            channel.write(SSHChannelData(type: .channel, data: .byteBuffer(buffer)), promise: nil)
            channel.flush()
            channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: exitStatus)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    var isClosed: Bool { state.withLockedValue { $0.closed } }

    func markClosed() { state.withLockedValue { $0.closed = true } }
}

extension ClientLink.State {
    /// A client that missed frames has taken everything and may be sent again: it is owed a whole frame.
    fileprivate var caughtUp: Bool {
        mutating get {
            guard unsent == 0, writable, dropped, !closed else { return false }
            dropped = false
            return true
        }
    }
}

/// The escape sequences that take over a client's terminal and give it back.
enum TerminalModes {
    /// The alternate screen, no cursor, mouse clicks and wheel reported (SGR form).
    static let enter = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?1000h\u{1B}[?1006h"
    static let leave = "\u{1B}[?1006l\u{1B}[?1000l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
}
