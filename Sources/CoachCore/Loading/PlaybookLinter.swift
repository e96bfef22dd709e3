/// Checks a built playbook as a whole: ids, the flow graph, conditions and templates.
struct PlaybookLinter {
    let playbook: Playbook
    var loader: PlaybookLoader
    /// The names every template can use, worked out once per playbook.
    var topNamesMemo: Set<String>? = nil
    /// The names inside each section name the templates open, worked out once per playbook.
    var sectionNamesMemo: [String: Set<String>] = [:]

    mutating func run() {
        checkIDs()
        checkFlow()
        checkConditions()
        checkComputed()
        checkTemplates()
        checkExamples()
        checkDateRules()
        checkHandoffs()
        checkAccountStep()
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        loader.report(message, at: location)
    }

    private mutating func warning(_ message: String, at location: SourceLocation) {
        loader.report(message, at: location, severity: .warning)
    }

    // MARK: - Ids

    private mutating func checkIDs() {
        var seen: [String: SourceLocation] = [:]
        func note(_ id: String, _ loc: SourceLocation, _ what: String, _ linter: inout PlaybookLinter) {
            if let first = seen[id] {
                linter.error("duplicate id '\(id)': \(what) uses an id already used on line \(first.line)", at: loc)
            } else {
                seen[id] = loc
            }
        }
        for step in playbook.steps {
            note(step.id, step.location, "this step", &self)
            var inner: [String: SourceLocation] = [:]
            for sub in step.steps {
                if let first = inner[sub.id] {
                    error("duplicate id '\(sub.id)' in the group '\(step.id)' (first on line \(first.line))", at: sub.location)
                }
                inner[sub.id] = sub.location
                if sub.id == "more" || sub.id == "n" || sub.id == "rank" || sub.id == "score" {
                    error("'\(sub.id)' is reserved inside a group; pick another id", at: sub.location)
                }
            }
        }
        for c in playbook.computed { note(c.id, c.location, "this computed value", &self) }
        if seen["today"] != nil { error("'today' is reserved; pick another id", at: seen["today"]!) }
        var outputs: [String: SourceLocation] = [:]
        for o in playbook.outputs {
            if let first = outputs[o.id] {
                error("duplicate output id '\(o.id)' (first on line \(first.line))", at: o.location)
            }
            outputs[o.id] = o.location
        }
    }

    // MARK: - Flow

    /// Successor step indices of step `i` (`count` stands for the end).
    private func successors(_ i: Int) -> [Int] {
        let steps = playbook.steps
        let end = steps.count
        var out: [Int] = []
        var unconditional = false
        for rule in steps[i].next {
            if let target = rule.target {
                // An unknown target is reported on its own; follow the written order so it does not cascade.
                out.append(playbook.stepIndex[target] ?? i + 1)
            } else {
                out.append(end)
            }
            if rule.condition == nil {
                unconditional = true
                break
            }
        }
        if !unconditional { out.append(i + 1) }
        return out.flatMap { expand($0) }
    }

    /// A target plus what follows it when its `when` can make it be passed over.
    private func expand(_ i: Int) -> [Int] {
        var out = [i]
        var j = i
        while j < playbook.steps.count, playbook.steps[j].when != nil {
            j += 1
            out.append(j)
        }
        return out
    }

