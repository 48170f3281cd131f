import ArgumentParser
import Dispatch
import Foundation
import NIOPosix
import Scenario
import Screen
import Serve
import TextCanvas

/// `backprop bench --serve`: a lecture on deep193 in autoplay at top speed, followed over SSH on
/// loopback by many students at sizes from 80×24 to 200×50 (a second process, so the server's
/// CPU and memory are its own): each frame's latency from the lecturer's moment to the student
/// having all its bytes, the server's CPU and peak memory, and the bytes a frame costs.
enum ServeBench {
    static let sizes = [(80, 24), (100, 30), (120, 40), (160, 45), (200, 50)]

    struct Sent { var user: String; var total: Int; var publishedAt: UInt64 }

    static func run(followers: Int, seconds: Double, distinctSizes: Bool) throws {
        let scenario = try Builtins.load("deep193")
        let entry = ServedScenarios.Entry(name: scenario.name, scenario: scenario)
        let limits = ServeLimits()
        let hall = LectureHall(entry: entry, epochs: scenario.train.epochs, options: AppOptions(), theme: .dark, limits: limits)
        let log = LockedSent()
        hall.onFrame = { user, total, at in log.add(Sent(user: user, total: total, publishedAt: at)) }
        let folder = NSTemporaryDirectory() + "backprop-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = try HostKey.loadOrCreate(at: folder + "/key")
        let server = SSHServer(ServeConfiguration(host: "127.0.0.1", port: 0, access: .open, hostKey: key), threads: 1) { start, link in
            hall.seat(for: start, link: link)
        }
        let port = try server.start()
        // The students: another process (this binary), so their decryption is not counted as the server's.
        let out = folder + "/arrivals"
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = ["bench", "--serve-followers", "\(followers)", "--port", "\(port)", "--seconds", "\(seconds + 8)",
                           "--arrivals", out] + (distinctSizes ? ["--distinct-sizes"] : [])
        try child.run()
        let training = try Training(scenario: scenario)
        var state = AppState(training: training, width: 120, height: 40,
                             options: AppOptions(autoplay: true, speed: AppState.speeds.last))
        hall.publish(state.moment)
        // Wait for the class to be seated.
        let seated = Date().addingTimeInterval(60)
        while Date() < seated, case .lecturer(let n, _, _) = hall.role, n < followers { usleep(50_000) }
        let usageBefore = usage()
        let start = DispatchTime.now().uptimeNanoseconds
        var frames = 0
        let clock = ContinuousClock(), origin = clock.now
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds {
            let d = clock.now - origin
            _ = state.update(.tick(now: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18), training: training)
            if !state.playing { _ = state.update(.command(.togglePlay), training: training) }  // past a caption's pause: play on
            _ = state.render()
            hall.publish(state.moment)
            frames += 1
            usleep(UInt32(1_000_000 / AppState.framesPerSecond))
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let usageAfter = usage()
        child.waitUntilExit()
        server.stop()
        // Frames of moments made before the measurement (the class being seated) are not counted.
        report(followers: followers, frames: frames, wall: wall, cpu: usageAfter.cpu - usageBefore.cpu, peakMB: usageAfter.peakMB,
               sent: log.all.filter { $0.publishedAt >= start }, arrivals: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", distinct: distinctSizes)
    }

    final class LockedSent: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Sent] = []
        func add(_ s: Sent) { lock.lock(); items.append(s); lock.unlock() }
        var all: [Sent] { lock.lock(); defer { lock.unlock() }; return items }
    }

    static func usage() -> (cpu: Double, peakMB: Double) {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        let cpu = Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        return (cpu, Double(u.ru_maxrss) / 1024)
    }

