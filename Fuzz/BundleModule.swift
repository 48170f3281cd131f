import Foundation

// SwiftPM generates `Bundle.module` for the Scenario target's resources; a direct swiftc build has
// none, and the fuzzer never reads the shipped scenarios through it.
extension Bundle {
    static let module = Bundle.main
}
