/// Looks up answers, group items, computed values and `today` for conditions and templates.
struct SessionScope: ValueScope {
    let playbook: Playbook
    let answers: [StepKey: Value]
    let today: Day
    /// The group item being asked, whose fields are visible by their own ids.
    var item: (group: Step, index: Int)?
    /// Extra names (`value` in a validate rule).
    var overrides: [String: Value] = [:]
    var depth = 0

    func lookup(_ id: String) -> Value? {
        if let v = overrides[id] { return v }
        if let (group, n) = item, group.steps.contains(where: { $0.id == id }) {
            return answers[.field(group: group.id, item: n, field: id)]
        }
        if let index = playbook.stepIndex[id] {
            let step = playbook.steps[index]
            if step.kind == .group { return .items(items(of: step)) }
            return answers[.step(id)]
        }
        if let index = playbook.computedIndex[id], depth < 16 {
            var inner = self
            inner.depth += 1
            inner.item = nil
            return inner.compute(playbook.computed[index])
        }
        if id == "today" { return .date(today) }
        if let dot = id.firstIndex(of: ".") {
            // `group.field` is not a value; `answer.something` reads the answer itself.
            return lookup(String(id[..<dot]))
        }
        return nil
    }

    /// The items of a repeated group, as far as they are answered.
    func items(of group: Step) -> [[String: Value]] {
        var out: [[String: Value]] = []
        var n = 1
        while n < 1000 {
            var item: [String: Value] = [:]
            for sub in group.steps {
                if let v = answers[.field(group: group.id, item: n, field: sub.id)] { item[sub.id] = v }
            }
            if item.isEmpty && answers[.more(group.id, n)] == nil { break }
            out.append(item)
            n += 1
        }
        return out
    }

    func compute(_ c: ComputedValue) -> Value? {
        switch c.rule {
        case .value(let expr, let format, let decimals):
            let result = expr.evaluate(in: self)
            switch result {
            case .missing: return nil
            case .bool(let b): return .bool(b)
            case .string(let s): return .text(s)
            case .list(let l): return .list(l.compactMap { if case .string(let s) = $0 { return s } else { return nil } })
            case .items(let i): return .items(i)
            case .number(var n):
                if let d = decimals {
                    var scale = 1.0
                    for _ in 0..<d { scale *= 10 }
                    n = (n * scale).rounded() / scale
                }
                switch format {
                case .percent: return .percent(n)
                case .money:
                    return .money(Money(cents: Int64((n * 100).rounded()), currency: currency(in: expr)))
                case .number, .auto: return .number(n)
                }
            }
        case .level(let score, let levels):
            guard let n = score.evaluate(in: self).number else { return nil }
            for level in levels where level.atLeast.map({ n >= $0 }) ?? true {
                return .text(level.label)
            }
            return nil
        case .plan(let start, let weekends, let days):
            guard case .date(let first)? = start.evaluateValue(in: self) else { return nil }
            let includeWeekends = weekends?.holds(in: self) ?? true
            func nextDay(after d: Day) -> Day {
                var next = d.adding(days: 1)
                if !includeWeekends { while next.isWeekend { next = next.adding(days: 1) } }
                return next
            }
            var day = first
            if !includeWeekends { while day.isWeekend { day = day.adding(days: 1) } }
            var dates: [Day] = []
            for _ in days.indices {
                dates.append(day)
                day = nextDay(after: day)
            }
            let context = TemplateContext(scope: self, preview: false, excluding: c.id)
            var rendered: [(title: String, actions: [String])] = []
            for (i, spec) in days.enumerated() {
                var values = context.values
                let next = i + 1 < dates.count ? dates[i + 1] : nextDay(after: dates[i])
                values["next_day"] = TemplateText(Self.relative(next, from: dates[i]))
                values["next_date"] = TemplateText(next.short)
                let title = playbook.templates["\(c.id).\(i).title"]?.render(values) ?? spec.title
                let actions = spec.actions.indices.map {
                    playbook.templates["\(c.id).\(i).\($0)"]?.render(values) ?? spec.actions[$0]
                }
                rendered.append((title, actions.filter { !$0.isEmpty }))
            }
            if c.withinWeek && !includeWeekends {
                rendered = Self.fitWeek(rendered, startingOn: dates.first ?? first)
            }
            return .plan(
                rendered.enumerated().map { i, d in
                    PlanDay(day: i + 1, on: dates[i], title: d.title, actions: d.actions)
                })
        case .rank(let groupID, let score, let keep):
            guard let group = playbook.step(groupID), group.kind == .group else { return nil }
            let items = self.items(of: group)
            var scored: [(Int, Double, [String: Value])] = []
            for (i, item) in items.enumerated() {
                var itemScope = self
                itemScope.item = (group, i + 1)
                if let keep, !keep.evaluate(in: itemScope).truthy { continue }
                let s = score.evaluate(in: itemScope).number ?? 0
                scored.append((i, s, item))
            }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let top = scored.first?.1
            var ranks: [Int] = []
            for (i, entry) in scored.enumerated() {
                // Equal scores share a rank (1, 1, 3).
                ranks.append(i > 0 && scored[i - 1].1 == entry.1 ? ranks[i - 1] : i + 1)
            }
            return .items(
                scored.enumerated().map { rank, entry in
                    var item = entry.2
                    item["rank"] = .number(Double(ranks[rank]))
                    item["score"] = .number((entry.1 * 100).rounded() / 100)
                    item["n"] = .number(Double(entry.0 + 1))
                    item["tied"] = .bool(scored.filter { $0.1 == entry.1 }.count > 1)
                    item["top"] = .bool(entry.1 == top)
                    return item
                })
        }
    }

