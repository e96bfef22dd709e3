/// A run of one playbook: a pure state machine. Each event returns what to show next; nothing here does I/O.
public struct Session: Sendable {
    public let playbook: Playbook
    public private(set) var state: SessionState

    /// A new session of `playbook`; relative dates count from `today`.
    /// `currency`, when given, is the account's: bare amounts take it until one is answered.
    public init(playbook: Playbook, today: Day, prefill: [String: SessionState.Prefill] = [:], currency: String? = nil) {
        self.playbook = playbook
        self.state = SessionState(playbook: playbook, today: today, prefill: prefill, currency: currency)
    }

    /// A session carried on from stored state. Answers to steps the playbook no longer has are dropped.
    public init(playbook: Playbook, state: SessionState) {
        self.playbook = playbook
        self.state = state
        self.state.playbookVersion = playbook.version
        prune()
    }

    /// Sets the day relative dates count from (call it when a session is resumed on a later day).
    public mutating func setToday(_ day: Day) {
        state.today = day
    }

    /// One thing on the route through the playbook: a question, an info screen, or "another item?".
    struct Slot {
        var key: StepKey
        var step: Step
        var group: Step?
        var item: Int
        var isMore: Bool
    }

    // MARK: - Events

    /// Applies `event` and returns the next turn, or a refusal that leaves the session unchanged.
    public mutating func handle(_ event: Event) -> Result<Turn, Refusal> {
        if state.cancelled, event != .restart {
            return .failure(Refusal(kind: .closed, message: "This session was cancelled; start a new one.", current: nil))
        }
        let route = walk()
        let current = currentIndex(in: route)
        switch event {
        case .answer(let input, let step):
            guard let index = current else { return .failure(finished()) }
            let slot = route[index]
            if let step, step != slot.key {
                return .failure(stale(step, slot))
            }
            return .success(answer(input, slot: slot, route: route, at: index))
        case .skip(let step):
            guard let index = current else { return .failure(finished()) }
            let slot = route[index]
            if let step, step != slot.key { return .failure(stale(step, slot)) }
            guard slot.step.isOptional || slot.step.kind == .info else {
                return .failure(
                    Refusal(
                        kind: .notOptional,
                        message: "'\(slot.key)' needs an answer; only optional steps can be skipped.", current: slot.key))
            }
            if slot.step.kind == .info {
                state.answers[slot.key] = .seen
            } else {
                state.answers.removeValue(forKey: slot.key)
                state.skipped.insert(slot.key)
            }
            return .success(advance(after: slot.key, route: route, at: index))
        case .back:
            let position = current ?? route.count
            guard position > 0 else {
                return .failure(
                    Refusal(kind: .nothingBefore, message: "This is the first step; there is nothing before it.", current: route.first?.key)
                )
            }
            state.revisit = route[position - 1].key
            state.attempts = 0
            return .success(turn())
        case .goto(let target):
            return gotoStep(target, route: route, current: current)
        case .restart:
            state = SessionState(playbook: playbook, today: state.today, prefill: state.prefill, currency: state.currency)
            return .success(turn(notice: "Started again from the first step."))
        case .cancel:
            state.cancelled = true
            state.revisit = nil
            return .success(turn())
        }
    }

    /// The turn as it stands, without changing anything.
    public func currentTurn() -> Turn { turn() }

    private func finished() -> Refusal {
        Refusal(
            kind: .closed,
            message: "This session is complete; go to a step to change its answer, or start a new session.",
            current: nil)
    }

    private func stale(_ step: StepKey, _ slot: Slot) -> Refusal {
        Refusal(
            kind: .staleStep,
            message: "That answer is for '\(step)', but the step being asked is '\(slot.key)'; nothing was changed.",
            current: slot.key)
    }

