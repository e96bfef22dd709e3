import CoachCore
import CoachProtocol
import Testing

/// Pipes every golden transcript (Transcripts/*.jsonl) through the real `coach serve` and compares the replies
/// as decoded JSON. Re-record them with `python3 Tests/clients/transcripts.py .build/debug/coach --record`.
@Suite("Golden transcripts through the coach binary")
struct TranscriptTests {
    @Test("transcript", arguments: try Transcript.names())
    func transcript(_ name: String) throws {
        let failures = try Transcript(named: name).run()
        #expect(failures.isEmpty, "\(name):\n\(failures.joined(separator: "\n"))")
    }

    @Test("there are transcripts for every method and every reachable error code")
    func coverage() throws {
        var methods: Set<String> = []
        var codes: Set<Int> = []
        for name in try Transcript.names() {
            for entry in try Transcript(named: name).entries {
                switch entry {
                case .send(_, let json?):
                    for m in TranscriptTests.messages(json) { if case .string(let s)? = m["method"] { methods.insert(s) } }
                case .expect(let reply):
                    for m in TranscriptTests.messages(reply) { if let c = m["error"]?["code"]?.intValue { codes.insert(c) } }
                default: break
                }
            }
        }
        #expect(
            Set(ProtocolServer.methods).subtracting(methods).isEmpty,
            "methods never sent: \(Set(ProtocolServer.methods).subtracting(methods))")
        let reachable = ProtocolError.Kind.allCases.filter { $0 != .internalError && $0 != .storeFailed }.map(\.code)
        #expect(Set(reachable).subtracting(codes).isEmpty, "codes never seen: \(Set(reachable).subtracting(codes))")
    }

    static func messages(_ value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return [value]
    }
}
