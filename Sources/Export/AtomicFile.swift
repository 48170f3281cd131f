import CSignals
import Foundation

/// A file written as a whole or not at all: into a temporary file beside it, renamed over it when
/// complete, so a reader (or a failed export) never sees half a file and an existing file is only
/// replaced by a whole one. A symlink's target is what gets replaced (the link stays); a FIFO or a
/// device (`/dev/null`, `/dev/stdout`) is written through, never replaced by a plain file. A
/// terminating signal while the temporary file exists removes it.
public final class OutputFile {
    /// The path written in the end (a symlink followed to its target).
    public let target: String
    private var temporary: String?
    private var fd: Int32
    private let mode: mode_t
    private let replacesExisting: Bool

    private init(target: String, temporary: String?, fd: Int32, mode: mode_t, replacesExisting: Bool) {
        self.target = target
        self.temporary = temporary
        self.fd = fd
        self.mode = mode
        self.replacesExisting = replacesExisting
    }

    deinit { discard() }

    /// Opens `path` for writing: a temporary file beside a regular (or new) file, or the file
    /// itself when it is a FIFO or a device.
    public static func create(_ path: String) throws(AtomicFile.Failure) -> OutputFile {
        let target = resolvingSymlinks(path)
        var info = stat()
        if lstat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw AtomicFile.Failure(description: "cannot write \(path): it is a folder")
            case S_IFREG:
                return try beside(target, named: path, mode: info.st_mode & 0o7777, replacesExisting: true)
            default:
                let fd = open(target, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw AtomicFile.Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
                return OutputFile(target: target, temporary: nil, fd: fd, mode: 0, replacesExisting: false)
            }
        }
        return try beside(target, named: path, mode: 0o644, replacesExisting: false)
    }

    private static func beside(_ target: String, named path: String, mode: mode_t, replacesExisting: Bool) throws(AtomicFile.Failure) -> OutputFile {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw AtomicFile.Failure(description: "cannot write \(path): there is no folder \(folder)")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        bp_temp_guard_begin(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            bp_temp_guard_end()
            throw AtomicFile.Failure(description: "cannot write \(path): the folder \(folder) takes no new file (\(reason))")
        }
        return OutputFile(target: target, temporary: temporary, fd: fd, mode: mode, replacesExisting: replacesExisting)
    }

    /// Fails now, with the reason, when `path` could not be written later (a missing folder, no
    /// permission); writes nothing that stays.
    public static func checkWritable(_ path: String) throws(AtomicFile.Failure) {
        let target = resolvingSymlinks(path)
        var info = stat()
        if lstat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw AtomicFile.Failure(description: "cannot write \(path): it is a folder")
            case S_IFREG: break
            default:
                if access(target, W_OK) != 0 { throw AtomicFile.Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
                return
            }
        }
        try beside(target, named: path, mode: 0o644, replacesExisting: false).discard()
    }

    /// Follows symlinks (up to 40, as the kernel does) to the path a write should replace; a
    /// dangling link names the file to create.
    static func resolvingSymlinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(link).path
        }
        return current
    }

    /// Whether two paths name the same file (after symlinks), e.g. `-o` naming the scenario read.
    public static func isSameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    public func write(_ text: String) throws(AtomicFile.Failure) {
        guard fd >= 0 else { throw AtomicFile.Failure(description: "cannot write \(target): the file is closed") }
        if let failure = Descriptor.writeAll(text, to: fd) {
            discard()
            throw AtomicFile.Failure(description: "cannot write \(target): \(String(cString: strerror(failure)))")
        }
    }

    /// Makes the file whole: synced and renamed over the target, with signals held meanwhile.
    public func commit() throws(AtomicFile.Failure) {
        guard fd >= 0 else { throw AtomicFile.Failure(description: "cannot write \(target): the file is closed") }
        bp_signals_hold()
        defer { bp_signals_release() }
        var problem: String?
        if let temporary {
            if fsync(fd) != 0 { problem = String(cString: strerror(errno)) }
            if problem == nil && replacesExisting { _ = fchmod(fd, mode) }
            if close(fd) != 0 && problem == nil { problem = String(cString: strerror(errno)) }
            fd = -1
            if problem == nil && rename(temporary, target) != 0 { problem = String(cString: strerror(errno)) }
            if problem != nil { unlink(temporary) }
            self.temporary = nil
            bp_temp_guard_end()
        } else {
            if close(fd) != 0 { problem = String(cString: strerror(errno)) }
            fd = -1
        }
        if let problem { throw AtomicFile.Failure(description: "cannot write \(target): \(problem)") }
    }

    /// Gives up: the temporary file goes, the target stays as it was.
    public func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        if let temporary {
            unlink(temporary)
            self.temporary = nil
            bp_temp_guard_end()
        }
    }
}

/// Writes to a file descriptor.
public enum Descriptor {
    /// Writes every byte of `text` to `descriptor` (again after a short write or an interrupted
    /// one): the errno of a failed write, or nil when every byte went out.
    public static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n == 0 ? EIO : errno }
                offset += n
            }
            return nil
        }
    }
}

/// Whole-file writes of text already made.
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

    /// Writes `text` whole; terminating signals wait until it is done (a recording is saved even
    /// when the terminal closes under it).
    public static func write(_ text: String, to path: String) throws(Failure) {
        bp_signals_hold()
        defer { bp_signals_release() }
        let file = try OutputFile.create(path)
        try file.write(text)
        try file.commit()
    }
}