    private mutating func answer(_ input: AnswerInput, slot: Slot, route: [Slot], at index: Int) -> Turn {
        var input = input
        if case .text(let t) = input, t.trimmingWhitespace().isEmpty {
            if let d = defaultText(for: slot) {
                input = .text(d)
            } else if slot.step.isOptional {
                state.answers.removeValue(forKey: slot.key)
                state.skipped.insert(slot.key)
                return advance(after: slot.key, route: route, at: index)
            } else if slot.step.kind != .info {
                return invalid(slot, "An answer is needed here; type one, or ? for an example.", route: route)
            }
        }
        let parsed = AnswerParser.parse(input, for: slot.step, context: answerContext(for: slot, route: route))
        switch parsed {
        case .failure(let reason):
            return invalid(slot, reason.message, route: route)
        case .success(let value):
            let checks = slot.step.validate
            if !checks.isEmpty {
                var scope = self.scope(for: slot)
                scope.overrides["value"] = value
                scope.overrides[slot.step.id] = value
                for check in checks where !check.rule.holds(in: scope) {
                    return invalid(slot, check.message, route: route)
                }
            }
            state.answers[slot.key] = value
            state.skipped.remove(slot.key)
            let echo = value.echo(typed: input.text, kind: slot.step.kind).map { Accepted(step: slot.key, display: $0) }
            return advance(after: slot.key, route: route, at: index).accepting(echo)
        }
    }

    /// The same step asked again with why its answer was refused (`route` is unchanged: no answer changed).
    private mutating func invalid(_ slot: Slot, _ message: String, route: [Slot]) -> Turn {
        state.attempts += 1
        let example = state.attempts >= 3 ? examples(for: slot, route: route).first ?? exampleFor(slot.step) : nil
        return turn(invalid: Invalid(message: message, attempt: state.attempts, example: example), route: route)
    }

    /// Moves on after `key` (at `index` on the route) was answered or skipped; `before` is the route as it was before.
    private mutating func advance(after key: StepKey, route before: [Slot], at index: Int) -> Turn {
        state.attempts = 0
        let wasRevisit = state.revisit == key
        state.revisit = nil
        if !wasRevisit && !playbook.routesOn(key) {
            // A new answer no condition reads: the route is the same, only the current step moves on. Every step
            // before `index` was resolved (it was the first open one, or a revisit of a step off the route), so
            // the next is the first open one after it.
            var i = index + 1
            while i < before.count && isResolved(before[i]) { i += 1 }
            return turn(route: before, current: .some(i < before.count ? i : nil))
        }
        let (dropped, route) = prune()
        var notice: String?
        if wasRevisit && dropped > 0 {
            notice = "\(dropped) later answer\(dropped == 1 ? " no longer applies and was" : "s no longer apply and were") dropped."
        }
        return turn(notice: notice, route: route)
    }

    /// What an answer to `slot` is read against: today, the session's currency (money steps), the date it must
    /// come after (date steps with `after:`).
    func answerContext(for slot: Slot, route: [Slot]) -> AnswerContext {
        var context = AnswerContext(today: state.today)
        switch slot.step.kind {
        case .money:
            context.currency = currency(excluding: slot.key, route: route)
        case .date:
            if let after = slot.step.after, case .date(let day)? = scope(for: slot).lookup(after) {
                let question = slot.group?.steps.first { $0.id == after }?.ask ?? playbook.step(after)?.ask ?? after
                context.after = (day, question)
            }
        default: break
        }
        return context
    }

    /// The session's currency: that of the first amount answered on the route (other than `excluding`, the one
    /// being changed) by a step that takes the session's; else the account's; else the playbook's.
    func currency(excluding key: StepKey?, route: [Slot]) -> SessionCurrency {
        for slot in route where slot.step.kind == .money && slot.step.currency == nil && !slot.step.ownCurrency {
            if slot.key != key, case .money(let m)? = state.answers[slot.key] {
                return SessionCurrency(symbol: m.currency, source: .answer(question: askedAs(slot)))
            }
        }
        if let c = state.currency { return SessionCurrency(symbol: c, source: .account) }
        return SessionCurrency(symbol: playbook.currency ?? "$", source: .playbook)
    }

