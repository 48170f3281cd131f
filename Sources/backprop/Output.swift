import Export
import Foundation

/// Writes straight to the standard output and error descriptors (no C `FILE*` globals, which
/// Swift 6 rejects as shared mutable state). A write to standard output that fails ends the
/// program: with exit 1 and the reason (a full disk, a closed stdout), or quietly when the
/// reader of a pipe has gone (`backprop train linear | head -1`), as `cat` and `seq` end.
enum Output {
    static func out(_ text: String) {
        guard let failure = Descriptor.writeAll(text, to: 1) else { return }
        if failure == EPIPE { endAsAClosedPipeDoes() }
        error("backprop: cannot write to standard output: " + (failure == EBADF ? "it is closed" : String(cString: strerror(failure))))
        exit(Exit.other)
    }

    static func error(_ text: String) { _ = Descriptor.writeAll(text.hasSuffix("\n") ? text : text + "\n", to: 2) }

    /// Dies of SIGPIPE's default action (the shell says nothing; `pipefail` sees 141).
    private static func endAsAClosedPipeDoes() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var pipe = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        sigprocmask(SIG_UNBLOCK, &pipe, nil)
        raise(SIGPIPE)
        exit(128 + SIGPIPE)
    }
}
