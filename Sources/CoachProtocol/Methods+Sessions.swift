import CoachCore
import CoachShell
import CoachStore

extension ProtocolServer {
    /// The `session/...` methods, in the order the documentation gives them. Each turns its params into one call
    /// of the session service, which saves the change before the result is returned.
    static let sessionMethods: [any ProtocolMethod.Type] = [
        Methods.SessionStart.self, Methods.SessionAnswer.self, Methods.SessionSkip.self, Methods.SessionBack.self, Methods.SessionGoto.self,
        Methods.SessionRestart.self,
        Methods.SessionCancel.self, Methods.SessionState.self, Methods.SessionPreview.self, Methods.SessionResume.self,
        Methods.SessionList.self, Methods.SessionExport.self,
    ]

    /// Sends `event` to session `id`; the service saves the result before the turn is returned.
    mutating func apply(_ event: Event, to id: String) throws(ProtocolError) -> TurnResult {
        let update = try call { () throws(ServiceError) in try service.apply(id, event) }
        return TurnResult(update)
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

/// What every session call returns: the session id, the engine's turn and the service's notices (a remembered
/// account, saved drafts, a store that stopped working). Written `{session, status, prompt?, invalid?, progress,
/// outputs?, handoffs?, notice?, notices?}`.
public struct TurnResult: MethodResult, Equatable {
    public var session: String
    public var turn: Turn
    public var notices: [String]
    /// The drafts so far, written in place of the turn's own (`session/preview`).
    public var preview: [RenderedOutput]?

    public init(session: String, turn: Turn, notices: [String] = [], preview: [RenderedOutput]? = nil) {
        self.session = session
        self.turn = turn
        self.notices = notices
        self.preview = preview
    }

    init(_ update: SessionUpdate) {
        self.init(session: update.sessionID, turn: update.turn, notices: update.notices)
    }

    public mutating func add(notice: String) {
        if !notices.contains(notice) { notices.append(notice) }
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        writeMembers(to: &w)
        w.endObject()
    }

    func writeMembers(to w: inout JSONWriter) {
        w.field("session", session)
        turn.writeMembers(to: &w, outputs: preview)
        if !notices.isEmpty { w.field("notices", notices) }
    }
}

/// The params of a call that names only its session.
public struct SessionParams: MethodParams, Equatable {
    /// A session id (or an unambiguous prefix of one).
    public var session: String

    public init(session: String) { self.session = session }

    public init(fields f: JSONFields) throws(JSONDecodingError) {
        session = try f.string("session")
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("session", session)
        w.endObject()
    }
}

/// The params of a call that names its session and a step (`session/skip`, `session/goto`).
public struct SessionStepParams: MethodParams, Equatable {
    public var session: String
    public var step: StepKey

    public init(session: String, step: StepKey) {
        self.session = session
        self.step = step
    }

    public init(fields f: JSONFields) throws(JSONDecodingError) {
        session = try f.string("session")
        step = StepKey(try f.string("step"))
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("session", session)
        w.field("step", step)
        w.endObject()
    }
}

extension Methods {
    /// `session/start {playbook, prefill?, account?}`: a new session and its first turn.
    public enum SessionStart: ProtocolMethod {
        public static let name = "session/start"

        public struct Params: MethodParams, Equatable {
            public var playbook: String
            public var account: String?
            /// Answers to offer as defaults, by step id, in the order given.
            public var prefill: [(step: String, value: AnswerInput)]

            public init(playbook: String, account: String? = nil, prefill: [(step: String, value: AnswerInput)] = []) {
                self.playbook = playbook
                self.account = account
                self.prefill = prefill
            }

            public init(fields f: JSONFields) throws(JSONDecodingError) {
                playbook = try f.string("playbook")
                account = try f.optionalString("account")
                prefill = []
                for (step, value) in try f.optionalObject("prefill")?.members ?? [] {
                    prefill.append((step, try AnswerInput(json: value, field: "prefill.\(step)")))
                }
            }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("playbook", playbook)
                w.field("account", account)
                if !prefill.isEmpty {
                    w.key("prefill")
                    w.beginObject()
                    for (step, value) in prefill {
                        w.key(step)
                        value.write(to: &w)
                    }
                    w.endObject()
                }
                w.endObject()
            }

            public static func == (a: Params, b: Params) -> Bool {
                a.playbook == b.playbook && a.account == b.account && a.prefill.elementsEqual(b.prefill) { $0 == $1 }
            }
        }

        public static func handle(_ params: Params, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            guard let playbook = server.catalog.playbook(params.playbook) else { throw server.unknownPlaybook(params.playbook) }
            // The service checks every pre-filled answer against its step.
            let prefill = Dictionary(params.prefill.map { ($0.step, $0.value.text) }) { _, last in last }
            let service = server.service
            let update = try server.call { () throws(ServiceError) in
                try service.start(playbookID: playbook.id, account: params.account, prefill: prefill, origin: .protocol)
            }
            server.logStart(update.sessionID, playbook: playbook.id)
            return TurnResult(update)
        }
    }
}

extension Methods {
    /// `session/answer {session, step, value}`: answers the step being asked; an answer for another step is refused.
    public enum SessionAnswer: ProtocolMethod {
        public static let name = "session/answer"

