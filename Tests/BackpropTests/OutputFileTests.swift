import Foundation
import Testing

/// `-o` and `--record` as the issue asks: special files written through, symlinks' targets
/// replaced, the scenario never overwritten, paths checked before the work, no temp file left.
struct OutputFileTests {
    func entries(_ folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    }

    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let folder = try TemporaryFolder()
        let result = try runInShell("cd '\(folder.url.path)' && mkfifo f && (cat f > got &) && \"$B\" export linear --to dot -o f && sleep 0.2 && test -p f && head -1 got")
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout == "digraph backprop {\n", "\(result)")
    }

    @Test func aDeviceIsWrittenThroughAndItsErrorsReported() throws {
        let null = try Backprop.run(["export", "linear", "--to", "csv", "-o", "/dev/null"])
        #expect(null.exitCode == 0, "\(null)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        let full = try Backprop.run(["export", "linear", "--to", "csv", "-o", "/dev/full"])
        #expect(full.exitCode == 1 && full.stderr == "backprop: cannot write /dev/full: No space left on device\n", "\(full)")
    }

    @Test func aSymlinksTargetIsReplacedAndTheLinkStays() throws {
        let folder = try TemporaryFolder()
        try folder.write("real.csv", "old\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link.csv").path, withDestinationPath: "real.csv")
        let result = try Backprop.run(["export", "linear", "--to", "csv", "-o", "link.csv"], in: folder.url)
        #expect(result.exitCode == 0, "\(result)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.url.appendingPathComponent("link.csv").path) == "real.csv")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("real.csv"), encoding: .utf8).hasPrefix("epoch,loss,w\n"))
        #expect(try entries(folder) == ["link.csv", "real.csv"])
    }

    @Test func theScenarioBeingReadIsNeverTheOutput() throws {
        let folder = try TemporaryFolder()
        try folder.write("s.toml", BadFile.good)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("alias.toml").path, withDestinationPath: "s.toml")
        for output in ["s.toml", "./s.toml", "alias.toml"] {
            let result = try Backprop.run(["export", "s.toml", "--to", "csv", "-o", output], in: folder.url)
            #expect(result.exitCode == 64, "\(result)")
            #expect(result.stderr.contains("is the scenario being read"), "\(result)")
        }
        #expect(try String(contentsOf: folder.url.appendingPathComponent("s.toml"), encoding: .utf8) == BadFile.good)
        // Nor the recording of `run` (it replaced the scenario with the cast), nor a data file.
        let record = try Backprop.run(["run", "s.toml", "--record", "s.toml"], in: folder.url)
        #expect(record.exitCode == 64 && record.stderr.contains("--record s.toml is the scenario being read"), "\(record)")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("s.toml"), encoding: .utf8) == BadFile.good)
        let csv = "x,y\n1.0,2.0\n2.0,4.0\n"
        try folder.write("points.csv", csv)
        try folder.write("d.toml", "title = \"d\"\n[data]\nfile = \"points.csv\"\nx = \"x\"\ny = \"y\"\n[params]\nw = 1.0\n[model]\nforward = \"x * w\"\nloss = \"(y_pred - y)^2\"\n")
        let data = try Backprop.run(["export", "d.toml", "--to", "csv", "-o", "points.csv"], in: folder.url)
        #expect(data.exitCode == 64 && data.stderr.contains("-o points.csv is a data file the scenario reads"), "\(data)")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("points.csv"), encoding: .utf8) == csv)
    }

    @Test func aMissingFolderOrAFileInProcIsSaidPlainly() throws {
        let missing = try Backprop.run(["export", "linear", "--to", "csv", "-o", "/nonexistent/d/x.csv"])
        #expect(missing.exitCode == 1 && missing.stderr == "backprop: cannot write /nonexistent/d/x.csv: there is no folder /nonexistent/d\n", "\(missing)")
        let proc = try Backprop.run(["export", "linear", "--to", "csv", "-o", "/proc/version"])
        #expect(proc.exitCode == 1 && proc.stderr.contains("the folder /proc takes no new file"), "\(proc)")
    }

    @Test func recordPathIsCheckedBeforeTheScreenOpens() throws {
        let result = try Backprop.run(["run", "linear", "--record", "/nonexistent/d/x.cast"])
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.stderr == "backprop: --record: cannot write /nonexistent/d/x.cast: there is no folder /nonexistent/d\n", "\(result)")
    }

    @Test func aHugeCSVExportStreams() throws {
        let result = try runInShell("\"$B\" export linear --to csv --until 10000000 | head -2", timeout: 20)
        #expect(!result.timedOut && result.stdout == "epoch,loss,w\n0,4.052514632542928,1.260688066482544\n", "\(result)")
    }

    // Not INT or QUIT: a non-interactive shell starts its background jobs with those ignored.
    @Test(arguments: ["TERM", "HUP", "USR1", "ALRM"])
    func anExportStoppedByASignalLeavesNoTempFile(signal: String) throws {
        let folder = try TemporaryFolder()
        let result = try runInShell("""
            cd '\(folder.url.path)' || exit 1
            "$B" export linear --to csv --until 10000000 -o big.csv & pid=$!
            i=0; while [ $i -lt 600 ] && ! ls -a | grep -q tmp; do sleep 0.1; i=$((i+1)); done
            ls -a | grep -c tmp; kill -\(signal) $pid; sleep 1; kill -9 $pid 2>/dev/null; wait $pid; echo "status $?"
            """, timeout: 90)
        #expect(result.stdout.hasPrefix("1\nstatus "), "\(result)")
        let left = try entries(folder)
        #expect(left == [], "\(left) \(result)")
    }
}
