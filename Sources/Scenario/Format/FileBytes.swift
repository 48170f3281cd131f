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
        var file = try Opened(path, limit: limit, kind: kind)
        defer { file.close() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit, max(0, file.size)) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try file.read(into: &chunk)
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<n])
        }
    }

    /// A file opened for reading in chunks, refused (before any byte is read) when it is a folder,
    /// a device or bigger than the limit; reading past the limit fails too (a pipe has no size).
    struct Opened {
        private var fd: Int32
        /// The size `stat` gives (0 for a pipe).
        let size: Int
        private let limit: Int
        private let kind: String
        private var total = 0
        /// A named pipe (or `<(…)`): it has no size, and no writer reads as an end at once.
        private let isPipe: Bool

        init(_ path: String, limit: Int, kind: String) throws(Failure) {
            // Non-blocking open: a FIFO with no writer must not hang us; reads block again below.
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { throw Failure(message: reason(errno)) }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                let code = errno
                Foundation.close(fd)
                throw Failure(message: reason(code))
            }
            let refusal: String? = switch info.st_mode & S_IFMT {
            case S_IFDIR: "this is a folder, not a \(kind)"
            case S_IFCHR, S_IFBLK: "this is a device, not a \(kind)"
            case S_IFREG where Int(info.st_size) > limit:
                "the file is \(megabytes(Int(info.st_size))); \(kind)s are limited to \(megabytes(limit))"
            default: nil
            }
            if let refusal {
                Foundation.close(fd)
                throw Failure(message: refusal)
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            self.fd = fd
            self.size = Int(info.st_size)
            self.limit = limit
            self.kind = kind
            isPipe = info.st_mode & S_IFMT == S_IFIFO
        }

        /// Fills the front of `buffer`; the number of bytes read, 0 at the end of the file.
        mutating func read(into buffer: inout [UInt8]) throws(Failure) -> Int {
            while true {
                let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(message: reason(errno))
                }
                // Opened without waiting for a writer, a FIFO nobody writes to ends before its first
                // byte: that is not an empty file, and waiting would hang the command.
                if n == 0 && total == 0 && isPipe {
                    throw Failure(message: "this is a pipe (a FIFO) with nothing written to it, not a \(kind); name a regular file (a pipe works only while a program writes to it)")
                }
                total += n
                if total > limit { throw Failure(message: "the file is larger than \(megabytes(limit)), the limit for \(kind)s") }
                return n
            }
        }

        mutating func close() {
            if fd >= 0 { Foundation.close(fd) }
            fd = -1
        }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case ELOOP: "the path goes round a loop of symbolic links; it leads to no file"
        case ENOTDIR: "no such file (a part of the path is not a folder)"
        case ENAMETOOLONG: "the path is too long"
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
