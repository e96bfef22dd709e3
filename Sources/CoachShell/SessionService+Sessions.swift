import CoachCore
import CoachStore

extension SessionService {
    /// The most recently changed sessions first, optionally only those with `status`.
    public func list(limit: Int = 50, status: StoreStatus? = nil) throws(ServiceError) -> [SessionSummary] {
        do {
            return try store.listSessions(limit: limit, status: status)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// The unfinished sessions, most recent first (what a home screen offers to resume).
    public func unfinished(limit: Int = 9) -> [SessionSummary] {
        return (try? store.listSessions(limit: limit, status: .asking)) ?? []
    }

    /// The stored session with this id or unambiguous prefix (state and answers as stored).
    public func stored(_ id: String) throws(ServiceError) -> StoredSession {
        try storedSession(resolve(id))
    }

    /// The session's journal, in order.
    public func journal(_ id: String) throws(ServiceError) -> [JournalEntry] {
        let full = try resolve(id)
        flushPending(full)
        do {
            return try store.journal(sessionID: full, after: 0)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// The session's draft versions, oldest first.
    public func drafts(_ id: String) throws(ServiceError) -> [StoreDraft] {
        let full = try resolve(id)
        do {
            return try store.drafts(sessionID: full)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// Deletes a session with its journal and drafts (facts it gave are kept); returns its full id.
    @discardableResult
    public func delete(_ id: String) throws(ServiceError) -> String {
        let full = try resolve(id)
        do {
            try store.deleteSession(id: full)
        } catch {
            throw Self.serviceError(error)
        }
        live[full] = nil
        return full
    }

    /// A title like `stakeholder-reset · Acme · Atlas rollout`: the playbook, then the account and project.
    ///
    /// Without a client or project, the first answered account fact stands in.
    static func title(session: Session, account: String?) -> String {
        let answers = session.state.answers
        var parts = [session.playbook.id]
        // The account as filed (an answer's tidy name, or where a merge or rename moved it), else the answer.
        let client = account ?? session.playbook.accountStep.flatMap { answers[.step($0)]?.display }
        if let client, !client.isEmpty {
            parts.append(client)
        }
        if let project = answers["project"]?.display, !project.isEmpty {
            parts.append(project)
        }
        if parts.count == 1 {
            let fact = session.playbook.steps.first { $0.account && answers[.step($0.id)] != nil }
            if let fact, let text = answers[.step(fact.id)]?.display, !text.isEmpty {
                parts.append(text)
            }
        }
        return parts.map { short($0) }.joined(separator: " · ")
    }

    static func short(_ text: String) -> String {
        Account.titlePart(text)
    }
}
