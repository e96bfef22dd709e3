import CoachCore

/// An error reply: a stable numeric code, a kind, a message for people and a hint that says what to do next.
public struct ProtocolError: Error, Equatable, Sendable, CustomStringConvertible, JSONEncodable {
    /// What went wrong; each kind has one documented code.
    public enum Kind: String, Sendable, CaseIterable {
        case parseError, invalidUTF8, tooDeep, lineTooLong, invalidRequest, methodNotFound, invalidParams, internalError
        case notInitialized, alreadyInitialized
        case unknownPlaybook, unknownSession, staleStep, notOptional, nothingBefore, unknownStep, notReached, closed
        case storeFailed, storeUnavailable, brokenPlaybook

        /// The JSON-RPC error code.
        public var code: Int {
            switch self {
            case .parseError, .invalidUTF8, .tooDeep: return -32700
            case .lineTooLong, .invalidRequest: return -32600
            case .methodNotFound: return -32601
            case .invalidParams: return -32602
            case .internalError: return -32603
            case .notInitialized: return -32002
            case .alreadyInitialized: return -32003
            case .unknownPlaybook: return 1001
            case .unknownSession: return 1002
            case .staleStep: return 1003
            case .notOptional: return 1004
            case .nothingBefore: return 1005
            case .unknownStep: return 1006
            case .notReached: return 1007
            case .closed: return 1008
            case .storeFailed: return 1009
            case .storeUnavailable: return 1010
            case .brokenPlaybook: return 1011
            }
        }

        /// What a client should do about it.
        public var hint: String {
            switch self {
            case .parseError: return "Send one JSON-RPC message (an object, or a batch array) per line, ended by \\n."
            case .invalidUTF8: return "Encode every line as UTF-8."
            case .tooDeep: return "Nest arrays and objects at most \(JSONReader.maxDepth) levels deep."
            case .lineTooLong: return "Keep each line under \(ProtocolServer.maxLineBytes) bytes; the rest of that line was dropped."
            case .invalidRequest:
                return "Send {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"...\",\"params\":{...}}; the id is a string or a number."
            case .methodNotFound: return "See capabilities.methods in the initialize result for the methods this server has."
            case .invalidParams: return "Fix the field named in data.field; see `coach serve --schema` for every request."
            case .internalError: return "This is a bug in Coach; nothing was changed. Please report the request that caused it."
            case .notInitialized: return "Send initialize first; only initialize and ping work before it."
            case .alreadyInitialized: return "Initialize once per connection; carry on with other requests."
            case .unknownPlaybook: return "Call playbooks/list for the playbook ids."
            case .unknownSession: return "Call session/list for the sessions there are, or session/start to begin one."
            case .staleStep:
                return "Nothing was changed. Answer the step in data.current (the prompt of session/state) instead."
            case .notOptional: return "Answer this step; only steps with required: false can be skipped."
            case .nothingBefore: return "This is the first step; answer it."
            case .unknownStep: return "Name a step id from an earlier prompt; session/state lists the answered steps."
            case .notReached: return "Answer the current step first; session/goto only goes back to steps already reached."
            case .closed:
                return "Nothing is being asked: session/restart it or start a new one; a completed one can also goto a step."
            case .storeFailed: return "The change was not saved and the session is unchanged; try again, or check the disk."
            case .storeUnavailable:
                return "Nothing was saved: the shared database cannot be reached. Send the same request again in a few "
                    + "seconds; Coach reconnects by itself when the database is back."
            case .brokenPlaybook:
                return "The playbook's file has errors, listed in the message as path:line:col. Fix them and check the "
                    + "file with `coach lint PATH`; nothing was started or changed, and the other playbooks still work."
            }
        }
    }

    public var kind: Kind
    public var message: String
    /// The parameter at fault, for `invalidParams` (`session`, `prefill.client`).
    public var field: String?
    /// The step being asked, for refusals.
    public var current: String?

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String, field: String? = nil, current: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
        self.current = current
    }

    /// The protocol error for an engine refusal.
    public init(refusal: Refusal) {
        let kind: Kind
        switch refusal.kind {
        case .staleStep: kind = .staleStep
        case .notOptional: kind = .notOptional
        case .nothingBefore: kind = .nothingBefore
        case .unknownStep: kind = .unknownStep
        case .notReached: kind = .notReached
        case .closed: kind = .closed
        }
        self.init(kind, refusal.message, current: refusal.current?.description)
    }

    /// Missing or mistyped parameter `field`.
    public static func invalidParams(_ field: String, _ message: String) -> ProtocolError {
        ProtocolError(.invalidParams, message, field: field)
    }

    public var description: String { "\(kind.code) \(kind.rawValue): \(message)" }

    /// Writes the `error` object: `{code, message, data: {kind, hint, field?, current?}}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("code", kind.code)
        w.field("message", message)
        w.key("data")
        w.beginObject()
        w.field("kind", kind.rawValue)
        w.field("hint", kind.hint)
        w.field("field", field)
        w.field("current", current)
        w.endObject()
        w.endObject()
    }
}
