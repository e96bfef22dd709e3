import CoachCore
import CoachProtocol
import CoachTestSupport
import Foundation

/// A golden transcript: what to send to `coach serve` and the replies expected, in order. The format is
/// described in Tests/clients/transcripts.py (which can also re-record the expected replies).
struct Transcript: CustomStringConvertible {
    /// One line of the transcript.
    enum Entry {
        case send([UInt8], json: JSONValue?)
        case expect(JSONValue)
    }

    let name: String
    let entries: [Entry]

    var description: String { name }

    /// The transcripts folder.
    static let directory = ServeProcess.packageRoot.appendingPathComponent("Tests/CoachProtocolTests/Transcripts")

    /// Every transcript file name, sorted; throws when the folder is missing or holds none.
    static func names() throws -> [String] {
        try FixtureFolder.files(in: directory, ext: "jsonl").map(\.lastPathComponent)
    }

    /// Reads `name` from the transcripts folder.
    init(named name: String) throws {
        self.name = name
        let text = try String(contentsOf: Transcript.directory.appendingPathComponent(name), encoding: .utf8)
        var entries: [Entry] = []
        for (number, line) in text.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            let value = try JSONReader.read(String(line))
            if let message = value["send"] {
                entries.append(.send([], json: message))
            } else if case .string(let raw)? = value["sendRaw"] {
                entries.append(.send(Array(raw.utf8) + [0x0A], json: nil))
            } else if case .string(let hex)? = value["sendHex"] {
                entries.append(.send(try Transcript.bytes(hex: hex) + [0x0A], json: nil))
            } else if let repeated = value["sendRepeat"], case .string(let unit)? = repeated["text"],
                let times = repeated["times"]?.intValue
            {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(unit.utf8.count * times + 1)
                for _ in 0..<times { bytes += unit.utf8 }
                entries.append(.send(bytes + [0x0A], json: nil))
            } else if let expected = value["expect"] {
                entries.append(.expect(expected))
            } else if value["comment"] == nil {
                throw TestFailure("\(name):\(number + 1): unknown entry")
            }
        }
        self.entries = entries
    }

    static func bytes(hex: String) throws -> [UInt8] {
        let digits = hex.filter { !$0.isWhitespace }
        var out: [UInt8] = []
        var i = digits.startIndex
        while i < digits.endIndex {
            let j = digits.index(i, offsetBy: 2)
            guard let b = UInt8(digits[i..<j], radix: 16) else { throw TestFailure("bad hex '\(hex)'") }
            out.append(b)
            i = j
        }
        return out
    }

    /// Runs the transcript against a new `coach serve`; returns the differences (empty when it passes).
    func run() throws -> [String] {
        let server = try ServeProcess()
        var bound: [String: String] = [:]
        var failures: [String] = []
        for entry in entries {
            switch entry {
            case .send(let raw, let json):
                var bytes = raw
                if let json {
                    var w = JSONWriter()
                    w.value(try Transcript.substitute(json, bound))
                    bytes = w.bytes + [0x0A]
                }
                server.send(bytes)
            case .expect(let expected):
                guard let line = try server.readLine() else {
                    failures.append("the server closed its output; expected \(JSONWriter.text(of: expected).prefix(200))")
                    return failures
                }
                let actual = try JSONReader.read(line)
                if let diff = Transcript.match(expected, actual, &bound, path: "$") {
                    failures.append("\(diff)\n  got: \(String(decoding: line.prefix(400), as: UTF8.self))")
                }
            }
        }
        let (rest, status) = try server.finish()
        if !rest.isEmpty { failures.append("unexpected output at the end: \(String(decoding: rest.prefix(300), as: UTF8.self))") }
        if status != 0 { failures.append("exit status \(status)") }
        return failures
    }

    /// `value` with `"<<$name>>"` strings replaced by what they were bound to.
    static func substitute(_ value: JSONValue, _ bound: [String: String]) throws -> JSONValue {
        switch value {
        case .string(let s):
            guard let name = placeholderName(s) else { return value }
            guard let v = bound[name] else { throw TestFailure("\(s) is used before it is bound") }
            return .string(v)
        case .array(let items): return .array(try items.map { try substitute($0, bound) })
        case .object(let members): return .object(try members.map { ($0.key, try substitute($0.value, bound)) })
        default: return value
        }
    }

    static func placeholderName(_ s: String) -> String? {
        guard s.hasPrefix("<<$"), s.hasSuffix(">>"), s.count > 5 else { return nil }
        return String(s.dropFirst(3).dropLast(2))
    }

    /// Nil when `actual` matches `expected` (with placeholders), else the first difference.
    static func match(_ expected: JSONValue, _ actual: JSONValue, _ bound: inout [String: String], path: String) -> String? {
        if expected == .string("<<any>>") { return nil }
        if expected == .string("<<methods>>") {
            let methods = JSONValue.array(SchemaTests.documentedMethods().map { .string($0) })
            return actual == methods ? nil : "\(path): expected the schema's methods, got \(JSONWriter.text(of: actual).prefix(300))"
        }
        if case .string(let s) = expected, let name = placeholderName(s) {
            guard case .string(let a) = actual else { return "\(path): expected a string for \(name)" }
            if let b = bound[name], b != a { return "\(path): expected \(name) = '\(b)', got '\(a)'" }
            bound[name] = a
            return nil
        }
        switch (expected, actual) {
        case (.object(let e), _) where e.count == 1 && e[0].key == "<<includes>>":
            guard case .array(let wanted) = e[0].value, case .array(let items) = actual else {
                return "\(path): expected an array"
            }
            var i = 0
            for want in wanted {
                while i < items.count {
                    var trial = bound
                    if match(want, items[i], &trial, path: path) == nil {
                        bound = trial
                        break
                    }
                    i += 1
                }
                if i == items.count { return "\(path): no item matches \(JSONWriter.text(of: want).prefix(200))" }
                i += 1
            }
            return nil
        case (.object(let e), .object(let a)):
            let ek = Set(e.map(\.key))
            let ak = Set(a.map(\.key))
            if ek != ak {
                return "\(path): members differ: missing \(ek.subtracting(ak).sorted()), unexpected \(ak.subtracting(ek).sorted())"
            }
            for (k, v) in e {
                if let diff = match(v, actual[k]!, &bound, path: "\(path).\(k)") { return diff }
            }
            return nil
        case (.array(let e), .array(let a)):
            guard e.count == a.count else { return "\(path): expected \(e.count) items, got \(a.count)" }
            for (i, (x, y)) in zip(e, a).enumerated() {
                if let diff = match(x, y, &bound, path: "\(path)[\(i)]") { return diff }
            }
            return nil
        default:
            return expected == actual
                ? nil : "\(path): expected \(JSONWriter.text(of: expected).prefix(200)), got \(JSONWriter.text(of: actual).prefix(200))"
        }
    }
}
