import CoachStore
import Foundation

/// The store of a Coach home folder being opened, possibly on another thread.
///
/// Opening the database (folder modes, the opening lock, WAL set-up, migrations) takes about as long as finding
/// and checking a playbook; `coach run` starts it in the background first and does that work meanwhile.
/// ``SessionService/open(opening:catalog:today:)`` waits for the result.
public final class StoreOpening: @unchecked Sendable {
    /// The folder opened, or nil when nothing is to be stored (`--no-store`, `COACH_NO_STORE=1`).
    public let folder: String?
    private let condition = NSCondition()
    private var result: Result<CoachStore, StoreError>?

    /// Opens the store for `home` (else `$COACH_HOME`, `$XDG_DATA_HOME/coach`, `~/.local/share/coach`) now,
    /// or on a background thread with `inBackground`.
    public init(home: String?, environment: [String: String], noStore: Bool, inBackground: Bool = false) {
        if noStore || environment["COACH_NO_STORE"] == "1" {
            folder = nil
            return
        }
        let folder = home.flatMap { $0.isEmpty ? nil : $0 } ?? CoachStore.defaultHome(environment: environment)
        self.folder = folder
        guard inBackground else {
            result = Self.open(folder)
            return
        }
        Thread.detachNewThread { [self] in
            let opened = Self.open(folder)
            condition.lock()
            result = opened
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The opened store or why it failed; nil when nothing is to be stored. Waits for a background opening.
    public func wait() -> Result<CoachStore, StoreError>? {
        guard folder != nil else { return nil }
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result
    }

    private static func open(_ folder: String) -> Result<CoachStore, StoreError> {
        do {
            return .success(try CoachStore.open(home: folder))
        } catch {
            return .failure(error)
        }
    }
}