    /// The question of `slot` as a person saw it: inside a repeated group, led by its item ("Cost line 2: How
    /// much is it?"), since every item asks the same words.
    func askedAs(_ slot: Slot) -> String {
        guard let group = slot.group else { return slot.step.ask }
        let name = group.item ?? "item"
        return name.prefix(1).uppercased() + name.dropFirst() + " \(slot.item): " + slot.step.ask
    }

    /// The step's examples as they should read now (dates from today, amounts in the session's currency).
    func examples(for slot: Slot, route: [Slot]) -> [String] {
        let step = slot.step
        guard !step.examples.isEmpty, step.kind == .date || step.kind == .money else { return step.examples }
        return AnswerParser.examples(for: step, context: answerContext(for: slot, route: route))
    }

    private mutating func gotoStep(_ target: StepKey, route: [Slot], current: Int?) -> Result<Turn, Refusal> {
        var key = target
        if case .step(let id) = target, let step = playbook.step(id), step.kind == .group {
            key = route.first { $0.group?.id == id }?.key ?? target
        }
        guard let index = route.firstIndex(where: { $0.key == key }) else {
            if playbook.contains(target) {
                return .failure(
                    Refusal(
                        kind: .notReached,
                        message: "'\(target)' is not on the route so far; answer the current step first.",
                        current: current.map { route[$0].key }))
            }
            let names = route.prefix(current ?? route.count).map(\.key.description)
            let hint = Suggest.closest(target.description, in: names).map { " Did you mean '\($0)'?" } ?? ""
            return .failure(
                Refusal(kind: .unknownStep, message: "There is no step '\(target)'.\(hint)", current: current.map { route[$0].key }))
        }
        if let c = current, index > c {
            return .failure(
                Refusal(
                    kind: .notReached,
                    message: "'\(target)' comes later; answer '\(route[c].key)' first.", current: route[c].key))
        }
        let firstOpen = route.firstIndex { !isResolved($0) }
        state.revisit = index == firstOpen ? nil : key
        state.attempts = 0
        return .success(turn())
    }

    /// Drops answers the route no longer reaches; returns how many, and the route after.
    @discardableResult
    private mutating func prune() -> (dropped: Int, route: [Slot]) {
        let route = walk()
        var keys = Set<StepKey>(minimumCapacity: route.count)
        for slot in route { keys.insert(slot.key) }
        guard state.answers.keys.contains(where: { !keys.contains($0) }) || state.skipped.contains(where: { !keys.contains($0) })
        else {
            if let r = state.revisit, !keys.contains(r) { state.revisit = nil }
            return (0, route)
        }
        let before = state.answers.count + state.skipped.count
        state.answers = state.answers.filter { keys.contains($0.key) }
        state.skipped = state.skipped.filter { keys.contains($0) }
        if let r = state.revisit, !keys.contains(r) { state.revisit = nil }
        return (before - state.answers.count - state.skipped.count, walk())
    }

    // MARK: - Route

    func scope(for slot: Slot? = nil) -> SessionScope {
        var s = SessionScope(playbook: playbook, answers: state.answers, today: state.today)
        if let slot, let group = slot.group { s.item = (group, slot.item) }
        return s
    }

    /// Whether the slot's step is answered or skipped.
    func isResolved(_ slot: Slot) -> Bool { isResolved(slot.key) }

    func isResolved(_ key: StepKey) -> Bool {
        state.answers[key] != nil || state.skipped.contains(key)
    }

    /// The route through the playbook given the answers so far; past the first open question it follows the
    /// answers already given and the default branches.
    func walk() -> [Slot] {
        var slots: [Slot] = []
        let steps = playbook.steps
        slots.reserveCapacity(steps.count + 4)
        let base = scope()
        var i = 0
        while i < steps.count {
            let step = steps[i]
            if let w = step.when, !w.holds(in: base) {
                i += 1
                continue
            }
            if step.kind == .group {
                walkGroup(step, into: &slots)
            } else {
                slots.append(Slot(key: .step(step.id), step: step, group: nil, item: 0, isMore: false))
            }
            i = step.next.isEmpty ? i + 1 : nextIndex(after: i, next: step.next, scope: base)
        }
        return slots
    }

