import CoachCore
import CoachShell

/// The protocol as a state machine over lines: each line in gives at most one line out. No I/O here; the
/// stdio loop (`StdioServer`) feeds it and writes what it returns.
public struct ProtocolServer {
    /// The protocol version this server speaks.
    public static let protocolVersion = 1
    /// The longest line read, in bytes (1 MiB).
    public static let maxLineBytes = 1_048_576
    /// Every method type, in the order the documentation gives them.
    static let methodTypes = serverMethods + playbookMethods + sessionMethods + draftMethods
    /// Every method name, in the order the documentation gives them.
    public static let methods = methodTypes.map { $0.name }
    /// The handlers, keyed by method name.
    static let handlers = Dictionary(uniqueKeysWithValues: methodTypes.map { ($0.name, Handler($0)) })

    /// What to do after a line.
    public struct Outcome: Sendable {
        /// The reply to write (a value until then), or nil when nothing is answered.
        public var reply: Outgoing?
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
    /// The sessions started in the open group (id, playbook), logged by ``endGroup()`` once it knows whether
    /// they were saved; nil when no group is open, and a start is logged as soon as it is saved.
    var startedInGroup: [(session: String, playbook: String)]?

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
    public mutating func beginGroup() {
        service.beginGroup()
        if startedInGroup == nil {
            startedInGroup = []
        }
    }

    /// Saves the changes of the lines handled since ``beginGroup()``. Returns nil when they are in the database;
    /// otherwise the notice to add to each of their replies (``Outgoing/adding(notice:)``): the store failed and the
    /// changes were kept in memory, as when a single save fails.
    public mutating func endGroup() -> String? {
        let notice = service.endGroup()
        for (session, playbook) in startedInGroup ?? [] {
            let saved = notice == nil && service.unsavedInLastGroup[session] == nil
            log.log(.info, saved ? "started \(session) (\(playbook))" : "started \(session) (\(playbook)), not saved")
        }
        startedInGroup = nil
        return notice
    }

    /// Logs that `session` was started, now or, inside a group, once the group is saved (``endGroup()``).
    mutating func logStart(_ session: String, playbook: String) {
        if startedInGroup != nil {
            startedInGroup?.append((session, playbook))
        } else {
            log.log(.info, "started \(session) (\(playbook))")
        }
    }

    /// The error to reply, instead of its turn, for each session of the last group whose changes were not saved
    /// because another process (a worker sharing the database) changed the session first: `staleStep`, naming the
    /// step now asked. Empty almost always.
    public func staleRefusals() -> [String: ProtocolError] {
        guard !service.staleInLastGroup.isEmpty || !service.unsavedInLastGroup.isEmpty else { return [:] }
        if let failure = service.unsavedInLastGroup.values.first {
            // The operator's view of an outage: the replies say it to the clients, this line says it in the log.
            let count = service.unsavedInLastGroup.count
            let sessions = count == 1 ? "1 session" : "\(count) sessions"
            log.log(.warn, "nothing was saved for \(sessions) (refused as storeUnavailable): \(failure.message)")
        }
        return service.staleRefusals().mapValues { ProtocolError(service: $0) }
    }

    // MARK: - Lines

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
            return Outcome(reply: .single(Reply(id: .null, .error(ProtocolError(kind, "Parse error: \(error)")))), stop: stopping)
        }
        let reply: Outgoing?
        switch message {
        case .array(let items):
            reply = handleBatch(items)
        default:
            reply = handleMessage(message).map(Outgoing.single)
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
        return Outcome(reply: .single(Reply(id: .null, .error(error))), stop: stopping)
    }

    private mutating func handleBatch(_ items: [JSONValue]) -> Outgoing? {
        guard !items.isEmpty else {
            return .single(Reply(id: .null, .error(ProtocolError(.invalidRequest, "Invalid request: an empty batch"))))
        }
        var replies: [Reply] = []
        for item in items {
            if let reply = handleMessage(item) { replies.append(reply) }
        }
        return replies.isEmpty ? nil : .batch(replies)
    }

    /// Handles one request or notification; returns the reply, or nil for a notification.
    mutating func handleMessage(_ message: JSONValue) -> Reply? {
        guard case .object = message else {
            return Reply(
                id: .null, .error(ProtocolError(.invalidRequest, "Invalid request: a message must be an object, not \(message.typeName)")))
        }
        let rawID = message["id"]
        var id: JSONValue = .null
        switch rawID {
        case nil: break
        case .string?, .number?: id = rawID!
        case let other?:
            return Reply(
                id: .null,
                .error(ProtocolError(.invalidRequest, "Invalid request: 'id' must be a string or a number, not \(other.typeName)")))
        }
        guard message["jsonrpc"] == .string("2.0") else {
            return Reply(id: id, .error(ProtocolError(.invalidRequest, "Invalid request: \"jsonrpc\": \"2.0\" is required")))
        }
        guard case .string(let method)? = message["method"] else {
            return Reply(id: id, .error(ProtocolError(.invalidRequest, "Invalid request: 'method' must be a string")))
        }
        let isNotification = rawID == nil
        if log.enabled(.debug) { log.log(.debug, "\(isNotification ? "notification" : "request") \(method)") }
        let body: Reply.Body
        do {
            body = .result(try dispatch(method, message["params"]))
        } catch {
            if log.enabled(.info) { log.log(.info, "\(method): \(error)") }
            body = .error(error)
        }
        return isNotification ? nil : Reply(id: id, body)
    }

    /// Finds `method` in the handler table and runs it.
    private mutating func dispatch(_ method: String, _ params: JSONValue?) throws(ProtocolError) -> any MethodResult {
        guard let handler = ProtocolServer.handlers[method] else {
            throw ProtocolError(.methodNotFound, "Method not found: '\(method)'")
        }
        if !initialized && !handler.worksBeforeInitialize {
            // Params are checked first, so a malformed request is reported as such even before initialize.
            if let p = params, p != .null, p.typeName != "object" {
                throw ProtocolError.invalidParams("params", "\(method): params must be an object of named fields, not \(p.typeName)")
            }
            throw ProtocolError(.notInitialized, "The server is not initialized; '\(method)' must wait for initialize")
        }
        return try handler.run(params, &self)
    }
}

/// The namespace of the protocol's method types (`Methods.SessionAnswer`), one per method.
public enum Methods {}

extension ProtocolServer {
    /// The JSON Schema (2020-12) of every message (`coach-protocol-1.schema.json`, compiled in), as
    /// `coach serve --schema` prints it.
    public static var schema: String { String(decoding: PackageResources.coach_protocol_1_schema_json, as: UTF8.self) }
}
