import CoachCore
import CoachShell
import CoachStore

/// The `session/...` methods: each turns params into one call of the session service and its turn into JSON.
extension ProtocolServer {
    mutating func startSession(_ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("playbook")
        let account = try params.optionalString("account")
        let given = try params.optionalObject("prefill") ?? []
        guard let playbook = catalog.playbook(id) else { throw unknownPlaybook(id) }
        var prefill: [String: String] = [:]
        for (step, value) in given {
            guard let target = playbook.step(step), target.kind.asks else {
                throw .invalidParams("prefill.\(step)", "'\(playbook.id)' has no question '\(step)' to pre-fill")
            }
            prefill[step] = try Params.answer(value, field: "prefill.\(step)").text
        }
        let update = try call { () throws(ServiceError) in
            try service.start(playbookID: playbook.id, account: account, prefill: prefill, origin: .protocol)
        }
        log.log(.info, "started \(update.sessionID) (\(playbook.id))")
        write(update, into: &w)
    }

    /// Sends `event` to the session named in params; the service saves the result before the turn is written.
    mutating func apply(_ event: Event, _ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("session")
        let update = try call { () throws(ServiceError) in try service.apply(id, event) }
        write(update, into: &w)
    }

    /// `session/state` and `session/resume`: the turn as it stands, the playbook and the answers so far.
    mutating func state(_ params: Params, resume: Bool, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("session")
        let update = try call { () throws(ServiceError) in resume ? try service.resume(id) : try service.current(id) }
        let session = try call { () throws(ServiceError) in try service.session(update.sessionID) }
        w.beginObject()
        w.turnFields(update.turn, session: update.sessionID)
        if !update.notices.isEmpty { w.field("notices", update.notices) }
        w.field("playbook", session.playbook.id)
        w.field("title", update.title)
        w.key("answers")
        w.beginArray()
        for a in session.answeredSteps() {
            w.beginObject()
            w.field("step", a.key.description)
            w.field("question", a.question)
            w.field("answer", a.answer)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// `session/preview`: the turn with the outputs so far; values still to come show as `[missing: id]`.
    mutating func preview(_ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("session")
        let update = try call { () throws(ServiceError) in try service.current(id) }
        let session = try call { () throws(ServiceError) in try service.session(update.sessionID) }
        w.turn(update.turn, session: update.sessionID, outputs: session.preview())
    }

    func listSessions(into w: inout JSONWriter) throws(ProtocolError) {
        let listings = try call { () throws(ServiceError) in try service.list(limit: 1000) }
        w.beginObject()
        w.key("sessions")
        w.beginArray()
        for s in listings {
            w.beginObject()
            w.field("session", s.id)
            w.field("playbook", s.playbookID)
            w.field("title", s.title)
            w.field("account", s.account)
            w.field("status", s.status.rawValue)
            w.field("step", s.currentStep)
            w.key("progress")
            w.beginObject()
            w.field("answered", s.answered)
            w.field("total", s.total)
            w.endObject()
            w.field("createdAt", Timestamp.iso(s.createdAt))
            w.field("updatedAt", Timestamp.iso(s.updatedAt))
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// `session/export`: the session as files (`markdown`, `text`, `jsonl`, `transcript`, `eml`, `ics`).
    func export(_ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("session")
        let name = try params.string("format")
        guard let format = ExportFormat(rawValue: name) else {
            let names = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidParams("format", "'\(name)' is not an export format; use one of \(names)")
        }
        let files = try call { () throws(ServiceError) in try service.export(id, format: format) }
        w.beginObject()
        w.key("files")
        w.beginArray()
        for file in files {
            w.beginObject()
            w.field("name", file.name)
            w.field("contents", file.contents)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// A turn reply, with the service's notices (saved drafts, a store that stopped working) when there are any.
    func write(_ update: SessionUpdate, into w: inout JSONWriter) {
        guard !update.notices.isEmpty else {
            w.turn(update.turn, session: update.sessionID)
            return
        }
        w.beginObject()
        w.turnFields(update.turn, session: update.sessionID)
        w.field("notices", update.notices)
        w.endObject()
    }

    /// Runs a service call, turning its failures into protocol errors.
    func call<T>(_ body: () throws(ServiceError) -> T) throws(ProtocolError) -> T {
        do {
            return try body()
        } catch {
            throw ProtocolError(service: error)
        }
    }
}

extension ProtocolError {
    /// The protocol error for a session-service failure.
    init(service error: ServiceError) {
        switch error.kind {
        case .refused:
            if let refusal = error.refusal {
                self.init(refusal: refusal)
            } else {
                self.init(.closed, error.message)
            }
        case .unknownPlaybook, .playbookMissing: self.init(.unknownPlaybook, error.message)
        case .playbookChanged: self.init(.unknownPlaybook, error.message)
        case .unknownSession, .ambiguousSession: self.init(.unknownSession, error.message)
        case .invalid: self.init(.invalidParams, error.message, field: "prefill")
        case .damaged, .store: self.init(.storeFailed, error.message)
        }
    }
}
