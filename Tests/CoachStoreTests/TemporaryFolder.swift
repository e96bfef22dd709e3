import CoachTestSupport

@testable import CoachStore

extension TemporaryFolder {
    /// The Coach home inside this folder (not created).
    var home: String { path + "/home" }

    /// The database file inside ``home``.
    var database: String { home + "/" + CoachStore.databaseFileName }
}
