/// A parsed condition or formula from a playbook. Evaluation never executes anything.
public indirect enum Expression: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Expression])
    /// An answer, computed value or item field, by id.
    case ref(String)
    case not(Expression)
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(String, [Expression])

    /// The binary operators, loosest first.
    public enum BinaryOperator: String, Sendable, Equatable {
        case or, and
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
        case isIn = "in"
        case add = "+", sub = "-", mul = "*", div = "/"
    }

    /// The functions a playbook can call.
    public static let functions: [String: ClosedRange<Int>] = [
        "count": 1...1, "sum": 1...2, "min": 2...8, "max": 2...8, "round": 1...2, "answered": 1...1,
        "without": 2...8, "same_person": 2...2,
    ]

    /// Every id the expression reads.
    public var references: [String] {
        switch self {
        case .number, .string, .bool: return []
        case .ref(let id): return [id]
        case .list(let items): return items.flatMap(\.references)
        case .not(let e), .negate(let e): return e.references
        case .binary(_, let l, let r): return l.references + r.references
        case .call(_, let args): return args.flatMap(\.references)
        }
    }

    /// String literals compared with a reference: `(ref, literal)` pairs, for checking against choice lists.
    public var comparedLiterals: [(String, String)] {
        switch self {
        case .binary(let op, let l, let r):
            var out = l.comparedLiterals + r.comparedLiterals
            if op == .eq || op == .ne {
                if case .ref(let id) = l, case .string(let s) = r { out.append((id, s)) }
                if case .ref(let id) = r, case .string(let s) = l { out.append((id, s)) }
            }
            if op == .isIn, case .ref(let id) = l, case .list(let items) = r {
                for case .string(let s) in items { out.append((id, s)) }
            }
            return out
        case .not(let e), .negate(let e): return e.comparedLiterals
        case .list(let items): return items.flatMap(\.comparedLiterals)
        case .call(_, let args): return args.flatMap(\.comparedLiterals)
        default: return []
        }
    }

    public var description: String {
        switch self {
        case .number(let n): return Value.format(number: n, decimals: nil, grouped: false)
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .ref(let id): return id
        case .not(let e): return "not \(e)"
        case .negate(let e): return "-\(e)"
        case .binary(let op, let l, let r): return "\(l) \(op.rawValue) \(r)"
        case .call(let f, let args): return "\(f)(" + args.map(\.description).joined(separator: ", ") + ")"
        }
    }
}