    private func walkGroup(_ group: Step, into slots: inout [Slot]) {
        let minItems = max(group.minItems ?? 1, 1)
        let maxItems = group.maxItems ?? 99
        var n = 1
        while n <= maxItems {
            var itemScope = scope()
            itemScope.item = (group, n)
            for sub in group.steps {
                if let w = sub.when, !w.holds(in: itemScope) { continue }
                slots.append(
                    Slot(key: .field(group: group.id, item: n, field: sub.id), step: sub, group: group, item: n, isMore: false))
            }
            if n < minItems {
                n += 1
                continue
            }
            if n >= maxItems { break }
            let key = StepKey.more(group.id, n)
            slots.append(Slot(key: key, step: group.moreStep ?? group.definition.makeMoreStep(), group: group, item: n, isMore: true))
            guard case .bool(true)? = state.answers[key] else { break }
            n += 1
        }
    }

    private func nextIndex(after i: Int, next: [NextRule], scope: SessionScope) -> Int {
        for rule in next where rule.condition.map({ $0.holds(in: scope) }) ?? true {
            guard let target = rule.target else { return playbook.steps.count }
            if let t = playbook.stepIndex[target], t > i { return t }
            return i + 1
        }
        return i + 1
    }

    func currentIndex(in route: [Slot]) -> Int? {
        guard !state.cancelled else { return nil }
        if let r = state.revisit, let index = route.firstIndex(where: { $0.key == r }) { return index }
        return route.firstIndex { !isResolved($0) }
    }

    // MARK: - Turns

    func defaultText(for slot: Slot) -> String? {
        if let v = state.answers[slot.key] { return Session.editText(v) }
        if slot.group == nil, let p = state.prefill[slot.key.step] { return p.text }
        return slot.step.defaultText
    }

    /// An answer as text the user can edit and submit again.
    public static func editText(_ value: Value) -> String {
        switch value {
        case .number(let n): return Value.format(number: n, decimals: nil, grouped: false)
        case .date(let d): return d.iso
        case .choice(let v, _): return v
        case .list(let l): return l.joined(separator: "; ")
        default: return value.display
        }
    }

    /// The turn for `route` (walked now when nil); `current`, when given, is `currentIndex(in: route)` already known.
    /// `invalid`, when given, says why the answer to the current step was just refused.
    func turn(notice: String? = nil, invalid: Invalid? = nil, route: [Slot]? = nil, current known: Int?? = nil) -> Turn {
        let route = route ?? walk()
        let current = known ?? currentIndex(in: route)
        var answered = 0
        if state.revisit == nil, let c = current {
            // `c` is the first open step: everything before it is resolved and it is not.
            answered = c
            for slot in route[(c + 1)...] where isResolved(slot) { answered += 1 }
        } else {
            for slot in route where isResolved(slot) { answered += 1 }
        }
        let questions = route.count
        let position = current.map { $0 + 1 } ?? questions
        let progress = Progress(answered: answered, total: questions, position: max(position, 1))
        guard !state.cancelled else { return .cancelled(progress: progress, notice: notice) }
        guard let index = current else {
            return .completed(render(preview: false), handoffs: handoffOffers(), progress: progress, notice: notice)
        }
        return .asking(prompt(for: route[index], route: route), invalid: invalid, progress: progress, notice: notice)
    }

    func prompt(for slot: Slot, route: [Slot]) -> Prompt {
        let step = slot.step
        var text = step.kind == .info ? step.text : step.ask
        if slot.group != nil && !slot.isMore, slot.step.ask.contains("{{") == false {
            text = step.ask
        }
        let note = slot.group == nil && state.answers[slot.key] == nil ? state.prefill[slot.key.step]?.note : nil
        return Prompt(
            step: slot.key, kind: step.kind, text: text, help: step.help, why: step.why,
            default: defaultText(for: slot), defaultNote: note,
            choices: step.choices.isEmpty ? nil : step.choices, required: step.required && step.kind.asks,
            examples: examples(for: slot, route: route), tips: step.tips,
            group: slot.group.map {
                Prompt.GroupPosition(id: $0.id, item: slot.item, itemName: $0.item ?? "item")
            },
            revisiting: state.answers[slot.key] != nil)
    }

