import Foundation

@testable import CoachStore

/// A fresh folder under the system temporary folder, removed (modes restored first) when done.
struct TemporaryFolder: ~Copyable {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.path + "/coach-store-tests-" + UUID().uuidString
        _ = mkdir(path, 0o755)
    }

    /// The Coach home inside this folder (not created).
    var home: String { path + "/home" }

    /// The database file inside ``home``.
    var database: String { home + "/" + CoachStore.databaseFileName }

    deinit {
        _ = chmod(path + "/home", 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
}
