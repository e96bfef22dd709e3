import CoachTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

@testable import CoachStore

@Suite struct ConcurrencyTests {
    /// Four connections open one brand-new database at once (racing to create the schema), then all write.
    @Test func separateConnectionsWriteAtOnceWithoutErrors() throws {
        let folder = TemporaryFolder()
        let home = folder.home
        let failures = Mutex<[String]>([])
        let sessions = Mutex<[String]>([])
        let writers = 4
        let rounds = 300
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let store = try CoachStore.open(home: home)
                let id = try store.makeSession(title: "writer \(writer)")
                sessions.withLock { $0.append(id) }
                for round in 1...rounds {
                    try store.saveProgress(
                        sessionID: id, state: Data(#"{"round":\#(round)}"#.utf8), answers: sampleAnswers,
                        status: round == rounds ? .completed : .asking, currentStep: "q\(round)", answered: round,
                        total: rounds,
                        journal: [
                            JournalEntry(kind: .prompt, step: "q\(round)", text: "Question \(round)?"),
                            JournalEntry(kind: .answer, step: "q\(round)", text: "Answer \(round)"),
                        ])
                    if round.isMultiple(of: 100) {
                        try store.addDraft(sessionID: id, outputs: Data("[]".utf8), answers: sampleAnswers)
                        try store.saveFacts(
                            account: "Shared",
                            facts: [Fact(name: "writer\(writer)", value: Data("\(round)".utf8), display: "\(round)")],
                            sessionID: id)
                    }
                }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let store = try CoachStore.open(home: home)
        let ids = sessions.withLock { $0 }
        #expect(ids.count == writers)
        for id in ids {
            let session = try #require(try store.session(id: id))
            #expect(session.status == .completed)
            #expect(session.answered == rounds)
            #expect(try store.journal(sessionID: id).map(\.seq) == Array(1...(2 * rounds)))
            #expect(try store.drafts(sessionID: id).map(\.version) == [1, 2, 3])
        }
        #expect(try store.facts(account: "shared").map(\.display) == Array(repeating: "\(rounds)", count: writers))
        #expect(try store.listAccounts().count == 1)
        #expect(try store.schemaVersion() == "v4")
    }

    /// A second process (the sqlite3 shell) writes the same database while this one saves progress.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ConcurrencyTests.sqlite3)))
    func anotherProcessWritesAtTheSameTime() throws {
        let folder = TemporaryFolder()
        let store = try CoachStore.open(home: folder.home)
        let id = try store.makeSession()
        let rounds = 300
        var script = ".timeout 5000\n"
        for index in 1...rounds {
            script +=
                "INSERT INTO accounts (key, name, created_at, updated_at) VALUES ('p\(index)', 'P\(index)', 0, 0);\n"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.sqlite3)
        process.arguments = ["-batch", "-bail", folder.database]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let bytes = Data(script.utf8)
        let feeder = Thread {
            input.fileHandleForWriting.write(bytes)
            try? input.fileHandleForWriting.close()
        }
        feeder.start()
        for round in 1...rounds {
            try store.saveProgress(
                sessionID: id, state: sampleState, answers: sampleAnswers, status: .asking, currentStep: "q",
                answered: round, total: rounds, journal: [JournalEntry(kind: .answer, text: "\(round)")])
        }
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(stderr == "")
        #expect(try store.listAccounts().count == rounds)
        #expect(try store.journal(sessionID: id).count == rounds)
        #expect(try store.session(id: id)?.answered == rounds)
    }

    static let sqlite3 = "/usr/bin/sqlite3"
}
