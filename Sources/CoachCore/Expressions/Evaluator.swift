/// Where an expression finds the values its ids name.
public protocol ValueScope {
    /// The value of an answer, computed value or item field; nil when it has none yet.
    func lookup(_ id: String) -> Value?
}

/// The result of evaluating an expression.
public enum Evaluated: Equatable, Sendable {
    case missing
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Evaluated])
    case items([[String: Value]])

    /// Whether the value counts as true in a condition.
    public var truthy: Bool {
        switch self {
        case .missing: return false
        case .bool(let b): return b
        case .number(let n): return n != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .items(let i): return !i.isEmpty
        }
    }

    var number: Double? {
        switch self {
        case .number(let n): return n
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    init(_ value: Value) {
        switch value {
        case .text(let s): self = .string(s)
        case .number(let n), .percent(let n): self = .number(n)
        case .money(let m): self = .number(m.amount)
        case .date(let d): self = .number(Double(d.ordinal))
        case .bool(let b): self = .bool(b)
        case .choice(let v, _): self = .string(v)
        case .list(let l): self = .list(l.map { .string($0) })
        case .items(let i): self = .items(i)
        case .plan(let days): self = .list(days.map { .string($0.title) })
        case .seen: self = .bool(true)
        }
    }
}

extension Expression {
    /// Evaluates the expression against `scope`. Missing answers propagate as `.missing`.
    public func evaluate(in scope: some ValueScope) -> Evaluated {
        switch self {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items): return .list(items.map { $0.evaluate(in: scope) })
        case .ref(let id): return scope.lookup(id).map(Evaluated.init) ?? .missing
        case .not(let e): return .bool(!e.evaluate(in: scope).truthy)
        case .negate(let e):
            guard let n = e.evaluate(in: scope).number else { return .missing }
            return .number(-n)
        case .binary(let op, let l, let r): return Expression.binary(op, l, r, scope)
        case .call(let name, let args): return Expression.call(name, args, scope)
        }
    }

    /// Whether the expression holds in `scope`.
    public func holds(in scope: some ValueScope) -> Bool { evaluate(in: scope).truthy }

    private static func binary(_ op: BinaryOperator, _ l: Expression, _ r: Expression, _ scope: some ValueScope)
        -> Evaluated
    {
        switch op {
        case .and: return .bool(l.evaluate(in: scope).truthy && r.evaluate(in: scope).truthy)
        case .or: return .bool(l.evaluate(in: scope).truthy || r.evaluate(in: scope).truthy)
        default: break
        }
        let a = l.evaluate(in: scope)
        let b = r.evaluate(in: scope)
        if a == .missing || b == .missing {
            return op == .add || op == .sub || op == .mul || op == .div ? .missing : .bool(false)
        }
        switch op {
        case .eq: return .bool(equal(a, b))
        case .ne: return .bool(!equal(a, b))
        case .lt, .le, .gt, .ge:
            guard let x = a.number, let y = b.number else { return .bool(false) }
            switch op {
            case .lt: return .bool(x < y)
            case .le: return .bool(x <= y)
            case .gt: return .bool(x > y)
            default: return .bool(x >= y)
            }
        case .isIn:
            switch b {
            case .list(let items): return .bool(items.contains { looselyEqual(a, $0) })
            case .string(let s):
                if case .string(let needle) = a { return .bool(s.lowercased().contains(needle.lowercased())) }
                return .bool(false)
            default: return .bool(false)
            }
        case .add, .sub, .mul, .div:
            guard let x = a.number, let y = b.number else { return .missing }
            switch op {
            case .add: return .number(x + y)
            case .sub: return .number(x - y)
            case .mul: return .number(x * y)
            default: return y == 0 ? .missing : .number(x / y)
            }
        case .and, .or: return .missing
        }
    }

    private static func equal(_ a: Evaluated, _ b: Evaluated) -> Bool {
        if let x = a.number, let y = b.number, !(a.isBool != b.isBool) { return x == y }
        return a == b
    }

    private static func looselyEqual(_ a: Evaluated, _ b: Evaluated) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return x.lowercased() == y.lowercased() }
        return equal(a, b)
    }

    /// Whether two mentions name the same person: "Ana Ruiz (Head of Finance)" and "ana ruiz" do, as do
    /// "Sofia Lindqvist, Account Lead" and "Sofia Lindqvist"; the name is the text before any bracket or comma.
    static func samePerson(_ a: String, _ b: String) -> Bool {
        func name(_ s: String) -> String {
            let cut = s.prefix { $0 != "(" && $0 != "," && $0 != "<" && $0 != "@" }
            return String(cut).collapsingWhitespace().lowercased()
        }
        let x = name(a)
        let y = name(b)
        return !x.isEmpty && x == y
    }

    private static func call(_ name: String, _ args: [Expression], _ scope: some ValueScope) -> Evaluated {
        let values = args.map { $0.evaluate(in: scope) }
        switch name {
        case "answered":
            return .bool(values.first.map { $0 != .missing } ?? false)
        case "count":
            switch values.first {
            case .list(let l): return .number(Double(l.count))
            case .items(let i): return .number(Double(i.count))
            case .missing, .none: return .number(0)
            default: return .number(1)
            }
        case "sum":
            switch values.first {
            case .list(let l): return .number(l.compactMap(\.number).reduce(0, +))
            case .items(let items):
                guard values.count == 2, case .string(let field) = values[1] else { return .missing }
                return .number(items.compactMap { $0[field]?.numeric }.reduce(0, +))
            default: return .missing
            }
        case "min", "max":
            if case .items(let items)? = values.first, values.count == 2, case .string(let field) = values[1] {
                // The least or greatest of one field over a group's items (`max(ranked, "score")`).
                let numbers = items.compactMap { $0[field]?.numeric }
                guard let first = numbers.first else { return .missing }
                return .number(numbers.dropFirst().reduce(first) { name == "min" ? Swift.min($0, $1) : Swift.max($0, $1) })
            }
            let numbers = values.compactMap(\.number)
            guard numbers.count == values.count, let first = numbers.first else { return .missing }
            return .number(numbers.dropFirst().reduce(first) { name == "min" ? Swift.min($0, $1) : Swift.max($0, $1) })
        case "without":
            // The list's items that are none of the other arguments' people (`without(stakeholders, contact_name)`).
            guard case .list(let items)? = values.first else { return values.first ?? .missing }
            var names: [String] = []
            for v in values.dropFirst() {
                switch v {
                case .string(let s): names.append(s)
                case .list(let l): for case .string(let s) in l { names.append(s) }
                default: break
                }
            }
            return .list(
                items.filter { item in
                    guard case .string(let s) = item else { return true }
                    return !names.contains { samePerson(s, $0) }
                })
        case "same_person":
            guard case .string(let a)? = values.first, case .string(let b) = values[1] else { return .bool(false) }
            return .bool(samePerson(a, b))
        case "round":
            guard let x = values.first?.number else { return .missing }
            var scale = 1.0
            if values.count == 2, let places = values[1].number {
                for _ in 0..<Int(places) { scale *= 10 }
            }
            return .number((x * scale).rounded() / scale)
        default:
            return .missing
        }
    }
}

extension Evaluated {
    fileprivate var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}
