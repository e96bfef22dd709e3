import Mustache
import Yams

/// Reads a playbook from YAML text, collecting every problem with its line and column instead of stopping at the
/// first.
public struct PlaybookLoader {
    let path: String
    let source: SourceLines
    var diagnostics: [Diagnostic] = []
    var templates: [String: CompiledTemplate] = [:]
    /// The patterns of the playbook's steps, compiled, by their text.
    var compiledPatterns: [String: Regex<AnyRegexOutput>] = [:]

    /// The file's lines, split the first time a diagnostic or a location needs them.
    var lines: [Substring] { source.lines }

    /// No YAML tag rules. Yams hashes every mapping key with its resolved tag (to find duplicate keys), and
    /// resolving runs one `NSRegularExpression` per rule on every key. Nothing the loader reads needs a rule:
    /// `Node.int` and `Node.float` read the text whatever the tag, and `Node.bool` reads any plain scalar
    /// (only a quoted one, tagged `str` by the parser itself, is refused), and values are never resolved. The
    /// one difference: a mapping holding both `true:` and `"true":` now has a duplicate key.
    static let resolver = Resolver.basic

    /// Yams' `Constructor.default` builds a new constructor with its three tables on every access (about 30,000
    /// instructions); the parser only stores it in each node's tag, and the loader never asks it to construct
    /// anything. One made once, never changed, is shared.
    nonisolated(unsafe) static let constructor = Constructor.default

    /// The playbook and every problem found; the playbook is nil when there is any error.
    public static func load(yaml: String, path: String) -> (playbook: Playbook?, diagnostics: [Diagnostic]) {
        var loader = PlaybookLoader(path: path, source: SourceLines(yaml))
        let root: Node?
        do {
            // UTF-8 named here: Yams' default encoding reads the process environment on every parse.
            root = try Parser(yaml: yaml, resolver: resolver, constructor: constructor, encoding: .utf8).singleRoot()
        } catch let error as YamlError {
            loader.yamlError(error)
            return (nil, loader.diagnostics)
        } catch {
            loader.report("the file is not valid YAML: \(error)", at: SourceLocation(line: 1, column: 1))
            return (nil, loader.diagnostics)
        }
        guard let root, root.mapping != nil else {
            loader.report(
                "a playbook must be a YAML mapping with id, title, steps and outputs",
                at: SourceLocation(line: 1, column: 1))
            return (nil, loader.diagnostics)
        }
        let playbook = loader.buildPlaybook(root)
        if let playbook {
            var linter = PlaybookLinter(playbook: playbook, loader: loader)
            linter.run()
            loader = linter.loader
        }
        let sorted = loader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        let hasError = sorted.contains { $0.severity == .error }
        return (hasError ? nil : playbook, sorted)
    }

    // MARK: - Diagnostics

    mutating func report(_ message: String, at location: SourceLocation, severity: Diagnostic.Severity = .error) {
        let source = location.line >= 1 && location.line <= lines.count ? String(lines[location.line - 1]) : nil
        diagnostics.append(
            Diagnostic(
                path: path, line: location.line, column: location.column, severity: severity, message: message,
                sourceLine: source))
    }

