import Foundation
import GRDB

extension CoachStore {
    /// Saves a new draft of a session's outputs and returns its version (1, 2, ...).
    @discardableResult
    public func addDraft(sessionID: String, outputs: Data, answers: Data) throws(StoreError) -> Int {
        let now = clock()
        return try write { db in try Self.addDraft(sessionID: sessionID, outputs: outputs, answers: answers, now: now, db) }
    }

    static func addDraft(sessionID: String, outputs: Data, answers: Data, now: Double, _ db: Database) throws -> Int {
        guard try sessionExists(sessionID, db) else {
            throw StoreError.sessionNotFound(sessionID)
        }
        let newest = try db.cachedStatement(sql: "SELECT MAX(version) FROM drafts WHERE session_id = ?")
        let last = try Int.fetchOne(newest, arguments: [sessionID]) ?? 0
        try DraftRecord(sessionID: sessionID, version: last + 1, createdAt: now, outputs: outputs, answers: answers)
            .insert(db)
        return last + 1
    }

    /// A session's drafts, oldest version first.
    public func drafts(sessionID: String) throws(StoreError) -> [Draft] {
        try read { db in
            let columns = DraftRecord.Columns.self
            return try DraftRecord.filter(columns.sessionID == sessionID).order(columns.version).fetchAll(db).map(\.draft)
        }
    }
}
