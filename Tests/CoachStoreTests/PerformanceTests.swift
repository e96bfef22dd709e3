import Foundation
import GRDB
import Testing

@testable import CoachStore

/// Timing checks with generous bounds (debug builds, a busy 2-core machine); the measured figures are printed.
@Suite struct PerformanceTests {
    @Test func listingTheNewestPageOf100000SessionsIsIndexBacked() throws {
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
            var best = Double.infinity
            var page: [SessionSummary] = []
            for _ in 0..<5 {
                let start = CoachStore.now()
                page = try store.listSessions(limit: 50, status: status)
                best = min(best, CoachStore.now() - start)
            }
            #expect(page.count == 50)
            #expect(zip(page, page.dropFirst()).allSatisfy { $0.updatedAt >= $1.updatedAt })
            #expect(page.allSatisfy { status == nil || $0.status == status })
            #expect(best < 0.1)
            print("listSessions(limit: 50, status: \(status.map(\.rawValue) ?? "any")) on 100,000: \(best * 1000) ms")
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
        print("query plans: \(plans)")
    }

    @Test func saveProgressThroughputOnAWALFile() throws {
        let folder = TemporaryFolder()
        let store = try CoachStore.open(home: folder.home)
        let id = try store.makeSession()
        let state = Data(String(repeating: #"{"k":"v"},"#, count: 50).utf8)
        let rounds = 5000
        let start = CoachStore.now()
        for round in 1...rounds {
            try store.saveProgress(
                sessionID: id, state: state, answers: sampleAnswers, status: .asking, currentStep: "q", answered: round,
                total: rounds,
                journal: [
                    JournalEntry(kind: .prompt, step: "q", text: "Question?"),
                    JournalEntry(kind: .answer, step: "q", text: "Answer"),
                ])
        }
        let seconds = CoachStore.now() - start
        let rate = Double(rounds) / seconds
        print("saveProgress with 2 journal entries, WAL + synchronous=NORMAL: \(Int(rate)) commits/s")
        #expect(try store.journal(sessionID: id).count == 2 * rounds)
        #expect(rate > 1000)
    }
}