        public struct Params: MethodParams, Equatable {
            public var session: String
            /// The step the answer is for: it must be the one being asked.
            public var step: StepKey
            public var value: AnswerInput

            public init(session: String, step: StepKey, value: AnswerInput) {
                self.session = session
                self.step = step
                self.value = value
            }

            public init(fields f: JSONFields) throws(JSONDecodingError) {
                let raw = try f.required("value", "a string, number, boolean or array of strings")
                value = try AnswerInput(json: raw, field: f.path(of: "value"))
                step = StepKey(try f.string("step"))
                session = try f.string("session")
            }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("session", session)
                w.field("step", step)
                w.field("value", value)
                w.endObject()
            }
        }

        public static func handle(_ params: Params, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            try server.apply(.answer(params.value, step: params.step), to: params.session)
        }
    }
}

extension Methods {
    /// `session/skip {session, step}`: skips the optional step being asked.
    public enum SessionSkip: ProtocolMethod {
        public static let name = "session/skip"

        public static func handle(_ params: SessionStepParams, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            try server.apply(.skip(step: params.step), to: params.session)
        }
    }
}

extension Methods {
    /// `session/back {session}`: goes back one step.
    public enum SessionBack: ProtocolMethod {
        public static let name = "session/back"

        public static func handle(_ params: SessionParams, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            try server.apply(.back, to: params.session)
        }
    }
}

extension Methods {
    /// `session/goto {session, step}`: goes to a step already reached, to change its answer.
    public enum SessionGoto: ProtocolMethod {
        public static let name = "session/goto"

        public static func handle(_ params: SessionStepParams, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            try server.apply(.goto(params.step), to: params.session)
        }
    }
}

extension Methods {
    /// `session/restart {session}`: starts the session again with no answers.
    public enum SessionRestart: ProtocolMethod {
        public static let name = "session/restart"

        public static func handle(_ params: SessionParams, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            try server.apply(.restart, to: params.session)
        }
    }
}

extension Methods {
    /// `session/cancel {session}`: stops the session.
    public enum SessionCancel: ProtocolMethod {
        public static let name = "session/cancel"

        public static func handle(_ params: SessionParams, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            try server.apply(.cancel, to: params.session)
        }
    }
}

/// What `session/state` and `session/resume` return: the turn as it stands, with the playbook, the title and
/// the answers so far.
public struct SessionStateResult: MethodResult, Equatable {
    public var turn: TurnResult
    public var playbook: String
    public var title: String
    public var answers: [SessionExport.Answer]

    public init(turn: TurnResult, playbook: String, title: String, answers: [SessionExport.Answer]) {
        self.turn = turn
        self.playbook = playbook
        self.title = title
        self.answers = answers
    }

    public mutating func add(notice: String) { turn.add(notice: notice) }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        turn.writeMembers(to: &w)
        w.field("playbook", playbook)
        w.field("title", title)
        w.field("answers", answers)
        w.endObject()
    }

    /// The state of session `id` on `server`; `resume` loads it from the store when it is not open.
    static func of(_ id: String, resume: Bool, on server: ProtocolServer) throws(ProtocolError) -> SessionStateResult {
        let service = server.service
        let update = try server.call { () throws(ServiceError) in resume ? try service.resume(id) : try service.current(id) }
        let session = try server.call { () throws(ServiceError) in try service.session(update.sessionID) }
        return SessionStateResult(
            turn: TurnResult(update), playbook: session.playbook.id, title: update.title,
            answers: session.answeredSteps().map {
                SessionExport.Answer(step: $0.key.description, question: $0.question, answer: $0.answer)
            })
    }
}

