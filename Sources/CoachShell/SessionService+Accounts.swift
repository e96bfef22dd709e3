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

    /// Merges account `from` into `into`: its sessions and facts move (the newer fact wins where both have one) and
    /// `from` is deleted. Sessions running in this process follow.
    @discardableResult
    public func mergeAccounts(_ from: String, into: String) throws(ServiceError) -> AccountMerge {
        let merge: AccountMerge
        do {
            merge = try store.mergeAccounts(from: from, into: into)
        } catch {
            throw Self.serviceError(error)
        }
        for id in Array(live.keys) where live[id]?.account.map(Account.key) == merge.from.key {
            live[id]?.account = merge.into.name
            if let session = live[id]?.session {
                live[id]?.title = Self.title(session: session, account: merge.into.name)
            }
        }
        return merge
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

    /// What is remembered about `account` for `playbook`: the facts it asks for (not the account step, whose
    /// answer is the account's name) as defaults with their age, and the currency of the newest remembered amount.
    func remembered(account: String, playbook: Playbook) -> (defaults: [String: SessionState.Prefill], currency: String?) {
        // Facts are saved only with drafts, never by the open group: read them without saving the group first.
        guard let facts = try? backing.facts(account: account), !facts.isEmpty else { return ([:], nil) }
        let time = now()
        var defaults: [String: SessionState.Prefill] = [:]
        for fact in facts where fact.name != playbook.accountStep {
            guard let step = playbook.step(fact.name), step.kind.asks, !fact.display.isEmpty else { continue }
            defaults[fact.name] = SessionState.Prefill(
                text: fact.display, note: Self.ageNote(givenAt: fact.givenAt, now: time))
        }
        let amounts = facts.compactMap { fact -> (Double, String)? in
            guard case .money(let money)? = decodedValue(fact.value) else { return nil }
            return (fact.givenAt, money.currency)
        }
        return (defaults, amounts.max { $0.0 < $1.0 }?.1)
    }

    /// A fact's stored value, in the value's one JSON encoding.
    func decodedValue(_ data: Data) -> Value? {
        try? Value(jsonBytes: [UInt8](data))
    }

    /// The sentence that says which remembered answers are offered, or nil when none are.
    static func rememberedNotice(account: String, defaults: [String: SessionState.Prefill], playbook: Playbook)
        -> String?
    {
        // Counted, not listed: step ids mean nothing to the person, and each question shows its own default.
        let count = playbook.steps.filter { defaults[$0.id] != nil }.count
        guard count > 0 else { return nil }
        return "Coach remembers \(count) answer\(count == 1 ? "" : "s") about \(account) from earlier sessions: "
            + "\(count == 1 ? "it is" : "each is") offered as the default at its question, with its age; change any of them."
    }

    /// The account a session is for: the answer of its playbook's account step when there is one, else `current`
    /// (the account it was started for).
    static func account(of session: Session, current: String?) -> String? {
        guard let step = session.playbook.accountStep, let answer = session.state.answers[.step(step)] else {
            return current
        }
        let name = tidy(answer.display)
        return name.isEmpty ? current : name
    }

    /// What a session's account step holds: its answer as given and whether it was skipped. Taken before and after
    /// every event, it says without working out a name whether the event touched the account step.
    struct AccountStepAnswer: Equatable {
        var value: Value?
        var skipped: Bool

        /// Nil when the playbook has no account step.
        init?(_ session: Session) {
            guard let step = session.playbook.accountStep else { return nil }
            value = session.state.answers[.step(step)]
            skipped = value == nil && session.state.skipped.contains(.step(step))
        }

        /// The answer as a name; `""` when it was skipped (or answered with no name); nil when it is not answered.
        var name: String? {
            if let value { return SessionService.tidy(value.display) }
            return skipped ? "" : nil
        }
    }

    /// Points the session at the account its answers now name, when the event changed the account step's answer
    /// from `before` (a first answer, one corrected by going back, a skip): what the old account offered and was
    /// not taken is withdrawn, what the new one remembers is offered for the questions still unanswered, and its
    /// remembered currency becomes the session's. A skipped account step files the session under no account; an
    /// answer cleared by a restart keeps it where it is until the step is answered again. An event that leaves the
    /// answer as it was never moves the session (where a merge or a rename put it stays).
    func followAccount(_ entry: inout Live, before: AccountStepAnswer?) -> [String] {
        let after = AccountStepAnswer(entry.session)
        guard after != before, let answer = after?.name, answer != before?.name else { return [] }
        let account: String? = answer.isEmpty ? nil : answer
        guard account != entry.account else { return [] }
        let old = entry.account
        entry.account = account
        if let old, let account, Account.key(for: old) == Account.key(for: account) {
            return []  // The same account, spelt differently: nothing else changes.
        }
        let playbook = entry.session.playbook
        var state = entry.session.state
        var notices: [String] = []
        if let old {
            for (key, offer) in remembered(account: old, playbook: playbook).defaults
            where state.answers[.step(key)] == nil && state.prefill[key] == offer {
                state.prefill[key] = nil
            }
            notices.append(
                account.map { "This session is now filed under \($0) instead of \(old)." }
                    ?? "The account question was skipped, so this session is no longer filed under \(old).")
        }
        guard let account else {
            guard state != entry.session.state else { return notices }
            entry.session = Session(playbook: playbook, state: state)
            entry.turn = entry.session.currentTurn().accepting(entry.turn.accepted)
            return notices
        }
        let memory = remembered(account: account, playbook: playbook)
        let offered = memory.defaults.filter { key, _ in
            state.answers[.step(key)] == nil && state.prefill[key] == nil && !state.skipped.contains(.step(key))
        }
        state.prefill.merge(offered) { old, _ in old }
        state.currency = memory.currency
        if let notice = Self.rememberedNotice(account: account, defaults: offered, playbook: playbook) {
            notices.append(notice)
        }
        guard state != entry.session.state else { return notices }
        entry.session = Session(playbook: playbook, state: state)
        entry.turn = entry.session.currentTurn().accepting(entry.turn.accepted)
        return notices
    }

    /// `turn` as the session's shells get it: a hand-off that carries the session's account over offers the
    /// account's name as it is filed now (after a merge or a rename), not the answer as it was first typed.
    func handingOver(_ turn: Turn, from entry: Live) -> Turn {
        guard case .completed(let outputs, let handoffs, let progress, let notice, let accepted) = turn,
            let account = entry.account, let typed = AccountStepAnswer(entry.session)?.name, !typed.isEmpty, typed != account
        else { return turn }
        let offers = handoffs.map { offer in
            guard let step = catalog.playbook(offer.playbook)?.accountStep, let carried = offer.prefill[step],
                Self.tidy(carried) == typed
            else { return offer }
            var filed = offer
            filed.prefill[step] = account
            return filed
        }
        return .completed(outputs, handoffs: offers, progress: progress, notice: notice, accepted: accepted)
    }

    /// The answers of a completed session that are facts about its account (`account: true` steps other than
    /// the account step, whose answer is the account's name).
    func factsToRemember(_ session: Session) -> [Fact] {
        let facts = session.accountFacts()
        return session.playbook.steps.compactMap { step in
            guard step.id != session.playbook.accountStep, let text = facts[step.id],
                let value = session.state.answers[.step(step.id)]
            else { return nil }
            return Fact(name: step.id, value: Data(value.jsonBytes), display: text)
        }
    }

    /// A name as shown: trimmed, runs of whitespace made one space.
    static func tidy(_ name: String) -> String {
        name.collapsingWhitespace()
    }
}
