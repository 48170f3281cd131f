import Foundation
import NIOConcurrencyHelpers

/// What one server takes at most; each has a flag (`backprop serve --help`).
public struct ServeLimits: Sendable {
    /// Connections at once (a large lecture hall).
    public var clients = 250
    /// Seconds from connecting to being let in (a client that never finishes the handshake holds a slot).
    public var handshakeSeconds = 20.0
    /// Seconds without a byte from a client before it is let go: a lecture's length, as a follower may only watch.
    public var idleSeconds = 3.0 * 3600
    /// New connections from one address in a minute: a script retrying in a loop is slowed, yet a
    /// whole class behind one NAT address (a lecture hall's network) can join in the first minute.
    public var connectionsPerMinute = 300
    /// Columns and rows a screen is drawn at, at most: a 100000×100000 window gets this much.
    public var maxWidth = 500
    public var maxHeight = 200
    /// Bytes sent to one client and not yet taken by it; past this its frames are dropped and it
    /// is redrawn whole once it reads again, so a client that stops reading costs no more memory.
    public var unsentBytes = 256 * 1024
    /// The socket's send buffer per client, in bytes (a whole 200×50 frame is about 30 kB).
    public var socketBuffer = 128 * 1024

    public init() {}
}

/// The connections now and recently, to enforce the limits; shared by every event loop.
final class ConnectionLedger: Sendable {
    private struct State {
        var open = 0
        var recent: [String: [Double]] = [:]
        var refused = 0
    }
    private let state = NIOLockedValueBox(State())
    let limits: ServeLimits

    init(limits: ServeLimits) { self.limits = limits }

    /// Counts a new connection from `address` at `now` (seconds), or says why it is refused.
    func admit(address: String, now: Double) -> String? {
        state.withLockedValue { s in
            var times = (s.recent[address] ?? []).filter { now - $0 < 60 }
            defer {
                if times.isEmpty { s.recent[address] = nil } else { s.recent[address] = times }
                // Forget addresses not seen for a minute, so the ledger stays small under a flood of addresses.
                if s.recent.count > 10_000 { s.recent = s.recent.filter { now - ($0.value.last ?? 0) < 60 } }
            }
            if times.count >= limits.connectionsPerMinute {
                s.refused += 1
                return "more than \(limits.connectionsPerMinute) connections a minute from \(address)"
            }
            times.append(now)
            if s.open >= limits.clients {
                s.refused += 1
                return "the server has its \(limits.clients) clients"
            }
            s.open += 1
            return nil
        }
    }

    func release() { state.withLockedValue { $0.open = max(0, $0.open - 1) } }

    var open: Int { state.withLockedValue { $0.open } }
    var refused: Int { state.withLockedValue { $0.refused } }
}