    private mutating func checkFlow() {
        let steps = playbook.steps
        guard !steps.isEmpty else { return }
        let end = steps.count
        for (i, step) in steps.enumerated() {
            for rule in step.next {
                guard let target = rule.target else { continue }
                guard let t = playbook.stepIndex[target] else {
                    let hint = Suggest.closest(target, in: steps.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
                    error("'next' of step '\(step.id)' goes to '\(target)', which is not a step\(hint)", at: rule.location)
                    continue
                }
                if t <= i {
                    error(
                        "'next' of step '\(step.id)' jumps back to '\(target)'; jumps only go forward (people go back with /back or /goto)",
                        at: rule.location)
                }
            }
        }
        // Each step's successors, worked out once; flags indexed by step (`end` is the end).
        let next = (0..<end).map { successors($0) }
        // Forward reachability from the first step.
        var reached = [Bool](repeating: false, count: end + 1)
        var queue = expand(0)
        while let i = queue.popLast() {
            guard i < end, !reached[i] else { continue }
            reached[i] = true
            queue.append(contentsOf: next[i])
        }
        for (i, step) in steps.enumerated() where !reached[i] {
            error("the step '\(step.id)' can never be reached: no route through the playbook leads to it", at: step.location)
        }
        // Which steps can reach the end.
        var canEnd = [Bool](repeating: false, count: end + 1)
        canEnd[end] = true
        var changed = true
        while changed {
            changed = false
            for i in 0..<end where !canEnd[i] && next[i].contains(where: { canEnd[$0] }) {
                canEnd[i] = true
                changed = true
            }
        }
        for (i, step) in steps.enumerated() where reached[i] && !canEnd[i] {
            error(
                "no end can be reached from the step '\(step.id)': every route from it loops; give it a way to 'end'",
                at: step.location)
        }
    }

    // MARK: - Conditions

    /// Whether `id` names a computed value (the playbook's index, instead of a new set on every question).
    private func isComputed(_ id: String) -> Bool { playbook.computedIndex[id] != nil }

    private func choiceStep(_ id: String, group: Step?) -> Step? {
        if let group, let sub = group.steps.first(where: { $0.id == id }) { return sub }
        return playbook.step(id)
    }

    /// Checks that `expr` names only what exists (and is asked earlier) and compares choices with their values.
    private mutating func checkExpression(
        _ expr: Expression, at location: SourceLocation, what: @autoclosure () -> String, before index: Int?, group: Step? = nil,
        extra: Set<String> = []
    ) {
        for ref in Set(expr.references) {
            let base = Self.baseName(ref)
            if extra.contains(base) || base == "today" { continue }
            if let group, group.steps.contains(where: { $0.id == base }) { continue }
            if isComputed(base) { continue }
            guard let stepIndex = playbook.stepIndex[base] else {
                let names = playbook.steps.map(\.id) + playbook.computed.map(\.id) + (group?.steps.map(\.id) ?? [])
                let hint = Suggest.closest(base, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                error("\(what()) uses '\(base)', which is not an answer or computed value\(hint)", at: location)
                continue
            }
            if let index, stepIndex >= index, group == nil || playbook.steps[stepIndex].id != group?.id {
                error("\(what()) uses '\(base)', which is asked later; a condition can only use earlier answers", at: location)
            }
        }
        for (ref, literal) in expr.comparedLiterals {
            guard let step = choiceStep(ref, group: group), step.kind == .choice || step.kind == .multichoice else {
                if let step = choiceStep(ref, group: group), step.kind == .yesno {
                    error("\(what()) compares the yes/no answer '\(ref)' with \"\(literal)\"; use '\(ref)' or 'not \(ref)'", at: location)
                }
                continue
            }
            if !step.choices.contains(where: { $0.value == literal }) {
                let values = Value.joined(step.choices.map { "\"\($0.value)\"" })
                error("\(what()) compares '\(ref)' with \"\(literal)\", which it can never be (it is one of \(values))", at: location)
            }
        }
    }

    private mutating func checkConditions() {
        for (i, step) in playbook.steps.enumerated() {
            if let w = step.when {
                checkExpression(w, at: step.keyLocations["when"] ?? step.location, what: "the 'when' of '\(step.id)'", before: i)
            }
            for rule in step.next {
                if let c = rule.condition {
                    checkExpression(c, at: rule.location, what: "the 'next' of '\(step.id)'", before: i + 1)
                }
            }
            for v in step.validate {
                checkExpression(v.rule, at: v.location, what: "a validate rule of '\(step.id)'", before: i + 1, extra: ["value"])
            }
            for sub in step.steps {
                if let w = sub.when {
                    checkExpression(
                        w, at: sub.keyLocations["when"] ?? sub.location, what: "the 'when' of '\(sub.id)'", before: i, group: step)
                }
                for v in sub.validate {
                    checkExpression(
                        v.rule, at: v.location, what: "a validate rule of '\(sub.id)'", before: i, group: step, extra: ["value"])
                }
                if !sub.next.isEmpty {
                    error(
                        "'next' is not allowed inside a group; use 'when' on the group's steps",
                        at: sub.keyLocations["next"] ?? sub.location)
                }
            }
        }
    }

    private mutating func checkComputed() {
        var earlier = Set<String>()
        for c in playbook.computed {
            let exprs: [Expression]
            var group: Step?
            switch c.rule {
            case .value(let e, _, _): exprs = [e]
            case .level(let s, _): exprs = [s]
            case .plan(let s, let w, _): exprs = [s] + (w.map { [$0] } ?? [])
            case .rank(let items, let score, let keep):
                exprs = [score] + (keep.map { [$0] } ?? [])
                group = playbook.step(items)
                if group?.kind != .group {
                    error("the rank '\(c.id)' ranks '\(items)', which is not a group step", at: c.location)
                }
            }
            for e in exprs {
                for ref in e.references where isComputed(ref) && !earlier.contains(ref) {
                    error("the computed value '\(c.id)' uses '\(ref)', which is defined after it (or is itself)", at: c.location)
                }
                checkExpression(e, at: c.location, what: "the computed value '\(c.id)'", before: nil, group: group)
            }
            earlier.insert(c.id)
        }
    }

    // MARK: - Templates

    private mutating func topNames() -> Set<String> {
        if let names = topNamesMemo { return names }
        let names = makeTopNames()
        topNamesMemo = names
        return names
    }

    private func makeTopNames() -> Set<String> {
        var names: Set<String> = ["today"]
        for step in playbook.steps where step.kind.asks || step.kind == .group {
            names.insert(step.id)
            if step.kind == .list || step.kind == .multichoice { names.insert(step.id + "_text") }
        }
        for c in playbook.computed {
            names.insert(c.id)
            switch c.rule {
            case .rank:
                names.formUnion([c.id + "_first", c.id + "_last", c.id + "_middle"])
            case .plan(_, _, let days):
                names.formUnion([c.id + "_first", c.id + "_last"])
                for i in days.indices { names.insert(c.id + "_day\(i + 1)") }
            default: break
            }
            if case .value = c.rule { names.insert(c.id + "_text") }
        }
        return names
    }

    /// Names visible inside a section opened on `name`, worked out once per name and playbook.
    private mutating func sectionNames(_ name: String) -> Set<String> {
        if let names = sectionNamesMemo[name] { return names }
        let names = makeSectionNames(name)
        sectionNamesMemo[name] = names
        return names
    }

    private func makeSectionNames(_ name: String) -> Set<String> {
        if let step = playbook.step(name) {
            if step.kind == .group { return itemNames(step) }
            if step.kind == .list || step.kind == .multichoice { return ["."] }
        }
        var base = name
        for suffix in ["_first", "_last", "_middle"] where name.hasSuffix(suffix) { base = String(name.dropLast(suffix.count)) }
        if let range = name.range(of: "_day", options: .backwards), Int(name[range.upperBound...]) != nil {
            base = String(name[..<range.lowerBound])
        }
        if let c = playbook.computed.first(where: { $0.id == base }) {
            switch c.rule {
            case .plan: return ["day", "date", "weekday", "iso", "long", "title", "actions"]
            case .rank(let items, _, _):
                var names = playbook.step(items).map(itemNames) ?? []
                names.formUnion(["rank", "score", "tied", "top"])
                return names
            default: break
            }
        }
        if name == "actions" { return ["."] }
        if playbook.steps.contains(where: { g in g.steps.contains { $0.id == name && ($0.kind == .list || $0.kind == .multichoice) } }) {
            return ["."]
        }
        return []
    }

    private func itemNames(_ group: Step) -> Set<String> {
        var names: Set<String> = ["n"]
        for sub in group.steps {
            names.insert(sub.id)
            if sub.kind == .list || sub.kind == .multichoice { names.insert(sub.id + "_text") }
        }
        return names
    }

    private mutating func checkTemplate(_ text: String, node: @autoclosure () -> SourceLocation, what: String, extra: Set<String> = []) {
        var scopes: [Set<String>] = [extra.isEmpty ? topNames() : topNames().union(extra)]
        var open: [String] = []
        for tag in TemplateScanner.scan(text) {
            var loc: SourceLocation {
                let index = text.utf8.index(text.startIndex, offsetBy: tag.utf8Offset)
                return locate(text.distance(from: text.startIndex, to: index), in: text, base: node())
            }
            switch tag.kind {
            case .comment, .pragma: continue
            case .unsupported(let sigil):
                error("\(what): '{{\(sigil)' (partials, blocks, delimiter changes) is not supported in playbooks", at: loc)
                continue
            case .sectionClose:
                if open.last == tag.name {
                    open.removeLast()
                    scopes.removeLast()
                } else {
                    error("\(what): '{{/\(tag.name)}}' closes a section that is not open", at: loc)
                }
                continue
            case .variable, .sectionOpen, .invertedOpen:
                break
            }
            let (name, transforms) = Self.splitTransforms(tag.name)
            for t in transforms where !TemplateText.transforms.contains(t) {
                let hint = Suggest.closest(t, in: Array(TemplateText.transforms)).map { " (did you mean '\($0)'?)" } ?? ""
                error(
                    "\(what) uses the helper '\(t)(...)', which Coach does not have\(hint); the helpers are "
                        + TemplateText.transforms.sorted().joined(separator: ", "), at: loc)
            }
            let base = Self.baseName(name)
            let known = base == "." ? scopes.count > 1 : scopes.contains { $0.contains(base) }
            if !known {
                let all = scopes.reduce(into: Set<String>()) { $0.formUnion($1) }
                let hint = Suggest.closest(base, in: Array(all)).map { " (did you mean '\($0)'?)" } ?? ""
                error("\(what) uses '{{\(tag.name)}}', which nothing in the playbook defines\(hint)", at: loc)
            }
            if tag.kind == .sectionOpen || tag.kind == .invertedOpen {
                open.append(tag.name)
                scopes.append(tag.kind == .sectionOpen ? sectionNames(base) : [])
            }
            if tag.kind == .variable {
                for message in grammarWarnings(text, tag: tag, name: base, transforms: transforms, what: what) {
                    warning(message, at: loc)
                }
            }
        }
        if let unclosed = open.last {
            error("\(what): the section '{{#\(unclosed)}}' is never closed", at: node())
        }
    }

    /// `a(capital(x))` as `x` and its helpers, outermost first.
    static func splitTransforms(_ name: String) -> (String, [String]) {
        var rest = Substring(name)
        var transforms: [String] = []
        while let open = rest.firstIndex(of: "("), rest.hasSuffix(")") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
        }
        return (String(rest), transforms)
    }

    /// Warnings for words around a value that cannot agree with every answer: `a {{x}}` (the article depends on
    /// the answer: use `{{a(x)}}`) and a count followed by a fixed plural (`{{risk_count}} risks` reads "1 risks":
    /// give the count a `noun`).
    private func grammarWarnings(_ text: String, tag: TemplateScanner.Tag, name: String, transforms: [String], what: String) -> [String] {
        var out: [String] = []
        let utf8 = Array(text.utf8)
        let start = tag.utf8Offset
        var before = start
        while before > 0 && utf8[before - 1] == UInt8(ascii: " ") { before -= 1 }
        var wordStart = before
        while wordStart > 0 && (utf8[wordStart - 1] >= UInt8(ascii: "A")) && utf8[wordStart - 1] < 0x80
            && Character(UnicodeScalar(utf8[wordStart - 1])).isLetter
        {
            wordStart -= 1
        }
        let wordBefore = String(decoding: utf8[wordStart..<before], as: UTF8.self).lowercased()
        let boundary = wordStart == 0 || !Character(UnicodeScalar(utf8[wordStart - 1])).isLetter
        if before < start && boundary && (wordBefore == "a" || wordBefore == "an") && !transforms.contains("a") {
            out.append(
                "\(what): '\(wordBefore) {{\(tag.name)}}' is wrong for some answers; write '{{a(\(tag.name))}}' so the article follows the answer"
            )
        }
        guard isCount(name) else { return out }
        var end = start + 2
        while end + 1 < utf8.count && !(utf8[end] == UInt8(ascii: "}") && utf8[end + 1] == UInt8(ascii: "}")) { end += 1 }
        var after = end + 2
        guard after < utf8.count, utf8[after] == UInt8(ascii: " ") else { return out }
        after += 1
        var wordEnd = after
        while wordEnd < utf8.count && utf8[wordEnd] >= UInt8(ascii: "a") && utf8[wordEnd] <= UInt8(ascii: "z") { wordEnd += 1 }
        let word = String(decoding: utf8[after..<wordEnd], as: UTF8.self)
        if word.count > 2 && word.hasSuffix("s") && !word.hasSuffix("ss") && !["was", "has", "is", "this", "plus"].contains(word) {
            out.append(
                "\(what): '{{\(tag.name)}} \(word)' reads '1 \(word)' when the count is 1; give '\(name)' a noun (noun: \(word.dropLast())) and leave the word out"
            )
        }
        return out
    }

    /// Whether `name` is a number that counts something: a computed count without a noun, or a number answer.
    private func isCount(_ name: String) -> Bool {
        if let c = playbook.computed.first(where: { $0.id == name }) {
            guard c.noun == nil, case .value(let e, _, _) = c.rule else { return false }
            return "\(e)".contains("count(") || name.hasSuffix("_count")
        }
        if let step = playbook.step(name) { return step.kind == .number }
        return false
    }

    /// The first part of a dotted name (`a` of `a.b`), or `.` for the current item.
    static func baseName(_ name: String) -> String {
        if name == "." || !name.utf8.contains(UInt8(ascii: ".")) { return name }
        return String(name.split(separator: ".").first ?? "")
    }

    /// Maps a character offset in a template to the file, using the loader's knowledge of block scalars.
    private func locate(_ offset: Int, in text: String, base: SourceLocation) -> SourceLocation {
        let before = text.prefix(offset)
        let lineIndex = before.filter { $0 == "\n" }.count
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0)
        let lines = loader.lines
        // Block scalars start on the line after their key; find the text's line by content.
        if lineIndex > 0 || (base.line <= lines.count && !lines[base.line - 1].contains(String(text.prefix(12)))) {
            let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            var l = base.line
            while l <= lines.count && !(firstLine.isEmpty || lines[l - 1].contains(firstLine)) { l += 1 }
            let fileLine = min(l + lineIndex, lines.count)
            let indent = lines[max(fileLine - 1, 0)].prefix { $0 == " " }.count
            return SourceLocation(line: fileLine, column: indent + column + 1)
        }
        let lineText = lines[base.line - 1]
        let start =
            lineText.range(of: String(text.prefix(12))).map { lineText.distance(from: lineText.startIndex, to: $0.lowerBound) } ?? base
            .column - 1
        return SourceLocation(line: base.line, column: start + column + 1)
    }