    mutating func yamlError(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if let context, context.mark.line != mark.line {
                report(
                    "YAML syntax: \(problem) at line \(mark.line), \(context.text) that starts here",
                    at: SourceLocation(line: context.mark.line, column: context.mark.column))
            } else {
                let extra = context.map { " (\($0.text))" } ?? ""
                report("YAML syntax: \(problem)\(extra)", at: SourceLocation(line: mark.line, column: mark.column))
            }
        case .duplicatedKeysInMapping(let duplicates, let context):
            report(
                "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                at: SourceLocation(line: context.mark.line, column: context.mark.column))
        default:
            report("the file is not valid YAML: \(error)", at: SourceLocation(line: 1, column: 1))
        }
    }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(line: 1, column: 1) }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    /// Where character `offset` of a scalar's text is in the file (exact for one-line and block scalars).
    func location(of offset: Int, in node: Node) -> SourceLocation {
        let base = location(node)
        guard case .scalar(let scalar) = node else { return base }
        let text = scalar.string
        let before = text.prefix(offset)
        let lineIndex = before.filter { $0 == "\n" }.count
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0)
        switch scalar.style {
        case .literal, .folded:
            let fileLine = base.line + 1 + lineIndex
            guard fileLine <= lines.count else { return base }
            let indent = lines[fileLine - 1].prefix { $0 == " " }.count
            return SourceLocation(line: fileLine, column: indent + column + 1)
        case .singleQuoted, .doubleQuoted:
            return lineIndex == 0 ? SourceLocation(line: base.line, column: base.column + 1 + column) : base
        default:
            return lineIndex == 0 ? SourceLocation(line: base.line, column: base.column + column) : base
        }
    }

    // MARK: - Mappings

    /// The keys a kind of mapping may have: in order for spelling hints, hashed for the check.
    struct KeyList {
        let names: [String]
        let set: Set<String>

        init(_ names: [String]) {
            self.names = names
            self.set = Set(names)
        }

        func contains(_ name: String) -> Bool { set.contains(name) }
    }

    /// The pairs of a mapping, reporting unknown keys.
    mutating func fields(_ node: Node, allowed: KeyList, what: String) -> [String: Node] {
        guard let mapping = node.mapping else {
            report("\(what) must be a mapping of keys to values", at: location(node))
            return [:]
        }
        var out: [String: Node] = Dictionary(minimumCapacity: mapping.count)
        // By index: Yams' mapping iterator copies every pair into a new array first.
        for index in mapping.indices {
            let (key, value) = mapping[index]
            let name: String
            if case .scalar(let scalar) = key {
                name = scalar.string
            } else if let string = key.string {
                name = string
            } else {
                report("keys in \(what) must be plain words", at: location(key))
                continue
            }
            if !allowed.contains(name) {
                let hint = Suggest.closest(name, in: allowed.names).map { " (did you mean '\($0)'?)" } ?? ""
                report("unknown key '\(name)' in \(what)\(hint)", at: location(key))
                continue
            }
            out[name] = value
        }
        return out
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else {
            report("\(what) must be text", at: location(node))
            return nil
        }
        return s.string
    }

    /// A plain scalar of ASCII digits without a leading zero (what playbooks write), read directly; anything else
    /// (signs, `0x`, octal, `1_000`, `1:30`) is left to Yams' `Node.int`, which gives the same number for these
    /// but works through Foundation string replacing first.
    static func plainInt(_ node: Node) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        let utf8 = scalar.string.utf8
        guard let first = utf8.first, first > UInt8(ascii: "0"), first <= UInt8(ascii: "9"), utf8.count <= 18 else {
            return nil
        }
        var n = 0
        for b in utf8 {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }

    mutating func int(_ node: Node?, _ what: String) -> Int? {
        guard let node else { return nil }
        guard let n = Self.plainInt(node) ?? node.int else {
            report("\(what) must be a whole number", at: location(node))
            return nil
        }
        return n
    }

    mutating func double(_ node: Node?, _ what: String) -> Double? {
        guard let node else { return nil }
        if let s = node.string, let n = parseGroupedNumber(s.hasPrefix("-") ? String(s.dropFirst()) : s) {
            return s.hasPrefix("-") ? -n : n
        }
        if let n = node.float { return n }
        report("\(what) must be a number", at: location(node))
        return nil
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard let b = node.bool else {
            report("\(what) must be true or false", at: location(node))
            return nil
        }
        return b
    }

    mutating func strings(_ node: Node?, _ what: String) -> [String] {
        guard let node else { return [] }
        if case .scalar(let s) = node { return [s.string] }
        guard let seq = node.sequence else {
            report("\(what) must be a list", at: location(node))
            return []
        }
        return seq.compactMap { string($0, what) }
    }

    mutating func expression(_ node: Node?, _ what: String) -> Expression? {
        guard let node else { return nil }
        let text: String
        switch node {
        case .scalar(let s): text = s.string
        default:
            report("\(what) must be a condition written as text", at: location(node))
            return nil
        }
        do {
            return try ExpressionParser.parse(text)
        } catch {
            report("in \(what): \(error.message)", at: location(of: error.offset, in: node))
            return nil
        }
    }

    mutating func template(_ node: Node?, key: String, what: String) -> String? {
        guard let text = string(node, what), let node else { return nil }
        if CompiledTemplate.certainlyParses(text) {
            templates[key] = CompiledTemplate(deferred: text)
            return text
        }
        do {
            templates[key] = CompiledTemplate(try MustacheTemplate(string: CompiledTemplate.pragma + text))
        } catch {
            report("in \(what): the template does not parse (\(error)); check that every {{#x}} has its {{/x}}", at: location(node))
        }
        return text
    }

    /// `pattern` compiled and remembered for the other steps of the playbook; nil when it does not compile.
    mutating func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
        guard let compiled = try? Regex(pattern) else { return nil }
        compiledPatterns[pattern] = compiled
        return compiled
    }

    // MARK: - Building

    static let validateKeys = KeyList(["rule", "message"])
    static let choiceKeys = KeyList(["value", "label"])
    static let nextRuleKeys = KeyList(["when", "goto"])
    static let computedKeys = KeyList(["id", "value", "format", "decimals", "noun", "level", "plan", "rank"])
    static let levelKeys = KeyList(["score", "levels"])
    static let levelEntryKeys = KeyList(["at_least", "label"])
    static let planKeys = KeyList(["start", "weekends", "days", "within_week"])
    static let planDayKeys = KeyList(["title", "actions"])
    static let rankKeys = KeyList(["items", "score", "keep"])
    static let outputKeys = KeyList(["id", "title", "kind", "to", "subject", "body", "when"])
    static let handoffKeys = KeyList(["when", "playbook", "label", "carry"])
    static let topKeys = KeyList([
        "format", "id", "title", "summary", "use_when", "version", "tags", "minutes", "steps", "computed", "outputs",
        "handoffs", "currency", "account_step",
    ])

    mutating func buildPlaybook(_ root: Node) -> Playbook? {
        let f = fields(root, allowed: Self.topKeys, what: "the playbook")
        let rootLocation = location(root)
        for required in ["id", "title", "summary", "version", "steps", "outputs"] where f[required] == nil {
            report("the playbook has no '\(required)'", at: rootLocation)
        }
        if let format = f["format"], (Self.plainInt(format) ?? format.int) != 1 {
            report("this Coach reads playbook format 1; this file says \(format.string ?? "?")", at: location(format))
        }
        let id = string(f["id"], "id") ?? ""
        if let node = f["id"], !id.isEmpty, !Suggest.isKebab(id) {
            report("the id '\(id)' must be kebab-case: lower-case letters, digits and dashes", at: location(node))
        }
        let title = string(f["title"], "title") ?? ""
        let summary = string(f["summary"], "summary") ?? ""
        let version = int(f["version"], "version") ?? 1
        let minutes = int(f["minutes"], "minutes")
        var steps: [Step] = []
        if let node = f["steps"] {
            if let seq = node.sequence {
                if seq.isEmpty { report("'steps' is empty: a playbook needs at least one step", at: location(node)) }
                steps = seq.compactMap { buildStep($0, inGroup: nil) }
            } else {
                report("'steps' must be a list of steps", at: location(node))
            }
        }
        var computed: [ComputedValue] = []
        if let node = f["computed"] {
            if let seq = node.sequence {
                computed = seq.compactMap { buildComputed($0) }
            } else {
                report("'computed' must be a list", at: location(node))
            }
        }
        var outputs: [OutputSpec] = []
        if let node = f["outputs"] {
            if let seq = node.sequence, !seq.isEmpty {
                outputs = seq.compactMap { buildOutput($0) }
            } else {
                report("'outputs' must be a list with at least one output", at: location(node))
            }
        }
        var handoffs: [Handoff] = []
        if let node = f["handoffs"] {
            if let seq = node.sequence {
                handoffs = seq.compactMap { buildHandoff($0) }
            } else {
                report("'handoffs' must be a list", at: location(node))
            }
        }
        return Playbook(
            id: id, title: title, summary: summary, useWhen: string(f["use_when"], "use_when"), version: version,
            tags: strings(f["tags"], "tags"), minutes: minutes, steps: steps, computed: computed, outputs: outputs,
            handoffs: handoffs, source: path, templates: templates, currency: currency(f["currency"], allowAny: false).symbol,
            accountStep: f["account_step"].flatMap { node in string(node, "account_step").map { ($0, location(node)) } })
    }

    static let stepKeys = KeyList([
        "id", "type", "ask", "text", "help", "why", "examples", "example", "default", "required", "tips", "when", "next",
        "choices", "min", "max", "min_length", "max_length", "pattern", "pattern_hint", "min_items", "max_items",
        "currency", "account", "item", "steps", "more", "validate", "future", "after", "weekdays", "shape",
    ])

    mutating func buildStep(_ node: Node, inGroup group: String?) -> Step? {
        let f = fields(node, allowed: Self.stepKeys, what: "a step")
        guard f.count > 0 || node.mapping != nil else { return nil }
        guard let idNode = f["id"], let id = string(idNode, "a step id") else {
            report("this step has no 'id'", at: location(node))
            return nil
        }
        var step = StepDefinition(id: id, location: location(idNode))
        step.keyLocations.reserveCapacity(f.count)
        for (key, value) in f { step.keyLocations[key] = location(value) }
        if !Suggest.isSnake(id) {
            report(
                "the step id '\(id)' must be snake_case (lower-case letters, digits, underscores; starting with a letter)",
                at: location(idNode))
        }
        if let typeNode = f["type"], let t = string(typeNode, "type") {
            if let kind = InputKind(rawValue: t) {
                step.kind = kind
            } else {
                let hint = Suggest.closest(t, in: InputKind.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                report(
                    "unknown type '\(t)'\(hint); use one of \(InputKind.allCases.map(\.rawValue).joined(separator: ", "))",
                    at: location(typeNode))
            }
        }
        if group != nil && step.kind == .group {
            report("a group cannot hold another group", at: location(node))
        }
        step.ask = string(f["ask"], "ask") ?? ""
        step.text = string(f["text"], "text") ?? ""
        if step.kind.asks && step.ask.isEmpty {
            report("the step '\(id)' asks nothing: add 'ask: <the question>'", at: step.location)
        }
        if step.kind == .group && step.ask.isEmpty && f["ask"] == nil { step.ask = "" }
        if step.kind == .info && step.text.isEmpty {
            report("the info step '\(id)' has no 'text'", at: step.location)
        }
        step.help = string(f["help"], "help")
        step.why = string(f["why"], "why")
        step.examples = strings(f["examples"], "examples") + strings(f["example"], "example")
        if let d = f["default"] {
            if let seq = d.sequence {
                step.defaultText = seq.compactMap(\.string).joined(separator: "; ")
            } else {
                step.defaultText = string(d, "default")
            }
        }
        step.required = bool(f["required"], "required") ?? true
        step.tips = strings(f["tips"], "tips")
        step.when = expression(f["when"], "'when' of step '\(id)'")
        if let next = f["next"] { step.next = buildNext(next, stepID: id) }
        if let choices = f["choices"] { step.choices = buildChoices(choices) }
        if step.kind == .date {
            for key in ["min", "max"] {
                guard let n = f[key] else { continue }
                let day = n.string.flatMap(Day.parseISO)
                if day == nil { report("'\(key)' of a date step must be a date like 2026-01-31", at: location(n)) }
                if key == "min" { step.minDate = day } else { step.maxDate = day }
            }
        } else {
            step.min = double(f["min"], "min")
            step.max = double(f["max"], "max")
        }
        step.minLength = int(f["min_length"], "min_length")
        step.maxLength = int(f["max_length"], "max_length")
        if let p = f["pattern"], let pattern = string(p, "pattern") {
            // Each pattern of the playbook is compiled once, and steps with the same pattern share it; only a
            // pattern that fails is compiled again, for the error message.
            if let compiled = compiledPatterns[pattern] ?? compile(pattern) {
                step.setPattern(pattern, compiled: compiled)
            } else {
                do {
                    _ = try Regex(pattern)
                } catch {
                    report("the pattern '\(pattern)' is not a valid regular expression: \(error)", at: location(p))
                }
            }
        }
        step.patternHint = string(f["pattern_hint"], "pattern_hint")
        step.minItems = int(f["min_items"], "min_items")
        step.maxItems = int(f["max_items"], "max_items")
        (step.currency, step.ownCurrency) = currency(f["currency"], allowAny: true)
        step.future = bool(f["future"], "future") ?? false
        step.weekdays = bool(f["weekdays"], "weekdays") ?? false
        step.after = string(f["after"], "after")
        step.account = bool(f["account"], "account") ?? false
        if let sn = f["shape"], let s = string(sn, "shape") {
            if let shape = TextShape(rawValue: s) {
                step.shape = shape
            } else {
                report("shape must be phrase, sentence or name", at: location(sn))
            }
        }
        step.item = string(f["item"], "item")
        step.more = string(f["more"], "more")
        if let v = f["validate"] {
            if let seq = v.sequence {
                for entry in seq {
                    let vf = fields(entry, allowed: Self.validateKeys, what: "a validate rule")
                    guard let rule = expression(vf["rule"], "validate rule of '\(id)'") else {
                        if vf["rule"] == nil { report("a validate entry needs a 'rule'", at: location(entry)) }
                        continue
                    }
                    let message = string(vf["message"], "message") ?? "That answer does not pass this step's check."
                    step.validate.append(Validation(rule: rule, message: message, location: location(entry)))
                }
            } else {
                report("'validate' must be a list of {rule, message}", at: location(v))
            }
        }
        if step.kind == .group {
            if let sub = f["steps"], let seq = sub.sequence, !seq.isEmpty {
                step.steps = seq.compactMap { buildStep($0, inGroup: id) }
            } else {
                report("the group '\(id)' needs 'steps': the questions asked for each item", at: step.location)
            }
        } else if let sub = f["steps"] {
            report("only a step of type group has 'steps'", at: location(sub))
        }
        checkKeysFitKind(step, f)
        if step.kind == .group { step.moreStep = step.makeMoreStep() }
        return Step(step)
    }

    /// The step keys that only some kinds of step take, with those kinds as bits of `kindBits` (built once, not
    /// on every step; plain integers, so the check needs no sets).
    static let kindsForKey: [String: Int] = {
        let table: [String: [InputKind]] = [
            "choices": [.choice, .multichoice],
            "min": [.number, .money, .percent, .date], "max": [.number, .money, .percent, .date],
            "min_length": [.text, .multiline], "max_length": [.text, .multiline],
            "pattern": [.text, .email], "pattern_hint": [.text, .email],
            "min_items": [.list, .multichoice, .group], "max_items": [.list, .multichoice, .group],
            "currency": [.money], "item": [.group], "more": [.group], "shape": [.text, .multiline, .list],
            "future": [.date], "after": [.date], "weekdays": [.date],
            "text": [.info], "ask": InputKind.allCases.filter { $0 != .info },
        ]
        return table.mapValues { kinds in kinds.reduce(0) { $0 | kindBits[$1.rawValue]! } }
    }()

    /// One bit for each kind of step, by its name.
    static let kindBits: [String: Int] = Dictionary(
        uniqueKeysWithValues: InputKind.allCases.enumerated().map { ($1.rawValue, 1 << $0) })

    mutating func checkKeysFitKind(_ step: StepDefinition, _ f: [String: Node]) {
        let kind = step.kind
        let bit = Self.kindBits[kind.rawValue]!
        // The keys the step has (a few), not every key some kind restricts; diagnostics are sorted by place.
        for key in f.keys {
            if let kinds = Self.kindsForKey[key], kinds & bit == 0 {
                report("'\(key)' does not apply to a \(kind.rawValue) step", at: location(f[key]!))
            }
        }
        if (kind == .choice || kind == .multichoice) && step.choices.count < 2 {
            report("the \(kind.rawValue) step '\(step.id)' needs at least two 'choices'", at: step.location)
        }
    }

    /// A `currency` key: a symbol (`€`) or a three-letter code (`CHF`), or `any` on a step that takes its own.
    mutating func currency(_ node: Node?, allowAny: Bool) -> (symbol: String?, any: Bool) {
        guard let node, let text = string(node, "currency") else { return (nil, false) }
        if allowAny && text == "any" { return (nil, true) }
        let isCode = text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
        guard isCode || (text.count == 1 && Money.symbols.contains(text.first!)) else {
            let symbols = Money.symbols.map(String.init).joined(separator: " ")
            report(
                "the currency '\(text)' is not one Coach knows: use a symbol (\(symbols)) or a three-letter code like EUR"
                    + (allowAny ? ", or 'any' for a question that takes amounts in any currency" : ""),
                at: location(node))
            return (nil, false)
        }
        return (text, false)
    }

    mutating func buildChoices(_ node: Node) -> [Choice] {
        guard let seq = node.sequence else {
            report("'choices' must be a list", at: location(node))
            return []
        }
        var out: [Choice] = []
        for entry in seq {
            if case .scalar(let s) = entry {
                out.append(Choice(value: s.string, label: s.string))
            } else {
                let f = fields(entry, allowed: Self.choiceKeys, what: "a choice")
                guard let value = string(f["value"], "value") else {
                    report("a choice needs a 'value'", at: location(entry))
                    continue
                }
                out.append(Choice(value: value, label: string(f["label"], "label") ?? value))
            }
        }
        var seen = Set<String>()
        for (choice, entry) in zip(out, seq) where !seen.insert(choice.value.lowercased()).inserted {
            report("the choice '\(choice.value)' is listed twice", at: location(entry))
        }
        return out
    }

    mutating func buildNext(_ node: Node, stepID: String) -> [NextRule] {
        if case .scalar(let s) = node {
            return [NextRule(condition: nil, target: s.string == "end" ? nil : s.string, location: location(node))]
        }
        guard let seq = node.sequence else {
            report("'next' must be a step id, 'end', or a list of {when, goto}", at: location(node))
            return []
        }
        var rules: [NextRule] = []
        for entry in seq {
            let f = fields(entry, allowed: Self.nextRuleKeys, what: "a next rule")
            guard let gotoNode = f["goto"], let target = string(gotoNode, "goto") else {
                report("a next rule needs 'goto: <step id or end>'", at: location(entry))
                continue
            }
            rules.append(
                NextRule(
                    condition: expression(f["when"], "'next' of step '\(stepID)'"),
                    target: target == "end" ? nil : target, location: location(gotoNode)))
        }
        return rules
    }

    mutating func buildComputed(_ node: Node) -> ComputedValue? {
        let f = fields(node, allowed: Self.computedKeys, what: "a computed value")
        guard let idNode = f["id"], let id = string(idNode, "id") else {
            report("this computed value has no 'id'", at: location(node))
            return nil
        }
        if !Suggest.isSnake(id) { report("the computed id '\(id)' must be snake_case", at: location(idNode)) }
        let rules = ["value", "level", "plan", "rank"].filter { f[$0] != nil }
        guard rules.count == 1 else {
            report(
                "the computed value '\(id)' needs exactly one of value, level, plan or rank"
                    + (rules.isEmpty ? "" : " (it has \(rules.joined(separator: ", ")))"), at: location(idNode))
            return nil
        }
        let loc = location(idNode)
        switch rules[0] {
        case "value":
            guard let expr = expression(f["value"], "value of '\(id)'") else { return nil }
            var format = NumberFormat.auto
            if let fn = f["format"], let s = string(fn, "format") {
                if let nf = NumberFormat(rawValue: s), nf != .auto {
                    format = nf
                } else {
                    report("format must be number, money or percent", at: location(fn))
                }
            }
            var value = ComputedValue(
                id: id, rule: .value(expr, format: format, decimals: int(f["decimals"], "decimals")), location: loc)
            if let nn = f["noun"] {
                let words = nn.sequence.map { $0.compactMap(\.string) } ?? nn.string.map { [$0] } ?? []
                if words.count == 1 {
                    value.noun = (words[0], Grammar.plural(of: words[0]))
                } else if words.count == 2 {
                    value.noun = (words[0], words[1])
                } else {
                    report("noun must be a word (risk) or its two forms ([company, companies])", at: location(nn))
                }
            }
            return value
        case "level":
            let lf = fields(f["level"]!, allowed: Self.levelKeys, what: "a level")
            guard let score = expression(lf["score"], "score of '\(id)'") else {
                if lf["score"] == nil { report("a level needs a 'score'", at: location(f["level"]!)) }
                return nil
            }
            var levels: [(atLeast: Double?, label: String)] = []
            if let seq = lf["levels"]?.sequence {
                for entry in seq {
                    let ef = fields(entry, allowed: Self.levelEntryKeys, what: "a level")
                    guard let label = string(ef["label"], "label") else {
                        report("each level needs a 'label'", at: location(entry))
                        continue
                    }
                    levels.append((double(ef["at_least"], "at_least"), label))
                }
            }
            if levels.isEmpty { report("a level needs 'levels': a list of {at_least, label}", at: location(f["level"]!)) }
            return ComputedValue(id: id, rule: .level(score: score, levels: levels), location: loc)
        case "plan":
            let pf = fields(f["plan"]!, allowed: Self.planKeys, what: "a plan")
            guard let start = expression(pf["start"], "start of '\(id)'") else {
                if pf["start"] == nil { report("a plan needs 'start': a date answer", at: location(f["plan"]!)) }
                return nil
            }
            var days: [PlanDaySpec] = []
            if let seq = pf["days"]?.sequence, !seq.isEmpty {
                for (i, entry) in seq.enumerated() {
                    let df = fields(entry, allowed: Self.planDayKeys, what: "a plan day")
                    let title = template(df["title"], key: "\(id).\(i).title", what: "a plan day title") ?? ""
                    var actions: [String] = []
                    if let acts = df["actions"]?.sequence {
                        for (j, a) in acts.enumerated() {
                            if let t = template(a, key: "\(id).\(i).\(j)", what: "a plan action") { actions.append(t) }
                        }
                    }
                    days.append(PlanDaySpec(title: title, actions: actions, location: location(entry)))
                }
            } else {
                report("a plan needs 'days': a list of {title, actions}", at: location(f["plan"]!))
            }
            var plan = ComputedValue(
                id: id, rule: .plan(start: start, weekends: expression(pf["weekends"], "weekends of '\(id)'"), days: days),
                location: loc)
            plan.withinWeek = bool(pf["within_week"], "within_week") ?? false
            return plan
        default:
            let rf = fields(f["rank"]!, allowed: Self.rankKeys, what: "a rank")
            guard let items = string(rf["items"], "items"), let score = expression(rf["score"], "score of '\(id)'") else {
                report("a rank needs 'items' (a group id) and 'score'", at: location(f["rank"]!))
                return nil
            }
            let keep = expression(rf["keep"], "keep of '\(id)'")
            return ComputedValue(id: id, rule: .rank(items: items, score: score, keep: keep), location: loc)
        }
    }

    mutating func buildOutput(_ node: Node) -> OutputSpec? {
        let f = fields(node, allowed: Self.outputKeys, what: "an output")
        guard let idNode = f["id"], let id = string(idNode, "id") else {
            report("this output has no 'id'", at: location(node))
            return nil
        }
        if !Suggest.isSnake(id) { report("the output id '\(id)' must be snake_case", at: location(idNode)) }
        var kind = OutputKind.note
        if let k = f["kind"], let s = string(k, "kind") {
            if let ok = OutputKind(rawValue: s) {
                kind = ok
            } else {
                report("unknown output kind '\(s)'; use email, plan, checklist or note", at: location(k))
            }
        }
        guard let body = template(f["body"], key: "\(id).body", what: "the body of '\(id)'") else {
            if f["body"] == nil { report("the output '\(id)' has no 'body'", at: location(idNode)) }
            return nil
        }
        let subject = template(f["subject"], key: "\(id).subject", what: "the subject of '\(id)'")
        let to = template(f["to"], key: "\(id).to", what: "the 'to' of '\(id)'")
        if kind == .email && subject == nil {
            report("the email '\(id)' has no 'subject'", at: location(idNode))
        }
        if kind != .email {
            for key in ["subject", "to"] where f[key] != nil {
                report("'\(key)' only applies to an output of kind email", at: location(f[key]!))
            }
        }
        return OutputSpec(
            id: id, title: string(f["title"], "title") ?? id, kind: kind, subject: subject, to: to, body: body,
            location: location(idNode), condition: expression(f["when"], "'when' of output '\(id)'"))
    }

    mutating func buildHandoff(_ node: Node) -> Handoff? {
        let f = fields(node, allowed: Self.handoffKeys, what: "a hand-off")
        guard let playbook = string(f["playbook"], "playbook") else {
            report("a hand-off needs 'playbook': the id to start", at: location(node))
            return nil
        }
        var carry: [(String, Expression)] = []
        if let c = f["carry"] {
            if let mapping = c.mapping {
                for (k, v) in mapping {
                    guard let key = k.string, let expr = expression(v, "carry '\(k.string ?? "")'") else { continue }
                    carry.append((key, expr))
                }
            } else {
                report("'carry' must map target step ids to values", at: location(c))
            }
        }
        return Handoff(
            condition: expression(f["when"], "'when' of a hand-off"), playbook: playbook,
            label: string(f["label"], "label") ?? "Start \(playbook)", carry: carry, location: location(node))
    }
}

/// Spelling help for diagnostics.
enum Suggest {
    static func closest(_ word: String, in candidates: [String]) -> String? {
        let best = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }

    /// Lower-case ASCII letters, digits and underscores, starting with a letter. Read as bytes: every
    /// character allowed is one ASCII byte, and any other byte (a multi-byte character, `\r\n`) fails as the
    /// Character test did.
    static func isSnake(_ s: String) -> Bool {
        words(s, separator: UInt8(ascii: "_"))
    }

    /// Lower-case ASCII letters, digits and dashes, starting with a letter and not ending with a dash.
    static func isKebab(_ s: String) -> Bool {
        words(s, separator: UInt8(ascii: "-")) && s.utf8.last != UInt8(ascii: "-")
    }

    private static func words(_ s: String, separator: UInt8) -> Bool {
        var utf8 = s.utf8.makeIterator()
        guard let first = utf8.next(), first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        while let b = utf8.next() {
            let ok =
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == separator
            if !ok { return false }
        }
        return true
    }
}
