import Foundation
import GRDB

extension CoachStore {
    /// Saves a new draft of a session's outputs and returns its version (1, 2, ...).
    @discardableResult
    public func addDraft(sessionID: String, outputs: Data, answers: Data) throws(StoreError) -> Int {
        let now = clock()
        return try write { db in
            guard try Self.sessionExists(sessionID, db) else {
                throw StoreError.sessionNotFound(sessionID)
            }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO drafts (session_id, version, created_at, outputs, answers)
                    SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ? FROM drafts WHERE session_id = ?
                    RETURNING version
                    """)
            return try Int.fetchOne(insert, arguments: [sessionID, now, outputs, answers, sessionID]) ?? 0
        }
    }

    /// A session's drafts, oldest version first.
    public func drafts(sessionID: String) throws(StoreError) -> [Draft] {
        try read { db in
            let select = try db.cachedStatement(
                sql: """
                    SELECT session_id, version, created_at, outputs, answers FROM drafts
                    WHERE session_id = ? ORDER BY version
                    """)
            return try Row.fetchAll(select, arguments: [sessionID]).map { row in
                Draft(sessionID: row[0], version: row[1], createdAt: row[2], outputs: row[3], answers: row[4])
            }
        }
    }

    static func sessionExists(_ id: String, _ db: Database) throws -> Bool {
        let select = try db.cachedStatement(sql: "SELECT 1 FROM sessions WHERE id = ?")
        return try Bool.fetchOne(select, arguments: [id]) ?? false
    }
}
