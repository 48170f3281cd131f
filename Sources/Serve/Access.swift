import Foundation
import NIOCore
import NIOSSH

/// Who may connect: everyone with the class's password, the holders of listed keys, or — with
/// neither — anyone, but then the server listens on loopback only.
public enum Access: Sendable {
    case password(String)
    case authorizedKeys([NIOSSHPublicKey])
    /// No check: only for a server on loopback (the caller makes sure).
    case open

    /// Reads an `authorized_keys` file: one OpenSSH public key a line (options before the key
    /// are not supported and say so); blank lines and `#` comments skipped.
    public static func authorizedKeys(file path: String) throws -> Access {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServeError.badAuthorizedKeys("--authorized-keys: cannot read \(path)")
        }
        var keys: [NIOSSHPublicKey] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let key = try? NIOSSHPublicKey(openSSHPublicKey: fields[0] + " " + fields[1]) else {
                throw ServeError.badAuthorizedKeys("\(path):\(n + 1):1: error: expected a public key such as `ssh-ed25519 AAAA… comment`")
            }
            keys.append(key)
        }
        guard !keys.isEmpty else { throw ServeError.badAuthorizedKeys("\(path): no keys in it: nobody could connect") }
        return .authorizedKeys(keys)
    }

    /// Whether a request gets in.
    func admits(_ request: NIOSSHUserAuthenticationRequest.Request) -> Bool {
        switch (self, request) {
        case (.open, _): return true
        case (.password(let word), .password(let given)): return Self.sameBytes(Array(word.utf8), Array(given.password.utf8))
        case (.authorizedKeys(let keys), .publicKey(let offered)): return keys.contains(offered.publicKey)
        default: return false
        }
    }

    var methods: NIOSSHAvailableUserAuthenticationMethods {
        switch self {
        case .open: [.password, .publicKey]
        case .password: .password
        case .authorizedKeys: .publicKey
        }
    }

    /// Compares in time that does not depend on where the words differ.
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return difference == 0
    }
}

/// The SSH library's question "may this user in?", answered from an `Access` and remembering the user name (it may pick the scenario).
final class AccessDelegate: NIOSSHServerUserAuthenticationDelegate {
    let access: Access
    /// Called on the connection's event loop with the user name that got in.
    let admitted: (String) -> Void

    init(access: Access, admitted: @escaping (String) -> Void) {
        self.access = access
        self.admitted = admitted
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { access.methods }

    func requestReceived(request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        if access.admits(request.request) {
            admitted(request.username)
            responsePromise.succeed(.success)
        } else {
            responsePromise.succeed(.failure)
        }
    }
}
