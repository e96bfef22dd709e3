import CoachCore

/// The `session/...` methods: each turns params into one engine event and the engine's turn into JSON.
extension ProtocolServer {
    mutating func startSession(_ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("playbook")
        let account = try params.optionalString("account")
        let given = try params.optionalObject("prefill") ?? []
        guard let playbook = catalog.playbook(id) else { throw unknownPlaybook(id) }
        var prefill: [String: SessionState.Prefill] = [:]
        for (step, value) in given {
            guard let target = playbook.step(step), target.kind.asks else {
                throw .invalidParams("prefill.\(step)", "'\(playbook.id)' has no question '\(step)' to pre-fill")
            }
            prefill[step] = SessionState.Prefill(text: try Params.answer(value, field: "prefill.\(step)").text)
        }
        let session = Session(playbook: playbook, today: today(), prefill: prefill)
        let turn = session.currentTurn()
        let time = now()
        let entry = LiveSession(session: session, account: account, createdAt: time)
        let sessionID: String
        do {
            sessionID = try repository.create(record("", entry, turn, time))
        } catch {
            throw ProtocolError(.storeFailed, "The session could not be saved: \(error)")
        }
        live[sessionID] = entry
        log.log(.info, "started \(sessionID) (\(playbook.id))")
        w.turn(turn, session: sessionID)
    }

    /// Sends `event` to the session named in params, saves the result, and writes the turn.
    mutating func apply(_ event: Event, _ params: Params, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("session")
        try bringLive(id)
        let result = live[id]!.session.handle(event)
        switch result {
        case .failure(let refusal):
            throw ProtocolError(refusal: refusal)
        case .success(let turn):
            try persist(id, turn)
            w.turn(turn, session: id)
        }
    }

    /// `session/state` and `session/resume`: the turn as it stands, the playbook and the answers so far.
    mutating func state(_ params: Params, resume: Bool, into w: inout JSONWriter) throws(ProtocolError) {
        let id = try params.string("session")
        try bringLive(id)
        if resume {
            let day = today()
            if live[id]!.session.state.today != day {
                live[id]!.session.setToday(day)
                try persist(id, live[id]!.session.currentTurn())
            }
        }
        let session = live[id]!.session
        w.beginObject()
        w.turnFields(session.currentTurn(), session: id)
        w.field("playbook", session.playbook.id)
        w.key("answers")
        w.beginArray()
        for a in session.answeredSteps() {
            w.beginObject()
            w.field("step", a.key)
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
        try bringLive(id)
        let session = live[id]!.session
        var turn = session.currentTurn()
        turn.outputs = session.preview()
        w.turn(turn, session: id)
    }

    func listSessions(into w: inout JSONWriter) throws(ProtocolError) {
        let listings: [SessionListing]
        do {
            listings = try repository.list()
        } catch {
            throw ProtocolError(.storeFailed, "The sessions could not be read: \(error)")
        }
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

    /// Makes sure session `id` is in memory, loading it from the repository when it is not.
    mutating func bringLive(_ id: String) throws(ProtocolError) {
        if live[id] != nil { return }
        let stored: SessionRecord?
        do {
            stored = try repository.load(id)
        } catch {
            throw ProtocolError(.storeFailed, "The session could not be read: \(error)")
        }
        guard let stored else { throw ProtocolError(.unknownSession, "There is no session '\(id)'") }
        guard let playbook = catalog.playbook(stored.playbookID) else {
            throw ProtocolError(
                .unknownPlaybook, "Session '\(id)' follows the playbook '\(stored.playbookID)', which this server does not have")
        }
        live[id] = LiveSession(
            session: Session(playbook: playbook, state: stored.state), account: stored.account, createdAt: stored.createdAt)
    }

    /// Saves session `id` after a change; when that fails, the change is forgotten and the error thrown.
    mutating func persist(_ id: String, _ turn: Turn) throws(ProtocolError) {
        let entry = live[id]!
        do {
            try repository.save(record(id, entry, turn, now()))
        } catch {
            live[id] = nil
            log.log(.error, "could not save \(id): \(error)")
            throw ProtocolError(.storeFailed, "The change to '\(id)' could not be saved: \(error)")
        }
    }

    func record(_ id: String, _ entry: LiveSession, _ turn: Turn, _ time: Double) -> SessionRecord {
        let playbook = entry.session.playbook
        let answers =
            repository.wantsAnswers
            ? entry.session.answeredSteps().map { SessionRecord.Answer(step: $0.key, question: $0.question, answer: $0.answer) }
            : nil
        return SessionRecord(
            id: id, playbookID: playbook.id, playbookVersion: playbook.version, title: playbook.title,
            account: entry.account, state: entry.session.state, currentStep: turn.prompt?.step,
            answered: turn.progress.answered, total: turn.progress.total, createdAt: entry.createdAt, updatedAt: time,
            answers: answers)
    }
}
