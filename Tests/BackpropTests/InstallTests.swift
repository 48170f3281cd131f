import Foundation
import Testing

/// One file installs it: the executable copied alone to another folder runs every command on every
/// shipped scenario (their files are built into it), and says its version.
struct InstallTests {
    /// The binary under test copied alone into a fresh folder, as `install -m 755` would leave it.
    static func installedAlone() throws -> (folder: TemporaryFolder, binary: URL) {
        let folder = try TemporaryFolder()
        let binary = folder.url.appendingPathComponent("backprop")
        try copyClosedOnExec(try Backprop.binary.get(), to: binary)
        // Another test's thread may have spawned a child in the instant the copy was open for
        // writing; until that child execs, running the copy fails with ETXTBSY ("Text file busy").
        for _ in 0..<50 {
            do { _ = try Backprop.run(["--version"], executable: binary); break } catch let error as NSError
                where (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY) || error.code == Int(ETXTBSY) {
                usleep(100_000)
            }
        }
        return (folder, binary)
    }

    /// Copies `source` to `target` (mode 755) through a descriptor closed on exec, so no child that
    /// another thread spawns keeps it open for writing (FileManager's copy left it inheritable).
    static func copyClosedOnExec(_ source: URL, to target: URL) throws {
        let bytes = try Data(contentsOf: source)
        let fd = open(target.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return }
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; throw CocoaError(.fileWriteUnknown) }
                offset += n
            }
        }
    }

    /// The install line of the README and of docs/install.md, run by a shell as written, in a fresh
    /// account (a HOME with nothing in it: no ~/.local/bin) from a checkout whose release build is the
    /// binary under test: the installed file says its version. `install` alone failed there with
    /// "cannot create regular file '~/.local/bin/'".
    @Test(arguments: ["README.md", "docs/install.md"])
    func theDocumentedInstallLineWorksInAFreshAccount(document: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("install -m 755 .build/release/backprop") },
                                "\(document) has no install line")
        // The steps after the build (the build is the test's own binary).
        let command = (line.split(separator: "#").first ?? line).components(separatedBy: "&&")
            .filter { !$0.contains("swift build") }.joined(separator: "&&")
        let (checkout, binary) = try Self.installedAlone()
        let release = checkout.url.appendingPathComponent(".build/release")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: binary, to: release.appendingPathComponent("backprop"))
        let home = try TemporaryFolder()
        let install = try Backprop.run([], in: checkout.url, executable: URL(fileURLWithPath: "/usr/bin/env"),
                                       prefix: ["HOME=\(home.url.path)", "/bin/sh", "-c", command])
        #expect(install.exitCode == 0, "\(document): \(command): \(install)")
        let installed = home.url.appendingPathComponent(".local/bin/backprop")
        let version = try Backprop.run(["--version"], executable: installed)
        #expect(version.exitCode == 0 && !version.stdout.isEmpty, "\(version)")
    }

    @Test func theBinaryAloneListsAndTrainsEveryShippedScenario() throws {
        let (folder, binary) = try Self.installedAlone()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["backprop"])
        let list = try Backprop.run(["list"], executable: binary)
        #expect(list.exitCode == 0 && list.stderr.isEmpty, "\(list)")
        #expect(!list.stdout.contains("(broken"), "\(list)")
        let names = list.stdoutLines.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names.contains("circle") && names.contains("digits") && names.first == "linear", "\(names)")
        for name in names {
            let check = try Backprop.run(["check", name], executable: binary)
            #expect(check.exitCode == 0, "\(name): \(check)")
        }
        // The scenarios that read a CSV train from the copy of it in the binary.
        for name in ["circle", "digits", "spiral"] {
            let train = try Backprop.run(["train", name, "--epochs", "1", "--format", "csv"], executable: binary)
            #expect(train.exitCode == 0 && train.stdoutLines.count == 2, "\(name): \(train)")
        }
        let frame = try Backprop.run(["frame", "gauss", "--step", "3", "--size", "80x24"], executable: binary)
        #expect(frame.exitCode == 0 && frame.stdoutLines.count == 24, "\(frame)")
    }

    @Test func theLectureFromTheBinaryAloneIsStillPyTorchsPrintout() throws {
        let (folder, binary) = try Self.installedAlone()
        let golden = try String(contentsOf: Backprop.fixtures.appendingPathComponent("seed_linear.out"), encoding: .utf8)
        let train = try Backprop.run(["train", "linear", "--format", "transcript"], in: folder.url, executable: binary)
        #expect(train.exitCode == 0, "\(train)")
        #expect(train.stdout == golden)
    }

    @Test func versionSaysTheVersion() throws {
        let result = try Backprop.run(["--version"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdoutLines.count == 1 && result.stdout.first?.isNumber == true, "\(result)")
        #expect(result.stdout.split(separator: ".").count == 3, "\(result)")
    }

    /// The release build links the Swift runtime and Foundation in: `ldd` names no Swift library, so
    /// a machine without Swift runs it. A debug build links them dynamically; run this test on the
    /// release binary with `BACKPROP_BINARY=.build/release/backprop swift test --filter InstallTests`.
    @Test func aReleaseBinaryNeedsNoSwiftLibrary() throws {
        let binary = try Backprop.binary.get()
        guard binary.path.contains("/release/") else { return }
        let ldd = try Backprop.run([binary.path], executable: URL(fileURLWithPath: "/usr/bin/ldd"))
        #expect(ldd.exitCode == 0, "\(ldd)")
        let swift = ldd.stdoutLines.filter { $0.contains("libswift") || $0.contains("Foundation") || $0.contains("libdispatch") }
        #expect(swift.isEmpty, "\(ldd)")
    }
}