    /// `tomorrow` when `next` is the calendar day after `day`, else `on Monday` (within a week) or the full date.
    static func relative(_ next: Day, from day: Day) -> String {
        let gap = next.ordinal - day.ordinal
        if gap == 1 { return "tomorrow" }
        if gap < 7 { return "on \(next.weekday)" }
        return "on \(next.long)"
    }

    /// A plan's days fitted into the working days left in the week it starts in: the first days stay, the days
    /// that do not fit are merged into the day before the last, and the last day stays last (a plan started on a
    /// Wednesday closes on that Friday, not the next Tuesday).
    static func fitWeek(_ days: [(title: String, actions: [String])], startingOn first: Day) -> [(title: String, actions: [String])] {
        let room = max(1, 5 - first.weekdayIndex)
        guard room < days.count else { return days }
        func merge(_ part: ArraySlice<(title: String, actions: [String])>) -> (title: String, actions: [String]) {
            let titles = part.enumerated().map { $0.offset == 0 ? $0.element.title : Grammar.midSentence($0.element.title) }
            return (Value.joined(titles), part.flatMap(\.actions))
        }
        if room == 1 { return [merge(days[...])] }
        return Array(days[0..<(room - 2)]) + [merge(days[(room - 2)..<(days.count - 1)]), days[days.count - 1]]
    }

    /// The currency of the first money value an expression reads, looking inside group items too.
    private func currency(in expr: Expression) -> String {
        for id in expr.references {
            switch lookup(id) {
            case .money(let m)?: return m.currency
            case .items(let items)?:
                for item in items {
                    for case .money(let m) in item.values { return m.currency }
                }
            default: continue
            }
        }
        return playbook.currency ?? "$"
    }
}

extension Expression {
    /// The value itself when the expression is a plain reference (keeps dates and money intact).
    func evaluateValue(in scope: SessionScope) -> Value? {
        if case .ref(let id) = self { return scope.lookup(id) }
        switch evaluate(in: scope) {
        case .number(let n): return .number(n)
        case .string(let s): return .text(s)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }
}
