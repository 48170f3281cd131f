import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process the tests run (the built binary, python3, dot), started with `posix_spawn`.
/// Foundation's `Process.run()` on Linux now and then reads past a buffer while it lists
/// /proc/self/fd and crashes the whole test run (swift-corelibs-foundation PR #5472, Swift 6.3.1):
/// one run of this suite in four did. The child gets stdin from /dev/null or a pipe, stdout and
/// stderr through pipes read to their end on threads (a chatty child never blocks), and no other
/// descriptor of the test process.
public enum ChildProcess {
    /// How a child ended and what it printed.
    public struct Outcome: Sendable {
        /// The exit status, or the signal's number when `signalled`.
        public var status: Int32
        public var signalled: Bool
        public var timedOut: Bool
        public var stdout: Data
        public var stderr: Data
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` with `arguments` in `directory`, with `environment`, feeding it `input`,
    /// and waits for it at most `timeout` seconds (then SIGTERM, and SIGKILL 2 s later).
    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                           environment: [String: String] = ProcessInfo.processInfo.environment,
                           input: Data? = nil, timeout: TimeInterval? = nil) throws -> Outcome {
        let stdinPipe = input == nil ? nil : try makePipe()
        let out = try makePipe(), err = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinPipe {
            posix_spawn_file_actions_adddup2(&actions, stdinPipe.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        // Every other descriptor stays behind (the pipes of children running beside this one).
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        if let directory {
            guard let changeDirectory = Self.changeDirectory else {
                throw SpawnError(description: "posix_spawn cannot change the child's directory here (no posix_spawn_file_actions_addchdir_np)")
            }
            _ = directory.withCString { changeDirectory(&actions, $0) }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        // The child holds its own ends now.
        for fd in [stdinPipe?.read, out.write, err.write].compactMap({ $0 }) { close(fd) }
        guard spawned == 0 else {
            for fd in [stdinPipe?.write, out.read, err.read].compactMap({ $0 }) { close(fd) }
            throw SpawnError(description: "posix_spawn \(executable): \(String(cString: strerror(spawned)))")
        }
        let stdout = PipeReader(out.read), stderr = PipeReader(err.read)
        if let stdinPipe, let input {
            let handle = FileHandle(fileDescriptor: stdinPipe.write, closeOnDealloc: true)
            try? handle.write(contentsOf: input)
            try? handle.close()
        }
        let (status, timedOut) = wait(for: pid, timeout: timeout)
        let signalled = status & 0x7f != 0
        return Outcome(status: signalled ? status & 0x7f : (status >> 8) & 0xff, signalled: signalled, timedOut: timedOut,
                       stdout: stdout.result(), stderr: stderr.result())
    }

    /// The raw wait status of `pid`, and whether it had to be stopped after `timeout`.
    private static func wait(for pid: pid_t, timeout: TimeInterval?) -> (Int32, Bool) {
        var status: Int32 = 0
        guard let timeout else {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return (status, false)
        }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status, false) }
            usleep(2_000)
        }
        kill(pid, SIGTERM)
        let grace = Date().addingTimeInterval(2)
        while Date() < grace {
            if waitpid(pid, &status, WNOHANG) == pid { return (status, true) }
            usleep(2_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status, true)
    }

    /// A pipe whose ends close on exec (so no other child inherits them).
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), which
    /// Swift's Glibc module does not declare: looked up by name.
    private static let closeFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    private static let changeDirectory: ChangeDirectory? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ fd: Int32) {
        Thread.detachNewThread { [self] in
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            let all = handle.readDataToEndOfFile()
            lock.withLock { data = all }
            done.signal()
        }
    }

    /// Everything the pipe carried, once its writers have all closed it; waits a little (it
    /// closes when the child exits, unless the child left a grandchild holding it, a bug of its own).
    func result() -> Data {
        _ = done.wait(timeout: .now() + 5)
        return lock.withLock { data }
    }
}
