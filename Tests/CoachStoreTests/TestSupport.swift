import Foundation
import Testing

@testable import CoachStore

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
    @discardableResult
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
