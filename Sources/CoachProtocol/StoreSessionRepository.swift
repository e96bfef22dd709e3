import CoachShell
import CoachStore
import Foundation

import struct CoachCore.SessionState

/// Sessions in the SQLite store (CoachStore), in the same form the other shells save them, so that
/// `coach sessions` lists, resumes and exports what a bot started. Each save is one transaction.
public final class StoreSessionRepository: SessionRepository {
    let store: CoachStore
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    private let decoder = JSONDecoder()

    /// A repository over `store`.
    public init(store: CoachStore) { self.store = store }

    public var persistence: String { "sqlite" }
    public var wantsAnswers: Bool { true }

    public func create(_ record: SessionRecord) throws -> String {
        try store.createSession(
            id: record.id.isEmpty ? nil : record.id, playbookID: record.playbookID,
            playbookVersion: record.playbookVersion, title: record.title, account: record.account,
            currentStep: record.currentStep, answered: record.answered, total: record.total,
            state: try encoder.encode(record.state), answers: try encoder.encode(record.answers ?? []), origin: .protocol)
    }

    public func load(_ id: String) throws -> SessionRecord? {
        guard let stored = try store.session(id: id), stored.id == id else { return nil }
        let state = try decoder.decode(SessionState.self, from: stored.state)
        return SessionRecord(
            id: stored.id, playbookID: stored.playbookID, playbookVersion: stored.playbookVersion, title: stored.title,
            account: stored.account, state: state, currentStep: stored.currentStep, answered: stored.answered,
            total: stored.total, createdAt: stored.createdAt, updatedAt: stored.updatedAt)
    }

    public func save(_ record: SessionRecord) throws {
        try store.saveProgress(
            sessionID: record.id, state: try encoder.encode(record.state), answers: try encoder.encode(record.answers ?? []),
            status: StoreStatus(rawValue: record.state.status.rawValue) ?? .asking, currentStep: record.currentStep,
            answered: record.answered, total: record.total, account: record.account)
    }

    public func list() throws -> [SessionListing] {
        try store.listSessions(limit: 1000).map { s in
            SessionListing(
                id: s.id, playbookID: s.playbookID, title: s.title, account: s.account,
                status: .init(rawValue: s.status.rawValue) ?? .asking, currentStep: s.currentStep, answered: s.answered,
                total: s.total, createdAt: s.createdAt, updatedAt: s.updatedAt)
        }
    }
}
