import Foundation

/// Reads a whole file, but never more than a limit: a scenario or data file named by mistake
/// (a 1 GB log, /dev/zero, a folder, a terminal) is refused in words before anything parses it.
enum FileBytes {
    /// Why the file was not read, as a message's words.
    struct Failure: Error {
        var message: String
    }

    /// The bytes of `path` (a regular file or a pipe), or a failure naming the reason and the limit.
    static func read(_ path: String, limit: Int, kind: String) throws(Failure) -> [UInt8] {
        // Non-blocking open: a FIFO with no writer must not hang us; reads block again below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw Failure(message: reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(message: reason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw Failure(message: "this is a folder, not a \(kind)")
        case S_IFCHR, S_IFBLK: throw Failure(message: "this is a device, not a \(kind)")
        case S_IFREG where Int(info.st_size) > limit:
            throw Failure(message: "the file is \(megabytes(Int(info.st_size))); \(kind)s are limited to \(megabytes(limit))")
        default: break
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit, max(0, Int(info.st_size))) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: reason(errno))
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<n])
            if bytes.count > limit { throw Failure(message: "the file is larger than \(megabytes(limit)), the limit for \(kind)s") }
        }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied: the file cannot be read"
        case EISDIR: "this is a folder"
        default: "the file cannot be read: " + String(cString: strerror(code))
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
            : bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(bytes) bytes"
    }
}
