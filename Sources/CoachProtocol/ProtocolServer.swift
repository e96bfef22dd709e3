import CoachCore
import CoachShell

/// The protocol as a state machine over lines: each line in gives at most one line out. No I/O here; the
/// stdio loop (`StdioServer`) feeds it and writes what it returns.
public struct ProtocolServer {
    /// The protocol version this server speaks.
    public static let protocolVersion = 1
    /// The longest line read, in bytes (1 MiB).
    public static let maxLineBytes = 1_048_576
    /// Every method, in the order the documentation gives them.
    public static let methods = [
        "initialize", "ping", "shutdown", "playbooks/list", "playbooks/get", "session/start", "session/answer",
        "session/skip", "session/back", "session/goto", "session/restart", "session/cancel", "session/state",
        "session/preview", "session/resume", "session/list", "session/export", "draft/review",
    ]

    /// What to do after a line.
    public struct Outcome: Equatable, Sendable {
        /// The reply line to write (without its `\n`), or nil when nothing is answered.
        public var reply: [UInt8]?
        /// Whether the server should stop once the reply is written.
        public var stop: Bool
    }

    let catalog: PlaybookCatalog
    /// Runs every session: the same service the REPL and the command line use, so each accepted answer is saved
    /// (with its journal line) before the reply is written, and sessions move freely between shells.
    let service: SessionService
    let log: ServeLog
    var initialized = false
    var stopping = false

    /// A server whose sessions `service` runs (and keeps, in the store or in memory).
    public init(service: SessionService, log: ServeLog = ServeLog(level: .warn)) {
        self.catalog = service.playbooks
        self.service = service
        self.log = log
    }

    /// Whether `shutdown` was received.
    public var isStopping: Bool { stopping }

    // MARK: - Group commit

    /// Opens a group of lines whose changes are saved together by ``endGroup()`` (one transaction for all).
    ///
    /// The caller must hold every reply of the group until ``endGroup()`` returns, then write them: an answer is
    /// acknowledged only once it is in the database.
    public func beginGroup() {
        service.beginGroup()
    }

    /// Saves the changes of the lines handled since ``beginGroup()``. Returns nil when they are in the database;
    /// otherwise the notice to add to each of their replies (``withNotice(_:reply:)``): the store failed and the
    /// changes were kept in memory, as when a single save fails.
    public func endGroup() -> String? {
        service.endGroup()
    }

    /// `reply` with `notice` added to the `notices` of every turn in it (a result with `session` and `status`),
    /// unless it is there already; other replies are returned as they are.
    public static func withNotice(_ notice: String, reply: [UInt8]) -> [UInt8] {
        guard let value = reply.withUnsafeBufferPointer({ try? JSONReader.read($0) }) else { return reply }
        let amended = addNotice(notice, to: value)
        guard amended != value else { return reply }
        var w = JSONWriter(capacity: reply.count + notice.utf8.count + 32)
        w.value(amended)
        return w.bytes
    }

