import CoachTestSupport
import Foundation
import Testing

@testable import CoachStore

/// Real separate processes: this test binary re-run as a writer child (Linux: found through /proc/self/exe).
@Suite struct ProcessTests {
    static let environment = ProcessInfo.processInfo.environment
    static let isChild = environment["COACH_STORE_CHILD_HOME"] != nil
    static let canSpawn = !isChild && FileManager.default.isExecutableFile(atPath: "/proc/self/exe")

    /// The child's work: saves progress round after round, printing `ack ID ROUND` after each commit returns.
    @Test(.enabled(if: isChild)) func childWriter() throws {
        let home = try #require(Self.environment["COACH_STORE_CHILD_HOME"])
        let rounds = Int(Self.environment["COACH_STORE_CHILD_ROUNDS"] ?? "") ?? Int.max
        let store = try CoachStore.open(home: home)
        let id = try store.makeSession(title: "child \(getpid())")
        for round in 1...rounds {
            try store.saveProgress(
                sessionID: id, state: Data(#"{"round":\#(round)}"#.utf8), answers: sampleAnswers, status: .asking,
                currentStep: "q\(round)", answered: round, total: rounds,
                journal: [JournalEntry(kind: .answer, step: "q\(round)", text: "answer \(round)")])
            FileHandle.standardOutput.write(Data("ack \(id) \(round)\n".utf8))
        }
    }

    @Test(.enabled(if: canSpawn)) func twoProcessesWriteOneDatabaseAtOnce() throws {
        let folder = TemporaryFolder()
        let rounds = 400
        let children = try (0..<2).map { _ in try WriterChild(home: folder.home, rounds: rounds) }
        let outputs = children.map { $0.finish() }
        for (child, output) in zip(children, outputs) {
            #expect(child.process.terminationStatus == 0, "child output: \(output.text)")
        }
        let store = try CoachStore.open(home: folder.home)
        let sessions = try store.listSessions()
        #expect(sessions.count == 2)
        for session in sessions {
            #expect(session.answered == rounds)
            #expect(try store.journal(sessionID: session.id).map(\.seq) == Array(1...rounds))
        }
        #expect(Set(outputs.compactMap(\.lastAck?.id)) == Set(sessions.map(\.id)))
    }

    @Test(.enabled(if: canSpawn)) func killNineLosesNothingAcknowledged() throws {
        let folder = TemporaryFolder()
        let child = try WriterChild(home: folder.home, rounds: nil)
        let acknowledged = child.waitForAcks(300)
        kill(child.process.processIdentifier, SIGKILL)
        let output = child.finish()
        let last = try #require(output.lastAck)
        #expect(last.round >= acknowledged)
        #expect(child.process.terminationReason == .uncaughtSignal)

        let store = try CoachStore.open(home: folder.home)
        let session = try #require(try store.session(id: last.id))
        #expect(session.answered >= last.round)
        // The state and the journal were committed together: never one without the other.
        #expect(session.state == Data(#"{"round":\#(session.answered)}"#.utf8))
        #expect(try store.journal(sessionID: last.id).count == session.answered)
    }
}
