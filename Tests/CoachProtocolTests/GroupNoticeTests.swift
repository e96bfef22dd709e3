import CoachProtocol
import Testing

@Suite("Replies of a group whose commit failed")
struct GroupNoticeTests {
    static let notice = "The database is full. Coach goes on without saving: export your session before you quit."

    static func amended(_ text: String) throws -> JSONValue {
        try JSONReader.read(ProtocolServer.withNotice(notice, reply: Array(text.utf8)))
    }

    @Test("a turn reply gets the notice added to its notices, once")
    func turn() throws {
        let plain = try Self.amended(#"{"jsonrpc":"2.0","id":3,"result":{"session":"s-1","status":"asking"}}"#)
        #expect(plain["id"] == .number("3"))
        #expect(plain["result"]?["session"] == .string("s-1"))
        #expect(plain["result"]?["notices"] == .array([.string(Self.notice)]))
        let kept = try Self.amended(
            #"{"jsonrpc":"2.0","id":4,"result":{"session":"s-1","status":"completed","notices":["Saved the drafts."]}}"#)
        #expect(kept["result"]?["notices"] == .array([.string("Saved the drafts."), .string(Self.notice)]))
        let twice = try Self.amended(
            #"{"jsonrpc":"2.0","id":5,"result":{"session":"s-1","status":"asking","notices":["\#(Self.notice)"]}}"#)
        #expect(twice["result"]?["notices"] == .array([.string(Self.notice)]))
    }

    @Test("other replies stay as they are; a batch has each of its turns amended")
    func others() throws {
        for text in [
            #"{"jsonrpc":"2.0","id":1,"result":{}}"#,
            #"{"jsonrpc":"2.0","id":2,"error":{"code":-32004,"message":"no such session"}}"#,
            #"{"jsonrpc":"2.0","id":3,"result":{"sessions":[]}}"#,
        ] {
            #expect(ProtocolServer.withNotice(Self.notice, reply: Array(text.utf8)) == Array(text.utf8))
        }
        let batch = try Self.amended(
            #"[{"jsonrpc":"2.0","id":1,"result":{}},{"jsonrpc":"2.0","id":2,"result":{"session":"s-2","status":"asking"}}]"#)
        guard case .array(let items) = batch else {
            Issue.record("not an array: \(batch)")
            return
        }
        #expect(items[0]["result"] == .object([]))
        #expect(items[1]["result"]?["notices"] == .array([.string(Self.notice)]))
    }
}
