/// Parses the playbook expression language: literals, ids, `and`/`or`/`not`, comparisons, `in`, arithmetic
/// and a few functions.
public struct ExpressionParser {
    /// A parse failure at a character offset of the expression text.
    public struct Failure: Error, Equatable, Sendable {
        public var message: String
        /// 0-based offset in characters.
        public var offset: Int
    }

    enum Token: Equatable {
        case number(Double), string(String), ident(String), op(String), lparen, rparen, lbracket, rbracket, comma, end
    }

    private var tokens: [(Token, Int)] = []
    private var position = 0

    /// Parses `text` or throws a `Failure` pointing at the fault.
    public static func parse(_ text: String) throws(Failure) -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(text)
        let expr = try parser.parseOr()
        if parser.peek != .end {
            throw Failure(message: "unexpected \(parser.describe(parser.peek)) after a complete expression", offset: parser.offset)
        }
        return expr
    }

    private var peek: Token { tokens[position].0 }
    private var offset: Int { tokens[position].1 }

    private mutating func advance() -> Token {
        let t = tokens[position].0
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func describe(_ t: Token) -> String {
        switch t {
        case .number(let n): return "number \(n)"
        case .string(let s): return "\"\(s)\""
        case .ident(let s): return "'\(s)'"
        case .op(let s): return "'\(s)'"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .lbracket: return "'['"
        case .rbracket: return "']'"
        case .comma: return "','"
        case .end: return "end of expression"
        }
    }

    private mutating func parseOr() throws(Failure) -> Expression {
        var lhs = try parseAnd()
        while peek == .ident("or") {
            _ = advance()
            lhs = .binary(.or, lhs, try parseAnd())
        }
        return lhs
    }

    private mutating func parseAnd() throws(Failure) -> Expression {
        var lhs = try parseNot()
        while peek == .ident("and") {
            _ = advance()
            lhs = .binary(.and, lhs, try parseNot())
        }
        return lhs
    }

    private mutating func parseNot() throws(Failure) -> Expression {
        if peek == .ident("not") {
            _ = advance()
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(Failure) -> Expression {
        let lhs = try parseSum()
        if case .op(let s) = peek, let op = Self.comparison(s) {
            _ = advance()
            return .binary(op, lhs, try parseSum())
        }
        if peek == .ident("in") {
            _ = advance()
            return .binary(.isIn, lhs, try parseSum())
        }
        if peek == .ident("not"), position + 1 < tokens.count, tokens[position + 1].0 == .ident("in") {
            _ = advance()
            _ = advance()
            return .not(.binary(.isIn, lhs, try parseSum()))
        }
        return lhs
    }

    /// The comparison an operator names (a switch, not a dictionary built on every comparison parsed).
    private static func comparison(_ op: String) -> Expression.BinaryOperator? {
        switch op {
        case "==": .eq
        case "!=": .ne
        case "<": .lt
        case "<=": .le
        case ">": .gt
        case ">=": .ge
        default: nil
        }
    }

    private mutating func parseSum() throws(Failure) -> Expression {
        var lhs = try parseProduct()
        while case .op(let s) = peek, s == "+" || s == "-" {
            _ = advance()
            lhs = .binary(s == "+" ? .add : .sub, lhs, try parseProduct())
        }
        return lhs
    }

    private mutating func parseProduct() throws(Failure) -> Expression {
        var lhs = try parseUnary()
        while case .op(let s) = peek, s == "*" || s == "/" {
            _ = advance()
            lhs = .binary(s == "*" ? .mul : .div, lhs, try parseUnary())
        }
        return lhs
    }

    private mutating func parseUnary() throws(Failure) -> Expression {
        if peek == .op("-") {
            _ = advance()
            return .negate(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(Failure) -> Expression {
        let at = offset
        let token = advance()
        switch token {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .lparen:
            let e = try parseOr()
            guard advance() == .rparen else { throw Failure(message: "expected ')'", offset: at) }
            return e
        case .lbracket:
            var items: [Expression] = []
            if peek == .rbracket {
                _ = advance()
                return .list(items)
            }
            while true {
                items.append(try parseOr())
                let t = advance()
                if t == .rbracket { break }
                if t != .comma { throw Failure(message: "expected ',' or ']' in a list", offset: offset) }
            }
            return .list(items)
        case .ident(let name):
            switch name {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "and", "or", "not", "in":
                throw Failure(message: "expected a value before '\(name)'", offset: at)
            default: break
            }
            if peek == .lparen {
                guard let arity = Expression.functions[name] else {
                    let known = Expression.functions.keys.sorted().joined(separator: ", ")
                    throw Failure(message: "unknown function '\(name)' (known: \(known))", offset: at)
                }
                _ = advance()
                var args: [Expression] = []
                if peek != .rparen {
                    while true {
                        args.append(try parseOr())
                        if peek == .comma {
                            _ = advance()
                            continue
                        }
                        break
                    }
                }
                guard advance() == .rparen else { throw Failure(message: "expected ')' to close \(name)(", offset: at) }
                guard arity.contains(args.count) else {
                    throw Failure(
                        message: "\(name)() takes \(arity.lowerBound)...\(arity.upperBound) arguments, got \(args.count)", offset: at)
                }
                return .call(name, args)
            }
            return .ref(name)
        default:
            throw Failure(message: "expected a value, found \(describe(token))", offset: at)
        }
    }

    static func tokenize(_ text: String) throws(Failure) -> [(Token, Int)] {
        // Nearly every expression is ASCII: read its bytes (a tenth of the cost of Characters). A carriage
        // return is left to the Character scan, since `\r\n` is one Character and offsets count Characters.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? Result { () throws(Failure) in try tokenize(ascii: bytes) } : nil
        }
        if let ascii, let result = ascii { return try result.get() }
        return try tokenize(characters: text)
    }

    /// `tokenize` on ASCII bytes without carriage returns, where every byte is one Character: the same tokens,
    /// offsets and failures as the Character scan.
    static func tokenize(ascii bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [(Token, Int)] {
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        func isLetter(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        }
        func text(_ lower: Int, _ upper: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        }
        let count = bytes.count
        var out: [(Token, Int)] = []
        var i = 0
        while i < count {
            let c = bytes[i]
            let start = i
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                i += 1
                continue
            }
            if isDigit(c) || (c == UInt8(ascii: ".") && i + 1 < count && isDigit(bytes[i + 1])) {
                var s = ""
                while i < count && (isDigit(bytes[i]) || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "_")) {
                    if bytes[i] != UInt8(ascii: "_") { s.unicodeScalars.append(UnicodeScalar(bytes[i])) }
                    i += 1
                }
                guard let n = Double(s) else { throw Failure(message: "bad number '\(s)'", offset: start) }
                out.append((.number(n), start))
                continue
            }
            if isLetter(c) || c == UInt8(ascii: "_") {
                func isIdent(_ b: UInt8) -> Bool {
                    isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                }
                while i < count && isIdent(bytes[i]) { i += 1 }
                out.append((.ident(text(start, i)), start))
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                var s = ""
                i += 1
                while i < count && bytes[i] != c {
                    if bytes[i] == UInt8(ascii: "\\") && i + 1 < count { i += 1 }
                    s.unicodeScalars.append(UnicodeScalar(bytes[i]))
                    i += 1
                }
                guard i < count else { throw Failure(message: "unterminated string", offset: start) }
                i += 1
                out.append((.string(s), start))
                continue
            }
            if i + 1 < count && bytes[i + 1] == UInt8(ascii: "=") {
                switch c {
                case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                    out.append((.op(text(i, i + 2)), start))
                    i += 2
                    continue
                default: break
                }
            }
            switch c {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"):
                out.append((.op(text(i, i + 1)), start))
            case UInt8(ascii: "("): out.append((.lparen, start))
            case UInt8(ascii: ")"): out.append((.rparen, start))
            case UInt8(ascii: "["): out.append((.lbracket, start))
            case UInt8(ascii: "]"): out.append((.rbracket, start))
            case UInt8(ascii: ","): out.append((.comma, start))
            case UInt8(ascii: "="): throw Failure(message: "use '==' to compare", offset: start)
            case UInt8(ascii: "&"), UInt8(ascii: "|"): throw Failure(message: "use 'and' / 'or'", offset: start)
            case UInt8(ascii: "!"): throw Failure(message: "use 'not' (or '!=' to compare)", offset: start)
            default: throw Failure(message: "unexpected character '\(Character(UnicodeScalar(c)))'", offset: start)
            }
            i += 1
        }
        out.append((.end, count))
        return out
    }

    /// The tokens of any text, Character by Character.
    static func tokenize(characters text: String) throws(Failure) -> [(Token, Int)] {
        let chars = Array(text)
        var out: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace {
                i += 1
                continue
            }
            if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber)) {
                var s = ""
                while i < chars.count && chars[i].isASCII && (chars[i].isNumber || chars[i] == "." || chars[i] == "_") {
                    if chars[i] != "_" { s.append(chars[i]) }
                    i += 1
                }
                guard let n = Double(s) else { throw Failure(message: "bad number '\(s)'", offset: start) }
                out.append((.number(n), start))
                continue
            }
            if c.isLetter || c == "_" {
                var s = ""
                while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == ".") {
                    s.append(chars[i])
                    i += 1
                }
                out.append((.ident(s), start))
                continue
            }
            if c == "\"" || c == "'" {
                var s = ""
                i += 1
                while i < chars.count && chars[i] != c {
                    if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                    s.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw Failure(message: "unterminated string", offset: start) }
                i += 1
                out.append((.string(s), start))
                continue
            }
            let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
            if ["==", "!=", "<=", ">="].contains(two) {
                out.append((.op(two), start))
                i += 2
                continue
            }
            switch c {
            case "<", ">", "+", "-", "*", "/": out.append((.op(String(c)), start))
            case "(": out.append((.lparen, start))
            case ")": out.append((.rparen, start))
            case "[": out.append((.lbracket, start))
            case "]": out.append((.rbracket, start))
            case ",": out.append((.comma, start))
            case "=": throw Failure(message: "use '==' to compare", offset: start)
            case "&", "|": throw Failure(message: "use 'and' / 'or'", offset: start)
            case "!": throw Failure(message: "use 'not' (or '!=' to compare)", offset: start)
            default: throw Failure(message: "unexpected character '\(c)'", offset: start)
            }
            i += 1
        }
        out.append((.end, chars.count))
        return out
    }
}
