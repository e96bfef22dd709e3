import CoachCore
import CoachProtocol
import Testing

@Suite("Replies of a group whose commit failed")
struct GroupNoticeTests {
    static let notice = "The database is full. Coach goes on without saving: export your session before you quit."

    /// A real turn: the first of a session started in process.
    static func turn(_ notices: [String] = []) throws -> Reply {
        var harness = try ServerHarness()
        var result = try harness.server.call(Methods.SessionStart.self, .init(playbook: "account-checkup"))
        result.notices = notices
        return Reply(id: .number("3"), .result(result))
    }

    static func written(_ message: Outgoing) throws -> JSONValue {
        try JSONReader.read(message.jsonBytes)
    }

    @Test("a turn reply gets the notice added to its notices, once, before it is written")
    func turn() throws {
        let plain = try Self.written(.single(try Self.turn()).adding(notice: Self.notice))
        #expect(plain["id"] == .number("3"))
        #expect(plain["result"]?["session"]?.stringValue?.hasPrefix("s-") == true)
        #expect(plain["result"]?["notices"] == .array([.string(Self.notice)]))
        let kept = try Self.written(.single(try Self.turn(["Saved the drafts."])).adding(notice: Self.notice))
        #expect(kept["result"]?["notices"] == .array([.string("Saved the drafts."), .string(Self.notice)]))
        let twice = try Self.written(.single(try Self.turn([Self.notice])).adding(notice: Self.notice))
        #expect(twice["result"]?["notices"] == .array([.string(Self.notice)]))
    }

    @Test("other replies stay as they are; a batch has each of its turns amended")
    func others() throws {
        let others: [Reply] = [
            Reply(id: .number("1"), .result(EmptyResult())),
            Reply(id: .number("2"), .error(ProtocolError(.unknownSession, "no such session"))),
            Reply(id: .number("3"), .result(Methods.SessionList.Result(sessions: []))),
        ]
        for reply in others {
            #expect(Outgoing.single(reply).adding(notice: Self.notice).jsonBytes == Outgoing.single(reply).jsonBytes)
        }
        let batch = try Self.written(.batch([others[0], try Self.turn()]).adding(notice: Self.notice))
        guard case .array(let items) = batch else {
            Issue.record("not an array: \(batch)")
            return
        }
        #expect(items[0]["result"] == .object([]))
        #expect(items[1]["result"]?["notices"] == .array([.string(Self.notice)]))
    }
}
