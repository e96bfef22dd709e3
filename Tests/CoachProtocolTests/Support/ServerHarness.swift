import CoachCore
import CoachProtocol
import CoachShell
import CoachStore
import Foundation

/// A `ProtocolServer` in memory over the fixture playbooks, called with text and answering decoded JSON.
struct ServerHarness {
    var server: ProtocolServer
    private var nextID = 0

    /// The fixture catalog (account-checkup) plus `extra` playbooks given as YAML text.
    static func catalog(extra: [String] = []) throws -> PlaybookCatalog {
        let path = ServeProcess.packageRoot.appendingPathComponent(ServeProcess.fixturePlaybooks + "/account-checkup.yaml").path
        var files = [PlaybookCatalog.SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8), origin: "fixtures")]
        for (i, text) in extra.enumerated() { files.append(.init(path: "inline-\(i).yaml", text: text, origin: "inline")) }
        return PlaybookCatalog(files: files)
    }

    static func today() -> Day { Day(year: 2026, month: 11, day: 23)! }

    /// A service that keeps nothing (`--no-store`).
    static func transientService(extra: [String] = []) throws -> SessionService {
        SessionService.open(home: nil, environment: [:], noStore: true, catalog: try catalog(extra: extra), today: today)
    }

    /// A service saving to `store` (an in-memory SQLite database unless given).
    static func durableService(store: CoachStore? = nil, extra: [String] = []) throws -> SessionService {
        let store = try store ?? CoachStore.inMemory()
        return SessionService(catalog: try catalog(extra: extra), store: store, mode: .database(path: store.path), today: today)
    }

    /// A server over `service` (by default one that keeps nothing), initialized unless `initialize` is false.
    init(service: SessionService? = nil, extra: [String] = [], initialize: Bool = true) throws {
        server = ProtocolServer(service: try service ?? ServerHarness.transientService(extra: extra), log: ServeLog(level: .error))
        if initialize { _ = try result("initialize", #"{"protocolVersion":1,"clientInfo":{"name":"tests"}}"#) }
    }

    /// Sends one line; returns the decoded reply, or nil when there is none.
    mutating func send(_ line: String) throws -> JSONValue? {
        guard let reply = server.handle(text: line).reply?.jsonBytes else { return nil }
        return try JSONReader.read(reply)
    }

    /// Calls `method` and returns the whole reply.
    mutating func call(_ method: String, _ params: String = "{}") throws -> JSONValue {
        nextID += 1
        let line = #"{"jsonrpc":"2.0","id":\#(nextID),"method":"\#(method)","params":\#(params)}"#
        guard let reply = try send(line) else { throw TestFailure("no reply to \(method)") }
        guard reply["id"] == .number(String(nextID)) else { throw TestFailure("wrong id in \(reply)") }
        return reply
    }

    /// Calls `method` and returns its result, failing on an error reply.
    mutating func result(_ method: String, _ params: String = "{}") throws -> JSONValue {
        let reply = try call(method, params)
        guard let result = reply["result"] else { throw TestFailure("\(method) failed: \(JSONWriter.text(of: reply))") }
        return result
    }

    /// Calls `method` and returns the error's code and kind, failing when it succeeds.
    mutating func error(_ method: String, _ params: String = "{}") throws -> (code: Int, kind: String) {
        let reply = try call(method, params)
        guard let error = reply["error"], let code = error["code"]?.intValue, let kind = error["data"]?["kind"]?.stringValue else {
            throw TestFailure("\(method) did not fail: \(JSONWriter.text(of: reply))")
        }
        return (code, kind)
    }
}
