import Foundation
import Synchronization
import Testing

@testable import CoachStore

/// A clock that ticks one second per reading, from a fixed start, so times in tests are exact.
final class TickingClock: Sendable {
    let start: Double
    private let ticks = Atomic<Int>(0)

    init(start: Double = 1_700_000_000) {
        self.start = start
    }

    func now() -> Double {
        start + Double(ticks.add(1, ordering: .relaxed).newValue)
    }

    var function: @Sendable () -> Double {
        { self.now() }
    }
}

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

/// The permission bits of a file or folder, or nil if it does not exist.
func mode(of path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else {
        return nil
    }
    return info.st_mode & 0o777
}

/// Whether this process can create a file in `folder` (root can, whatever the folder's mode).
func canCreateFile(in folder: String) -> Bool {
    let probe = folder + "/.probe-\(getpid())"
    let descriptor = open(probe, O_RDWR | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
        return false
    }
    close(descriptor)
    unlink(probe)
    return true
}

let sampleState = Data(#"{"step":"budget","stack":[]}"#.utf8)
let sampleAnswers = Data(#"{"account":"Acme"}"#.utf8)

extension CoachStore {
    /// Creates a session with sample values; only what a test cares about is given.
    func makeSession(
        id: String? = nil, title: String = "Quarterly review", total: Int = 5, origin: SessionOrigin = .repl
    ) throws -> String {
        try createSession(
            id: id, playbookID: "qbr", playbookVersion: 3, title: title, currentStep: "intro", total: total,
            state: sampleState, answers: sampleAnswers, origin: origin)
    }
}

/// The ``StoreError`` thrown by `body` (nil if it threw nothing; another error is recorded as an issue).
func storeError<T>(_ body: () throws -> T) -> StoreError? {
    do {
        _ = try body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)")
        return nil
    }
}
