import Foundation
import Scenario
import Testing

/// `backprop lecture` in a real terminal, as a lecturer gives it with a clicker: every idea opens
/// at its screen, PgDn goes on and PgUp back, and q ends the lecture with the terminal given back.
struct LectureInTmuxTests {
    /// Each idea's scenario title as the header begins it (the header shortens long titles).
    static let titles: [String] = {
        ["Linear model", "Two linear", "Two linear", "An activation", "One node", "One weight", "Linear model"]
    }()

    @Test(.enabled(if: ScreenInTmuxTests.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(2)),
          arguments: [(80, 24), (120, 40)])
    func throughAllSevenIdeasAndBack(width: Int, height: Int) throws {
        let binary: String
        switch Backprop.binary {
        case .success(let url): binary = url.path
        case .failure(let error): throw error
        }
        let tmux = ScreenInTmuxTests.Tmux()
        defer { tmux.stop() }
        tmux.start(ScreenInTmuxTests.Tmux.sayingIfCooked("'\(binary)' lecture"), width: width, height: height)
        for (index, title) in Self.titles.enumerated() {
            let screen = tmux.waitFor("idea \(index + 1)/7")
            #expect(screen.contains("idea \(index + 1)/7"), "idea \(index + 1) at \(width)×\(height):\n\(screen)")
            // At 80 columns the header gives the title up to the position; at 120 it is there.
            if width >= 120 { #expect(screen.contains(title), "idea \(index + 1) shows its scenario:\n\(screen)") }
            #expect(screen.contains("‖"), "idea \(index + 1) opens paused:\n\(screen)")
            if index == 6 {
                #expect(screen.contains("NO zero_grad"), "idea 7 opens without zero_grad:\n\(screen)")
            }
            if index < 6 { tmux.keys("NPage") }
        }
        tmux.keys("NPage")
        var screen = tmux.waitFor("the last idea (7/7)")
        #expect(screen.contains("the last idea (7/7)"), "\(screen)")
        tmux.keys("PPage")
        screen = tmux.waitFor("idea 6/7")
        #expect(screen.contains("backward multiplies"), "PgUp goes back:\n\(screen)")
        tmux.keys("Right")
        tmux.keys("q")
        screen = tmux.waitFor("[exit")
        #expect(screen.contains("[exit 0]") && screen.contains("cooked"), "\(screen)")
    }
}
