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
    private var server: ProtocolServer
    private let service: SessionService

    /// A bridge over `service`, which keeps the sessions (in the store, or in memory).
    init(service: sending SessionService, log: ServeLog) {
        self.service = service
        server = ProtocolServer(service: service, log: log)
        _ = try? server.call(
            Methods.Initialize.self, .init(protocolVersion: ProtocolServer.protocolVersion, clientName: "coach mcp"))
    }

    /// Whether sessions are saved in the database (false in memory).
    var isDurable: Bool { service.isDurable }

    /// Calls protocol method `M` with `params` and returns its result or its error.
    func call<M: ProtocolMethod>(_ method: M.Type, _ params: M.Params) -> Result<M.Result, ProtocolError> {
        do {
            return .success(try server.call(M.self, params))
        } catch {
            return .failure(error)
        }
    }

    /// Calls protocol method `M` with params read from `arguments` (a tool's arguments), as a request line's
    /// params are read: a missing or mistyped one is an `invalidParams` error naming it.
    func call<M: ProtocolMethod>(_ method: M.Type, arguments: JSONValue) -> Result<M.Result, ProtocolError> {
        do {
            return .success(try server.call(M.self, try M.params(from: arguments)))
        } catch {
            return .failure(error)
        }
    }

    /// The playbook session `id` runs, for asking its questions through forms.
    func playbook(of id: String) throws(ServiceError) -> Playbook {
        try service.session(id).playbook
    }
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

    /// The failure a protocol error reply carries.
    init(_ error: ProtocolError) {
        self.init(
            code: error.kind.code, message: error.message, kind: error.kind.rawValue, hint: error.kind.hint, current: error.current,
            field: error.field)
    }
}
