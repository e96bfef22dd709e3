import CoachCore

/// A reply to one request: its id and its result or error. A value until it is written, so a notice can still
/// be added to it (``adding(notice:)``) after the line was handled and before anything is encoded.
public struct Reply: JSONEncodable, Sendable {
    /// What the reply carries.
    public enum Body: Sendable {
        case result(any MethodResult)
        case error(ProtocolError)
    }

    /// The request's id (`null` when it could not be read).
    public var id: JSONValue
    public var body: Body

    public init(id: JSONValue, _ body: Body) {
        self.id = id
        self.body = body
    }

    /// The reply with `notice` added to its result's notices (results that are not turns are left alone).
    public func adding(notice: String) -> Reply {
        guard case .result(var result) = body else { return self }
        result.add(notice: notice)
        return Reply(id: id, .result(result))
    }

    /// The reply, or the error in `refusals` for its session when it is a turn of one of those sessions.
    public func refusing(_ refusals: [String: ProtocolError]) -> Reply {
        guard case .result(let result) = body, let turn = result as? TurnResult, let error = refusals[turn.session]
        else { return self }
        return Reply(id: id, .error(error))
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("jsonrpc", "2.0")
        w.key("id")
        w.value(id)
        switch body {
        case .result(let result):
            w.key("result")
            result.write(to: &w)
        case .error(let error):
            w.field("error", error)
        }
        w.endObject()
    }
}

/// What the server writes for one line: a reply, or the replies to a batch (a JSON array).
public enum Outgoing: JSONEncodable, Sendable {
    case single(Reply)
    case batch([Reply])

    /// The same message with the turns of the sessions in `refusals` replaced by their errors.
    public func refusing(_ refusals: [String: ProtocolError]) -> Outgoing {
        switch self {
        case .single(let reply): return .single(reply.refusing(refusals))
        case .batch(let replies): return .batch(replies.map { $0.refusing(refusals) })
        }
    }

    /// The same message with `notice` added to every turn result in it.
    public func adding(notice: String) -> Outgoing {
        switch self {
        case .single(let reply): return .single(reply.adding(notice: notice))
        case .batch(let replies): return .batch(replies.map { $0.adding(notice: notice) })
        }
    }

    public func write(to w: inout JSONWriter) {
        switch self {
        case .single(let reply): reply.write(to: &w)
        case .batch(let replies):
            w.beginArray()
            for r in replies { r.write(to: &w) }
            w.endArray()
        }
    }
}
