import Foundation

/// Writes a file all at once: into a temporary file beside it, then renamed over it, so a reader
/// (or a failed export) never sees half a file and an existing file is only replaced by a whole one.
public enum AtomicFile {
    /// Why the file could not be written, in words for the command line.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Produces the text first (a failure there touches nothing), then writes it to `path` atomically.
    public static func write(to path: String, _ produce: () throws -> String) throws {
        let text = try produce()
        try write(text, to: path)
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(description: "cannot write \(path): it is a directory")
        }
        // Keep an existing file's permissions; a new file gets the usual 0644 (less the umask).
        var mode: mode_t = 0o644
        var info = stat()
        let existed = stat(path, &info) == 0
        if existed { mode = info.st_mode & 0o7777 }

        let temp = directory + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        var ok = true
        var problem = ""
        var bytes = text
        bytes.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false; problem = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; problem = String(cString: strerror(errno)) }
        if ok && existed { _ = fchmod(fd, mode) }
        if close(fd) != 0 && ok { ok = false; problem = String(cString: strerror(errno)) }
        if ok && rename(temp, path) != 0 { ok = false; problem = String(cString: strerror(errno)) }
        if !ok {
            unlink(temp)
            throw Failure(description: "cannot write \(path): \(problem)")
        }
    }
}