    private static func addNotice(_ notice: String, to value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { addNotice(notice, to: $0) })
        case .object(var members):
            guard let r = members.lastIndex(where: { $0.key == "result" }), case .object(var result) = members[r].value,
                result.contains(where: { $0.key == "session" }), result.contains(where: { $0.key == "status" })
            else { return value }
            if let n = result.lastIndex(where: { $0.key == "notices" }), case .array(let list) = result[n].value {
                if list.contains(.string(notice)) { return value }
                result[n].value = .array(list + [.string(notice)])
            } else {
                result.append((key: "notices", value: .array([.string(notice)])))
            }
            members[r].value = .object(result)
            return .object(members)
        default:
            return value
        }
    }

    /// Handles one line (without its `\n`).
    public mutating func handle(line: UnsafeBufferPointer<UInt8>) -> Outcome {
        var blank = true
        for b in line where b != 0x20 && b != 0x09 && b != 0x0D {
            blank = false
            break
        }
        if blank { return Outcome(reply: nil, stop: false) }
        let message: JSONValue
        do {
            message = try JSONReader.read(line)
        } catch {
            let kind: ProtocolError.Kind
            switch error {
            case .invalidUTF8: kind = .invalidUTF8
            case .syntax: kind = .parseError
            case .tooDeep: kind = .tooDeep
            }
            log.log(.warn, "unreadable line (\(line.count) bytes): \(error)")
            return Outcome(reply: errorReply(id: .null, ProtocolError(kind, "Parse error: \(error)")), stop: stopping)
        }
        let reply: [UInt8]?
        switch message {
        case .array(let items):
            reply = handleBatch(items)
        default:
            reply = handleMessage(message)
        }
        return Outcome(reply: reply, stop: stopping)
    }

    /// Handles one line given as text (for tests and tools).
    public mutating func handle(text: String) -> Outcome {
        var text = text
        return text.withUTF8 { handle(line: $0) }
    }

    /// Answers a line that was longer than `maxLineBytes` (already dropped).
    public mutating func handleOversizedLine(bytes: Int) -> Outcome {
        log.log(.warn, "dropped a line of \(bytes) bytes")
        let error = ProtocolError(
            .lineTooLong, "Invalid request: the line is \(bytes) bytes, more than the \(ProtocolServer.maxLineBytes) allowed")
        return Outcome(reply: errorReply(id: .null, error), stop: stopping)
    }

    private mutating func handleBatch(_ items: [JSONValue]) -> [UInt8]? {
        guard !items.isEmpty else {
            return errorReply(id: .null, ProtocolError(.invalidRequest, "Invalid request: an empty batch"))
        }
        var w = JSONWriter(capacity: 256 * items.count)
        var any = false
        w.beginArray()
        for item in items {
            if let reply = handleMessage(item) {
                w.raw(reply)
                any = true
            }
        }
        w.endArray()
        return any ? w.bytes : nil
    }

    /// Handles one request or notification; returns the reply, or nil for a notification.
    mutating func handleMessage(_ message: JSONValue) -> [UInt8]? {
        guard case .object = message else {
            return errorReply(
                id: .null, ProtocolError(.invalidRequest, "Invalid request: a message must be an object, not \(message.typeName)"))
        }
        let rawID = message["id"]
        var id: JSONValue = .null
        switch rawID {
        case nil: break
        case .string?, .number?: id = rawID!
        case let other?:
            return errorReply(
                id: .null, ProtocolError(.invalidRequest, "Invalid request: 'id' must be a string or a number, not \(other.typeName)"))
        }
        guard message["jsonrpc"] == .string("2.0") else {
            return errorReply(id: id, ProtocolError(.invalidRequest, "Invalid request: \"jsonrpc\": \"2.0\" is required"))
        }
        guard case .string(let method)? = message["method"] else {
            return errorReply(id: id, ProtocolError(.invalidRequest, "Invalid request: 'method' must be a string"))
        }
        let isNotification = rawID == nil
        if log.enabled(.debug) { log.log(.debug, "\(isNotification ? "notification" : "request") \(method)") }
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("jsonrpc")
        w.string("2.0")
        w.key("id")
        w.value(id)
        w.key("result")
        do {
            try dispatch(method, message["params"], into: &w)
        } catch {
            if log.enabled(.info) { log.log(.info, "\(method): \(error)") }
            return isNotification ? nil : errorReply(id: id, error)
        }
        w.endObject()
        return isNotification ? nil : w.bytes
    }

    /// An error reply for `id`.
    func errorReply(id: JSONValue, _ error: ProtocolError) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("jsonrpc")
        w.string("2.0")
        w.key("id")
        w.value(id)
        w.key("error")
        error.write(into: &w)
        w.endObject()
        return w.bytes
    }

    private mutating func dispatch(_ method: String, _ rawParams: JSONValue?, into w: inout JSONWriter) throws(ProtocolError) {
        guard ProtocolServer.methods.contains(method) else {
            throw ProtocolError(.methodNotFound, "Method not found: '\(method)'")
        }
        let params = try Params(method: method, value: rawParams)
        if !initialized && method != "initialize" && method != "ping" {
            throw ProtocolError(.notInitialized, "The server is not initialized; '\(method)' must wait for initialize")
        }
        switch method {
        case "initialize": try initialize(params, into: &w)
        case "ping": writeEmpty(into: &w)
        case "shutdown":
            stopping = true
            writeEmpty(into: &w)
        case "playbooks/list": listPlaybooks(into: &w)
        case "playbooks/get": try getPlaybook(params, into: &w)
        case "session/start": try startSession(params, into: &w)
        case "session/answer":
            let input = try params.answer("value")
            let step = StepKey(try params.string("step"))
            try apply(.answer(input, step: step), params, into: &w)
        case "session/skip": try apply(.skip(step: StepKey(try params.string("step"))), params, into: &w)
        case "session/back": try apply(.back, params, into: &w)
        case "session/goto": try apply(.goto(StepKey(try params.string("step"))), params, into: &w)
        case "session/restart": try apply(.restart, params, into: &w)
        case "session/cancel": try apply(.cancel, params, into: &w)
        case "session/state": try state(params, resume: false, into: &w)
        case "session/resume": try state(params, resume: true, into: &w)
        case "session/preview": try preview(params, into: &w)
        case "session/list": try listSessions(into: &w)
        case "session/export": try export(params, into: &w)
        case "draft/review": try review(params, into: &w)
        default: throw ProtocolError(.methodNotFound, "Method not found: '\(method)'")
        }
    }

    /// `draft/review {text}`: the coaching review of a draft (`Subject:` first for an email).
    private func review(_ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let text = try params.string("text")
        w.beginObject()
        w.key("findings")
        w.beginArray()
        for f in DraftReview.review(text: text) {
            w.beginObject()
            w.field("line", f.line)
            w.field("severity", f.severity.rawValue)
            w.field("rule", f.rule)
            w.field("message", f.message)
            w.field("suggestion", f.suggestion)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private func writeEmpty(into w: inout JSONWriter) {
        w.beginObject()
        w.endObject()
    }

    private mutating func initialize(_ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        if initialized { throw ProtocolError(.alreadyInitialized, "The server is already initialized") }
        let version = try params.int("protocolVersion")
        let client = try params.object("clientInfo")
        guard case .string(let name)? = JSONValue.object(client)["name"] else {
            throw .invalidParams("clientInfo.name", "initialize needs 'clientInfo.name' (a string)")
        }
        initialized = true
        log.log(.info, "initialized by \(name) (protocol \(version); this server speaks \(ProtocolServer.protocolVersion))")
        w.beginObject()
        w.field("protocolVersion", ProtocolServer.protocolVersion)
        w.key("serverInfo")
        w.beginObject()
        w.field("name", "coach")
        w.field("version", CoachVersion.current)
        w.endObject()
        w.key("capabilities")
        w.beginObject()
        w.field("methods", ProtocolServer.methods)
        w.field("batch", true)
        w.field("draftReview", true)
        w.field("maxLineBytes", ProtocolServer.maxLineBytes)
        w.field("persistence", service.isDurable ? "sqlite" : "memory")
        w.endObject()
        w.endObject()
    }
}
