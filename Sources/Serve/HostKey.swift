import Crypto
import Foundation
import NIOSSH

/// The server's Ed25519 host key: made on first start, kept (mode 0600) under
/// `$XDG_CONFIG_HOME/backprop/` (or `~/.config/backprop/`), the same key every start after, so
/// students' `known_hosts` stays right and the fingerprint printed at start is theirs to compare.
public struct HostKey: Sendable {
    /// The key's 32 secret bytes (Crypto's key type is not Sendable; it is made from these when needed).
    let seed: [UInt8]
    var privateKey: Curve25519.Signing.PrivateKey {
        // The seed was read from a key Crypto made: it is 32 bytes, so this cannot fail.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) ?? Curve25519.Signing.PrivateKey()
    }
    /// Where it is kept.
    public let path: String
    /// Whether this start made it.
    public let isNew: Bool

    /// `$XDG_CONFIG_HOME/backprop/ssh_host_ed25519_key`, `~/.config/…` when XDG_CONFIG_HOME is unset or not absolute.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var base = environment["XDG_CONFIG_HOME"] ?? ""
        if !base.hasPrefix("/") {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = home + "/.config"
        }
        return base + "/backprop/ssh_host_ed25519_key"
    }

    /// Reads the key at `path`, or makes one there (its folder 0700, the file 0600, written whole or not at all).
    public static func loadOrCreate(at path: String) throws -> HostKey {
        guard !path.isEmpty else { throw ServeError.badHostKey("--host-key needs a file name") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            // Said plainly, not as Foundation's error text ("Code=256 (null)").
            if isFolder.boolValue { throw ServeError.badHostKey("\(path) is a folder, not a host key file") }
            guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
                throw ServeError.badHostKey("\(path) cannot be read as a host key (empty, a device, or not readable); give another file, or none for \(defaultPath())")
            }
            guard let seed = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
                throw ServeError.badHostKey("\(path) is not a host key backprop made (move it away and a new one is made)")
            }
            // A key others can read is no secret: say so rather than serve with it.
            var info = stat()
            if stat(path, &info) == 0 && info.st_mode & 0o077 != 0 {
                throw ServeError.badHostKey("\(path) can be read by others (chmod 600 it, or move it away for a new one)")
            }
            return HostKey(seed: Array(key.rawRepresentation), path: path, isNew: false)
        }
        let key = Curve25519.Signing.PrivateKey()
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServeError.badHostKey("cannot make the folder \(folder) for a new host key \(path)")
        }
        let temporary = folder + "/.ssh_host_key-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw ServeError.badHostKey("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let text = Array((key.rawRepresentation.base64EncodedString() + "\n").utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == text.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ServeError.badHostKey("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return HostKey(seed: Array(key.rawRepresentation), path: path, isNew: true)
    }

    public var nioKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: privateKey) }

    /// The public key as SSH writes it on the wire: string "ssh-ed25519", string the 32 bytes.
    var publicBlob: [UInt8] {
        func string(_ bytes: [UInt8]) -> [UInt8] {
            let n = UInt32(bytes.count)
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + bytes
        }
        return string(Array("ssh-ed25519".utf8)) + string(Array(privateKey.publicKey.rawRepresentation))
    }

    /// `SHA256:…`, as `ssh` shows it when it first meets the server (and `ssh-keygen -lf` prints it).
    public var fingerprint: String {
        let digest = SHA256.hash(data: publicBlob)
        var text = Data(digest).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return "SHA256:" + text
    }

    /// The line for a student's `known_hosts` (`[host]:port ssh-ed25519 AAAA…`).
    public var publicKeyLine: String { "ssh-ed25519 " + Data(publicBlob).base64EncodedString() }
}

/// A failure that stops the server from starting, said in words.
public enum ServeError: Error, CustomStringConvertible {
    case badHostKey(String)
    case badAuthorizedKeys(String)
    case cannotListen(String)

    public var description: String {
        switch self {
        case .badHostKey(let m), .badAuthorizedKeys(let m), .cannotListen(let m): m
        }
    }
}