extension Methods {
    /// `session/state {session}`: where an open session stands.
    public enum SessionState: ProtocolMethod {
        public static let name = "session/state"

        public static func handle(_ params: SessionParams, on server: inout ProtocolServer) throws(ProtocolError) -> SessionStateResult {
            try SessionStateResult.of(params.session, resume: false, on: server)
        }
    }
}

extension Methods {
    /// `session/resume {session}`: opens a saved session (from any shell) and says where it stands.
    public enum SessionResume: ProtocolMethod {
        public static let name = "session/resume"

        public static func handle(_ params: SessionParams, on server: inout ProtocolServer) throws(ProtocolError) -> SessionStateResult {
            try SessionStateResult.of(params.session, resume: true, on: server)
        }
    }
}

extension Methods {
    /// `session/preview {session}`: the turn with the outputs so far; values still to come show as `[missing: id]`.
    public enum SessionPreview: ProtocolMethod {
        public static let name = "session/preview"

        public static func handle(_ params: SessionParams, on server: inout ProtocolServer) throws(ProtocolError) -> TurnResult {
            let service = server.service
            let update = try server.call { () throws(ServiceError) in try service.current(params.session) }
            let session = try server.call { () throws(ServiceError) in try service.session(update.sessionID) }
            var result = TurnResult(update)
            result.preview = session.preview()
            return result
        }
    }
}

extension Methods {
    /// `session/list`: the saved sessions, newest first.
    public enum SessionList: ProtocolMethod {
        public static let name = "session/list"

        public struct Result: MethodResult {
            public var sessions: [SessionSummary]

            public init(sessions: [SessionSummary]) { self.sessions = sessions }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("sessions", sessions)
                w.endObject()
            }
        }

        public static func handle(_ params: NoParams, on server: inout ProtocolServer) throws(ProtocolError) -> Result {
            let service = server.service
            return Result(sessions: try server.call { () throws(ServiceError) in try service.list(limit: 1000) })
        }
    }
}

extension SessionSummary: JSONEncodable {
    /// `{session, playbook, title, account?, status, step?, progress: {answered, total}, createdAt, updatedAt}`.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("session", id)
        w.field("playbook", playbookID)
        w.field("title", title)
        w.field("account", account)
        w.field("status", status.rawValue)
        w.field("step", currentStep)
        w.key("progress")
        w.beginObject()
        w.field("answered", answered)
        w.field("total", total)
        w.endObject()
        w.field("createdAt", Timestamp.iso(createdAt))
        w.field("updatedAt", Timestamp.iso(updatedAt))
        w.endObject()
    }
}

extension Methods {
    /// `session/export {session, format}`: the session as files (`markdown`, `text`, `jsonl`, `transcript`, `eml`,
    /// `ics`).
    public enum SessionExport: ProtocolMethod {
        public static let name = "session/export"

        public struct Params: MethodParams, Equatable {
            public var session: String
            public var format: ExportFormat

            public init(session: String, format: ExportFormat) {
                self.session = session
                self.format = format
            }

            public init(fields f: JSONFields) throws(JSONDecodingError) {
                session = try f.string("session")
                let name = try f.string("format")
                guard let format = ExportFormat(rawValue: name) else {
                    let names = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                    throw JSONDecodingError(field: "format", message: "'\(name)' is not an export format; use one of \(names)")
                }
                self.format = format
            }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("session", session)
                w.field("format", format.rawValue)
                w.endObject()
            }
        }

        public struct Result: MethodResult, Equatable {
            public var files: [ExportedFile]

            public init(files: [ExportedFile]) { self.files = files }

            public func write(to w: inout JSONWriter) {
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
        }

        public static func handle(_ params: Params, on server: inout ProtocolServer) throws(ProtocolError) -> Result {
            let service = server.service
            return Result(files: try server.call { () throws(ServiceError) in try service.export(params.session, format: params.format) })
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
        case .brokenPlaybook: self.init(.brokenPlaybook, error.message)
        case .playbookChanged: self.init(.unknownPlaybook, error.message)
        case .unknownSession, .ambiguousSession: self.init(.unknownSession, error.message)
        case .invalid: self.init(.invalidParams, error.message, field: error.field ?? "prefill")
        case .damaged, .store: self.init(.storeFailed, error.message)
        case .unavailable: self.init(.storeUnavailable, error.message)
        }
    }
}
