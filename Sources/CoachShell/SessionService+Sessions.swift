import CoachCore
import CoachStore

extension SessionService {
    /// The most recently changed sessions first, optionally only those with `status`.
    public func list(limit: Int = 50, status: StoreStatus? = nil) throws(ServiceError) -> [SessionSummary] {
        if transient { return transientList(limit: limit, status: status) }
        do {
            return try store.listSessions(limit: limit, status: status)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// The unfinished sessions, most recent first (what a home screen offers to resume).
    public func unfinished(limit: Int = 9) -> [SessionSummary] {
        if transient { return transientList(limit: limit, status: .asking) }
        return (try? store.listSessions(limit: limit, status: .asking)) ?? []
    }

    /// The sessions of this process, as a store would list them.
    func transientList(limit: Int, status: StoreStatus?) -> [SessionSummary] {
        let summaries = live.map { id, entry in
            SessionSummary(
                id: id, playbookID: entry.session.playbook.id, playbookVersion: entry.session.playbook.version,
                title: entry.title, status: StoreStatus(entry.turn.status), account: entry.account,
                currentStep: entry.turn.prompt?.step.description, answered: entry.turn.progress.answered, total: entry.turn.progress.total,
                createdAt: entry.createdAt, updatedAt: entry.updatedAt, origin: entry.origin)
        }
        return Array(
            summaries.filter { status == nil || $0.status == status }
                .sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
                .prefix(limit))
    }

    /// The stored session with this id or unambiguous prefix (state and answers as stored).
    public func stored(_ id: String) throws(ServiceError) -> StoredSession {
        try storedSession(resolve(id))
    }

    /// The session's journal, in order.
    public func journal(_ id: String) throws(ServiceError) -> [JournalEntry] {
        let full = try resolve(id)
        if transient { return [] }
        flushPending(full)
        do {
            return try store.journal(sessionID: full)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// The session's draft versions, oldest first.
    public func drafts(_ id: String) throws(ServiceError) -> [StoreDraft] {
        let full = try resolve(id)
        if transient { return [] }
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

    /// A title like `stakeholder-reset · Acme · Atlas rollout`: the playbook, then the client and project.
    ///
    /// Without a client or project, the first answered account fact stands in.
    static func title(session: Session, account: String?) -> String {
        let answers = session.state.answers
        var parts = [session.playbook.id]
        let client = answers["client"].map(\.display) ?? account
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
        // Runs on every saved answer: a short ASCII line (the usual client or project name) is kept as it is
        // without splitting it into characters.
        if text.utf8.count <= 48, text.utf8.allSatisfy({ $0 < 0x80 && ($0 < 0x0A || $0 > 0x0D) }) {
            return text
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 48 ? String(line.prefix(47)) + "…" : line
    }
}
