import CoachCore
import CoachProtocol
import CoachShell
import CoachStore

/// The one place where `coach mcp` reaches Coach: every tool is a call of a `coach serve` method, made in process
/// on the same `ProtocolServer` and session service as a line on stdin would be, so each accepted answer is saved
/// before its result comes back and the flow of a session lives in the engine only.
///
/// An actor: MCP requests are handled concurrently (an elicitation waits for the person while other calls go on),
/// and the protocol server handles one call at a time.
actor ProtocolBridge {
    /// What a protocol method answered.
    enum Reply: Sendable {
        /// The method's `result` object.
        case result(JSONValue)
        /// The method's error: its code, message, kind and hint (and the step being asked, for refusals).
        case error(ProtocolFailure)
    }

    private var server: ProtocolServer
    private let service: SessionService
    private var nextID = 1

    /// A bridge over `service`, which keeps the sessions (in the store, or in memory).
    init(service: sending SessionService, log: ServeLog) {
        self.service = service
        server = ProtocolServer(service: service, log: log)
        _ = server.handle(
            text: #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":1,"clientInfo":{"name":"coach mcp"}}}"#)
    }

    /// Whether sessions are saved in the database (false in memory).
    var isDurable: Bool { service.isDurable }

    /// Calls protocol method `method` with `params` and returns what it answered.
    func call(_ method: String, _ params: [(key: String, value: JSONValue)] = []) -> Reply {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("jsonrpc")
        w.string("2.0")
        w.key("id")
        w.int(nextID)
        nextID += 1
        w.key("method")
        w.string(method)
        w.key("params")
        w.value(.object(params))
        w.endObject()
        let outcome = server.handle(text: w.text)
        guard let bytes = outcome.reply, let reply = try? JSONReader.read(bytes) else {
            return .error(ProtocolFailure(code: -32603, message: "\(method) gave no reply", kind: "internalError", hint: nil))
        }
        if let result = reply["result"] { return .result(result) }
        return .error(ProtocolFailure(reply["error"] ?? .null))
    }

    /// The engine's view of session `id`: its current turn and playbook, for asking through a form.
    func turn(_ id: String) throws(ServiceError) -> (turn: Turn, playbook: Playbook) {
        let update = try service.current(id)
        return (update.turn, try service.session(update.sessionID).playbook)
    }

    /// Finished sessions and every session's transcript, most recent first, for resources.
    func sessions(limit: Int) -> [SessionSummary] {
        (try? service.list(limit: limit)) ?? []
    }

    /// Session `id` exported in `format` (nil when it has nothing in that format).
    func export(_ id: String, format: ExportFormat) -> [ExportedFile]? {
        try? service.export(id, format: format)
    }

    /// Every playbook the server runs.
    var catalog: PlaybookCatalog { service.playbooks }
}

/// A protocol error reply, as a value: what `isError` tool results and MCP errors are made from.
struct ProtocolFailure: Error, Sendable, Equatable {
    var code: Int
    var message: String
    var kind: String
    var hint: String?
    /// The step being asked, for a refused answer.
    var current: String?
    /// The parameter at fault, for invalid params.
    var field: String?

    init(code: Int, message: String, kind: String, hint: String?, current: String? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.kind = kind
        self.hint = hint
        self.current = current
        self.field = field
    }

    /// The failure in an `error` object `{code, message, data: {kind, hint, field?, current?}}`.
    init(_ error: JSONValue) {
        code = error["code"]?.intValue ?? -32603
        message = error["message"]?.stringValue ?? "The request failed."
        kind = error["data"]?["kind"]?.stringValue ?? "internalError"
        hint = error["data"]?["hint"]?.stringValue
        current = error["data"]?["current"]?.stringValue
        field = error["data"]?["field"]?.stringValue
    }
}