    func exampleFor(_ step: Step) -> String? {
        switch step.kind {
        case .choice, .multichoice: return step.choices.first?.value
        case .yesno: return "yes"
        case .number: return "12"
        case .money: return Money(cents: 1_200_000, currency: step.currency ?? playbook.currency ?? "$").description
        case .percent: return "15%"
        case .date: return "tomorrow"
        case .time: return "14:30"
        case .email: return "name@company.com"
        case .list: return "first item; second item"
        default: return nil
        }
    }

    /// The drafts so far; in a preview, values still to come show as `[missing: id]`.
    public func render(preview: Bool) -> [RenderedOutput] {
        let scope = scope()
        let context = TemplateContext(scope: scope, preview: preview)
        return playbook.outputs.filter { $0.condition?.holds(in: scope) ?? true }.map { spec in
            let body = context.render(playbook.templates["\(spec.id).body"], fallback: spec.body)
            let subject = spec.subject.map { context.render(playbook.templates["\(spec.id).subject"], fallback: $0) }
            let to = spec.to.map { context.render(playbook.templates["\(spec.id).to"], fallback: $0) }
            let missing =
                preview
                ? context.missing.filter {
                    body.contains(TemplateContext.marker($0)) || (subject ?? "").contains(TemplateContext.marker($0))
                }
                : []
            if spec.kind == .email && !preview {
                return RenderedOutput(
                    finishedEmail: spec.id, title: spec.title, kind: spec.kind, subject: subject,
                    to: to.flatMap { $0.isEmpty ? nil : $0 }, body: body)
            }
            return RenderedOutput(
                id: spec.id, title: spec.title, kind: spec.kind, subject: subject, to: to.flatMap { $0.isEmpty ? nil : $0 },
                body: body, missing: missing, review: nil)
        }
    }

    /// The outputs with missing values marked, whatever the status.
    public func preview() -> [RenderedOutput] { render(preview: status != .completed) }

    /// Where the session stands: cancelled, completed when the route has no open step, else asking.
    public var status: SessionStatus {
        if state.cancelled { return .cancelled }
        return currentIndex(in: walk()) == nil ? .completed : .asking
    }

    func handoffOffers() -> [HandoffOffer] {
        guard !playbook.handoffs.isEmpty else { return [] }
        let s = scope()
        let offers = playbook.handoffs.filter { $0.condition?.holds(in: s) ?? true }.map { h in
            var prefill: [String: String] = [:]
            for (step, expr) in h.carry {
                if let v = expr.evaluateValue(in: s) { prefill[step] = Session.editText(v) }
            }
            return HandoffOffer(playbook: h.playbook, label: h.label, prefill: prefill)
        }
        return offers
    }

    // MARK: - Reading

    /// The answers on the current route, in route order, as (prompt id, question, display text).
    public func answeredSteps() -> [(key: StepKey, question: String, answer: String)] {
        walk().compactMap { slot in
            if state.skipped.contains(slot.key) { return (slot.key, slot.step.ask, "(skipped)") }
            guard let v = state.answers[slot.key], slot.step.kind != .info else { return nil }
            return (slot.key, slot.isMore ? slot.step.ask : slot.step.ask, v.display)
        }
    }

    /// The prompt ids on the route so far up to the current one (for `/goto` completion).
    public func reachableSteps() -> [StepKey] {
        let route = walk()
        let end = currentIndex(in: route).map { $0 + 1 } ?? route.count
        return route.prefix(end).map(\.key)
    }

    /// Answers that are facts about the account (`account: true`), as editable text.
    public func accountFacts() -> [String: String] {
        var out: [String: String] = [:]
        for step in playbook.steps where step.account {
            if let v = state.answers[.step(step.id)] { out[step.id] = Session.editText(v) }
        }
        return out
    }
}