    private mutating func checkTemplates() {
        let source = loader.source
        var lines: [Substring] { source.lines }
        for output in playbook.outputs {
            let loc = output.location
            checkTemplate(output.body, node: Self.bodyLocation(lines, output.id, key: "body") ?? loc, what: "the body of '\(output.id)'")
            if let s = output.subject {
                checkTemplate(s, node: Self.bodyLocation(lines, output.id, key: "subject") ?? loc, what: "the subject of '\(output.id)'")
            }
            if let t = output.to {
                checkTemplate(t, node: Self.bodyLocation(lines, output.id, key: "to") ?? loc, what: "the 'to' of '\(output.id)'")
            }
        }
        for c in playbook.computed {
            guard case .plan(_, _, let days) = c.rule else { continue }
            for day in days {
                let extra: Set<String> = ["next_day", "next_date"]
                checkTemplate(day.title, node: day.location, what: "a day of '\(c.id)'", extra: extra)
                for action in day.actions {
                    checkTemplate(action, node: day.location, what: "an action of '\(c.id)'", extra: extra)
                }
            }
        }
    }

    /// The line of `key:` inside the output `id`, found in the source.
    private static func bodyLocation(_ lines: [Substring], _ id: String, key: String) -> SourceLocation? {
        guard let start = lines.firstIndex(where: { $0.contains("id: \(id)") }) else { return nil }
        for l in start..<lines.count {
            let trimmed = lines[l].drop { $0 == " " || $0 == "-" }
            if trimmed.hasPrefix("\(key):") {
                return SourceLocation(line: l + 1, column: lines[l].count - trimmed.count + 1)
            }
            if l > start && trimmed.hasPrefix("id:") { break }
        }
        return nil
    }

