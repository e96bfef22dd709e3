import CoachCore
import CoachProtocol
import Foundation
import Testing

/// An output's `when` through `coach serve`: the completed turn lists the optional draft only when it holds.
@Suite("Output 'when' in coach serve")
struct ServeOutputConditionTests {
    @Test("the completed turn and the preview leave out an output whose 'when' is false", arguments: [false, true])
    func optionalDraft(email: Bool) throws {
        let server = try ServeProcess(arguments: ["serve", "--playbooks", "Tests/CoachCoreTests/Fixtures/conditional"])
        var id = 0
        func call(_ method: String, _ params: String) throws -> JSONValue {
            id += 1
            server.send(Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#.utf8) + [0x0A])
            let reply = try JSONReader.read(try #require(try server.readLine()))
            return try #require(reply["result"], "\(method) failed: \(reply)")
        }
        _ = try call("initialize", #"{"protocolVersion":1,"clientInfo":{"name":"tests","version":"1"}}"#)
        let started = try call("session/start", #"{"playbook":"weekly-risks"}"#)
        let session = try #require(started["session"]?.stringValue)
        let answers: [(String, String)] = [
            ("client", #""Oakline Foods""#), ("risks[1].risk", #""Price rise""#), ("risks[1].likelihood", "8"),
            ("risks[1].last_week", "0"), ("risks[1].more", "false"), ("write_email", email ? "true" : "false"),
        ]
        var last = started
        for (step, value) in answers {
            last = try call("session/answer", #"{"session":"\#(session)","step":"\#(step)","value":\#(value)}"#)
        }
        #expect(last["status"]?.stringValue == "completed", "\(last)")
        func ids(_ turn: JSONValue) -> [String] {
            guard case .array(let outputs)? = turn["outputs"] else { return [] }
            return outputs.compactMap { $0["id"]?.stringValue }
        }
        #expect(ids(last) == (email ? ["note", "email"] : ["note"]), "\(last)")
        #expect(ids(try call("session/preview", #"{"session":"\#(session)"}"#)) == (email ? ["note", "email"] : ["note"]))
        _ = try server.finish()
    }
}
