import CoachCore

/// One protocol method: its name, the params it reads, the result it answers and the handler that turns one into
/// the other. A method is this one type; the server keeps the handlers in a table keyed by ``name``
/// (``ProtocolServer/methodTypes``), so nothing else has to be kept in step with it.
///
/// To call a method in-process (as `coach mcp` does), build its params and call it on a server; the result is a
/// value, and an error is a ``ProtocolError`` with its stable code:
///
/// ```swift
/// var server = ProtocolServer(service: service)
/// let reply = try server.call(Methods.SessionAnswer.self, .init(session: id, step: "client", value: .text("Acme")))
/// if case .asking(let prompt, _, _, _, _) = reply.turn { print(prompt.text) }  // the next question
/// ```
///
/// `call` skips the wire's `initialize` handshake; everything else (validation, the service, saving before the
/// result is returned) is what a line on stdin gets.
public protocol ProtocolMethod: Sendable {
    /// What the request's `params` object holds.
    associatedtype Params: MethodParams
    /// What the reply's `result` holds.
    associatedtype Result: MethodResult
    /// The method name on the wire (`session/answer`).
    static var name: String { get }
    /// Whether the method works before `initialize` (only `initialize` and `ping` do).
    static var worksBeforeInitialize: Bool { get }
    /// Runs the method on `server`.
    static func handle(_ params: Params, on server: inout ProtocolServer) throws(ProtocolError) -> Result
}

extension ProtocolMethod {
    public static var worksBeforeInitialize: Bool { false }
}

/// A method's params: read from the request's `params` object (a missing or mistyped field is an
/// `invalidParams` error naming it) and written back in the same shape.
public protocol MethodParams: JSONEncodable, Sendable {
    /// The params in `fields` (the members of `params`; none when it is absent).
    init(fields: JSONFields) throws(JSONDecodingError)
}

/// A method's result: a value until the reply is written.
public protocol MethodResult: JSONEncodable, Sendable {
    /// Adds a sentence to the result's `notices` (the group's changes were kept in memory only). Results that are
    /// not turns have no notices and ignore it.
    mutating func add(notice: String)
}

extension MethodResult {
    public mutating func add(notice: String) {}
}

/// The params of a method that takes none (any members given are ignored).
public struct NoParams: MethodParams, Equatable {
    public init() {}
    public init(fields: JSONFields) {}
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.endObject()
    }
}

/// The result of a method that answers nothing but success: `{}`.
public struct EmptyResult: MethodResult, Equatable {
    public init() {}
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.endObject()
    }
}

extension ProtocolServer {
    /// Calls method `M` with `params`, as a request line would after `initialize`, and returns its result.
    public mutating func call<M: ProtocolMethod>(_ method: M.Type, _ params: M.Params) throws(ProtocolError) -> M.Result {
        try M.handle(params, on: &self)
    }

    /// A method's entry in the handler table: reads its params from JSON and runs it.
    struct Handler: Sendable {
        let worksBeforeInitialize: Bool
        let run: @Sendable (JSONValue?, inout ProtocolServer) throws(ProtocolError) -> any MethodResult

        init<M: ProtocolMethod>(_ method: M.Type) {
            worksBeforeInitialize = M.worksBeforeInitialize
            run = { raw, server throws(ProtocolError) in
                try M.handle(try M.params(from: raw), on: &server)
            }
        }
    }
}

extension ProtocolMethod {
    /// The params in `raw` (a request's `params`: an object, or absent), read as a request line's are: a missing
    /// or mistyped field is an `invalidParams` error naming it.
    public static func params(from raw: JSONValue?) throws(ProtocolError) -> Params {
        do throws(JSONDecodingError) {
            return try Params(fields: JSONFields(raw, context: name, allowAbsent: true))
        } catch {
            throw ProtocolError.invalidParams(error.field.isEmpty ? "params" : error.field, error.message)
        }
    }

    /// A request for this method, as a client writes it.
    public static func request(id: JSONValue?, _ params: Params) -> Request<Self> {
        Request(id: id, params: params)
    }
}

/// A request (with an id) or a notification (without one) for method `M`, as a client writes it.
public struct Request<M: ProtocolMethod>: JSONEncodable {
    public var id: JSONValue?
    public var params: M.Params

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("jsonrpc", "2.0")
        if let id {
            w.key("id")
            w.value(id)
        }
        w.field("method", M.name)
        w.field("params", params)
        w.endObject()
    }
}
