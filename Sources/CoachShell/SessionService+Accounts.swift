import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// Every remembered account, sorted by name.
    public func accounts() throws(ServiceError) -> [Account] {
        do {
            return try store.listAccounts()
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// The account with this name and its facts (with where and when each was given).
    public func account(named name: String) throws(ServiceError) -> (account: Account, facts: [Fact]) {
        do throws(StoreError) {
            guard let account = try store.findAccount(name: name) else {
                throw StoreError(.notFound, "There is no account named '\(name)'. List them with: coach accounts")
            }
            return (account, try store.facts(account: account.name))
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// Renames an account, keeping its facts.
    @discardableResult
    public func renameAccount(_ old: String, to new: String) throws(ServiceError) -> Account {
        do {
            return try store.renameAccount(from: old, to: new)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// Forgets an account and everything remembered about it.
    public func forgetAccount(_ name: String) throws(ServiceError) {
        do {
            try store.forgetAccount(name)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// "from today", "from yesterday", "from 12 days ago": how old a remembered fact is.
    public static func ageNote(givenAt: Double, now: Double) -> String {
        let days = Int(max(0, now - givenAt) / 86_400)
        switch days {
        case 0: return "from today"
        case 1: return "from yesterday"
        default: return "from \(days) days ago"
        }
    }

    // MARK: - Remembering and offering facts

    /// The remembered facts about `account` that `playbook` asks for, as defaults with their age.
    func rememberedDefaults(account: String, playbook: Playbook) -> [String: SessionState.Prefill] {
        // Facts are saved only with drafts, never by the open group: read them without saving the group first.
        guard let facts = try? backing.facts(account: account), !facts.isEmpty else { return [:] }
        let time = now()
        var defaults: [String: SessionState.Prefill] = [:]
        for fact in facts {
            guard let step = playbook.step(fact.name), step.kind.asks, !fact.display.isEmpty else { continue }
            defaults[fact.name] = SessionState.Prefill(
                text: fact.display, note: Self.ageNote(givenAt: fact.givenAt, now: time))
        }
        return defaults
    }

    /// The sentence that says which remembered answers are offered, or nil when none are.
    static func rememberedNotice(account: String, defaults: [String: SessionState.Prefill], playbook: Playbook)
        -> String?
    {
        let names = playbook.steps.map(\.id).filter { defaults[$0] != nil }
        guard !names.isEmpty else { return nil }
        return "Coach remembers \(names.count) answer\(names.count == 1 ? "" : "s") about \(account) "
            + "(\(names.joined(separator: ", "))): each is offered as the default, with its age; change any of them."
    }

    /// Once the client is known, offers what is remembered about it for the questions still to come.
    func applyRemembered(to entry: inout Live) -> [String] {
        guard let account = entry.account else { return [] }
        let playbook = entry.session.playbook
        var state = entry.session.state
        let defaults = rememberedDefaults(account: account, playbook: playbook).filter { key, _ in
            state.answers[.step(key)] == nil && state.prefill[key] == nil && !state.skipped.contains(.step(key))
        }
        guard let notice = Self.rememberedNotice(account: account, defaults: defaults, playbook: playbook) else {
            return []
        }
        state.prefill.merge(defaults) { old, _ in old }
        entry.session = Session(playbook: playbook, state: state)
        entry.turn = entry.session.currentTurn().accepting(entry.turn.accepted)
        return [notice]
    }

    /// The answers of a completed session that are facts about its account (`account: true` steps).
    func factsToRemember(_ session: Session) -> [Fact] {
        let facts = session.accountFacts()
        return session.playbook.steps.compactMap { step in
            guard let text = facts[step.id], let value = session.state.answers[.step(step.id)] else { return nil }
            return Fact(name: step.id, value: encoded(value), display: text)
        }
    }

    /// A name as shown: trimmed, runs of whitespace made one space.
    static func tidy(_ name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