    // MARK: - Examples and defaults

    private mutating func checkExamples() {
        let today = Day(year: 2026, month: 1, day: 5)!
        for step in playbook.steps + playbook.steps.flatMap(\.steps) where step.kind.asks {
            for example in step.examples {
                if case .failure(let reason) = AnswerParser.parse(.text(example), for: step, today: today) {
                    error(
                        "the example '\(example)' of '\(step.id)' would be refused: \(reason.message)",
                        at: step.keyLocations["examples"] ?? step.keyLocations["example"] ?? step.location)
                }
            }
            if let d = step.defaultText, case .failure(let reason) = AnswerParser.parse(.text(d), for: step, today: today) {
                error(
                    "the default '\(d)' of '\(step.id)' would be refused: \(reason.message)",
                    at: step.keyLocations["default"] ?? step.location)
            }
        }
    }

    /// An `after:` names a date step asked before it: at the top level, or earlier in the same group.
    private mutating func checkDateRules() {
        for (i, step) in playbook.steps.enumerated() {
            check(step, before: Array(playbook.steps.prefix(i)))
            for (j, sub) in step.steps.enumerated() {
                check(sub, before: Array(playbook.steps.prefix(i)) + Array(step.steps.prefix(j)))
            }
        }
    }

    private mutating func check(_ step: Step, before: [Step]) {
        guard let after = step.after else { return }
        let at = step.keyLocations["after"] ?? step.location
        if let target = before.first(where: { $0.id == after }) {
            if target.kind != .date {
                error("'after: \(after)' must name a date step; '\(after)' is a \(target.kind.rawValue) step", at: at)
            }
            return
        }
        let later = (playbook.steps + playbook.steps.flatMap(\.steps)).contains { $0.id == after }
        if later || after == step.id {
            error("'after: \(after)' must name a date step asked before '\(step.id)'", at: at)
        } else {
            let dates = before.filter { $0.kind == .date }.map(\.id)
            let hint = Suggest.closest(after, in: dates).map { " (did you mean '\($0)'?)" } ?? ""
            error("'after: \(after)' names no step\(hint); use the id of an earlier date step", at: at)
        }
    }