    /// Each follower's arrivals against what the server sent and when the moment was made.
    static func report(followers: Int, frames: Int, wall: Double, cpu: Double, peakMB: Double, sent: [Sent], arrivals: String, distinct: Bool) {
        var received: [String: [(UInt64, Int)]] = [:]
        for line in arrivals.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 3, let t = UInt64(f[1]), let b = Int(f[2]) else { continue }
            received[String(f[0]), default: []].append((t, b))
        }
        var latencies: [Double] = []
        // How often each follower's screen changed: the gaps between the frames it got.
        var gaps: [Double] = []
        var bytesBySize: [String: [Int]] = [:]
        var missing = 0
        let bySeat = Dictionary(grouping: sent, by: \.user)
        for (user, frames) in bySeat {
            guard let got = received[user] else { missing += frames.count; continue }
            var i = 0
            var previous = 0
            var lastArrival: UInt64?
            let size = user.split(separator: "-").last.map(String.init) ?? "?"
            for frame in frames.sorted(by: { $0.total < $1.total }) {
                while i < got.count && got[i].1 < frame.total { i += 1 }
                guard i < got.count else { missing += 1; continue }
                latencies.append(Double(Int64(got[i].0) - Int64(frame.publishedAt)) / 1e6)
                if let last = lastArrival { gaps.append(Double(Int64(got[i].0) - Int64(last)) / 1e6) }
                lastArrival = got[i].0
                if previous > 0 { bytesBySize[size, default: []].append(frame.total - previous) }
                previous = frame.total
            }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let within = latencies.filter { $0 <= 100 }.count
        print("serve bench: deep193, lecturer in autoplay at top speed (\(Int(AppState.speeds.last ?? 0)) events/s), \(followers) followers on loopback, \(distinct ? "every one at its own size" : "sizes 80x24 100x30 120x40 160x45 200x50"), \(String(format: "%.1f", wall)) s")
        print("lecturer frames \(frames) (\(String(format: "%.0f", Double(frames) / wall))/s) · follower frames delivered \(latencies.count), not delivered \(missing)")
        print(String(format: "latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f · within 100 ms: %.1f%%", percentile(0.5), percentile(0.95), percentile(0.99),
                     latencies.last ?? .nan, latencies.isEmpty ? 0 : 100 * Double(within) / Double(latencies.count)))
        gaps.sort()
        let gap = { (p: Double) in gaps.isEmpty ? Double.nan : gaps[min(gaps.count - 1, Int(Double(gaps.count) * p))] }
        print(String(format: "frames a follower got: %.1f a second · between two of its frames: p50 %.0f ms  p95 %.0f ms  max %.0f ms",
                     Double(latencies.count) / Double(max(1, bySeat.count)) / wall, gap(0.5), gap(0.95), gaps.last ?? .nan))
        print(String(format: "server CPU %.0f%% of one core · peak memory %.0f MB", 100 * cpu / wall, peakMB))
        for size in bytesBySize.keys.sorted() {
            let b = bytesBySize[size] ?? []
            print("bytes per frame at \(size): mean \(b.isEmpty ? 0 : b.reduce(0, +) / b.count)")
        }
    }

    /// The students' side: connect, follow for `seconds`, write each one's arrivals.
    static func followers(count: Int, port: Int, seconds: Double, out: String, distinctSizes: Bool) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var list: [(String, BenchFollower)] = []
        for k in 0..<count {
            var (w, h) = sizes[k % sizes.count]
            if distinctSizes { w = 80 + k % 121; h = 24 + k % 27 }
            let user = "s\(k)-\(w)x\(h)"
            list.append((user, try BenchFollower.connect(port: port, user: user, width: w, height: h, group: group)))
        }
        usleep(UInt32(seconds * 1_000_000))
        var text = ""
        for (user, follower) in list {
            for (t, b) in follower.received { text += "\(user) \(t) \(b)\n" }
            follower.close()
        }
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        try? group.syncShutdownGracefully()
    }
}

/// `bench --serve`'s options, and the hidden ones of its second process (the students).
struct ServeBenchOptions: ParsableArguments {
    @Flag(help: "Measure lecture mode over SSH instead: followers on loopback, latency, CPU, memory, bytes per frame.")
    var serve = false

    @Option(parsing: .unconditional, help: "Followers for --serve: \(Flags.followers.said). (default: 200)", transform: Flags.followers.parse)
    var followers = 200

    @Option(parsing: .unconditional, help: "Seconds the lecture plays for --serve: \(Flags.benchSeconds.said). (default: 10)", transform: Flags.benchSeconds.parse)
    var seconds = 10.0

    @Flag(help: "With --serve: every follower at a size of its own (else five common sizes).")
    var distinctSizes = false

    @Option(parsing: .unconditional, help: .hidden, transform: Flags.serveFollowers.parse) var serveFollowers: Int?
    @Option(parsing: .unconditional, help: .hidden, transform: Flags.benchPort.parse) var port: Int?
    @Option(help: .hidden) var arrivals: String?

    func validate() throws {
        // The students' process is started by `bench --serve` itself, with all three.
        if (serveFollowers != nil || port != nil || arrivals != nil) && (serveFollowers == nil || port == nil || arrivals == nil) {
            throw ValidationError("--serve-followers, --port and --arrivals are given together, by `bench --serve` to its second process")
        }
    }

    /// Runs the serve bench (or its students' process) if asked; false otherwise.
    func runIfAsked() throws -> Bool {
        if let count = serveFollowers, let port, let arrivals {
            try ServeBench.followers(count: count, port: port, seconds: seconds, out: arrivals, distinctSizes: distinctSizes)
            return true
        }
        guard serve else { return false }
        try ServeBench.run(followers: followers, seconds: seconds, distinctSizes: distinctSizes)
        return true
    }
}
