import Foundation
import GRDB
import Testing

@testable import CoachStore

/// The listing is served by indexes whatever the number of sessions (timings are in docs/benchmarks.md).
@Suite struct ListingIndexTests {
    @Test func theNewestPageOf100000SessionsComesFromAnIndex() throws {
        let store = try CoachStore.inMemory()
        try store.database.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
                    INSERT INTO sessions (id, playbook_id, playbook_version, title, status, answered, total, state,
                        answers, created_at, updated_at, origin)
                    SELECT printf('s-%06d', i), 'qbr', 1, 'Session ' || i,
                        CASE i % 3 WHEN 0 THEN 'asking' WHEN 1 THEN 'completed' ELSE 'cancelled' END,
                        0, 5, randomblob(200), randomblob(100), i, 1700000000 + (i * 7919) % 100000, 'repl'
                    FROM n
                    """)
        }
        for status in [nil] + SessionStatus.allCases.map(Optional.some) {
            let page = try store.listSessions(limit: 50, status: status)
            #expect(page.count == 50)
            #expect(zip(page, page.dropFirst()).allSatisfy { $0.updatedAt >= $1.updatedAt })
            #expect(page.allSatisfy { status == nil || $0.status == status })
        }
        let plans = try store.database.read { db in
            [
                try Row.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN SELECT id FROM sessions ORDER BY updated_at DESC LIMIT 50"),
                try Row.fetchAll(
                    db,
                    sql: """
                        EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE status = 'asking'
                        ORDER BY updated_at DESC LIMIT 50
                        """),
            ].map { rows in rows.map { $0["detail"] as String }.joined(separator: " | ") }
        }
        #expect(plans[0].contains("USING INDEX sessions_by_updated"))
        #expect(plans[1].contains("USING INDEX sessions_by_status_updated"))
        #expect(plans.allSatisfy { !$0.contains("TEMP B-TREE") })
    }
}