    private mutating func checkHandoffs() {
        for o in playbook.outputs {
            if let c = o.condition { checkExpression(c, at: o.location, what: "the 'when' of output '\(o.id)'", before: nil) }
        }
        for h in playbook.handoffs {
            if let c = h.condition { checkExpression(c, at: h.location, what: "a hand-off's 'when'", before: nil) }
            for (_, e) in h.carry { checkExpression(e, at: h.location, what: "a hand-off's 'carry'", before: nil) }
            if h.playbook == playbook.id { error("a hand-off cannot start the same playbook", at: h.location) }
        }
    }

    /// `account_step:` names a top-level text step: its answer is the account's name.
    private mutating func checkAccountStep() {
        guard let (id, at) = playbook.declaredAccountStep else { return }
        if let step = playbook.step(id) {
            if step.kind != .text {
                error(
                    "'account_step: \(id)' must name a text step (the account's name); '\(id)' is a \(step.kind.rawValue) step",
                    at: at)
            } else if step.account {
                warning(
                    "'\(id)' is the account step: its answer names the account and is not remembered as a fact about it; drop its 'account: true'",
                    at: step.keyLocations["account"] ?? step.location)
            }
            return
        }
        if let group = playbook.steps.first(where: { $0.steps.contains { $0.id == id } }) {
            error(
                "'account_step: \(id)' names a question inside the group '\(group.id)'; use a top-level text step",
                at: at)
            return
        }
        let texts = playbook.steps.filter { $0.kind == .text }.map(\.id)
        let hint = Suggest.closest(id, in: texts).map { " (did you mean '\($0)'?)" } ?? ""
        error("'account_step: \(id)' names no step\(hint); use the id of the text step that asks for the account", at: at)
    }
}
