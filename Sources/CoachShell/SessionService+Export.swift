import CoachCore
import CoachStore
import Foundation

extension SessionService {
    /// Exports session `id` in `format`: one file, or one per email draft for `eml`.
    ///
    /// - Parameters:
    ///   - from: the `From` address for `.eml` files, or nil to leave it for the mail client.
    public func export(_ id: String, format: ExportFormat, from: String? = nil) throws(ServiceError) -> [ExportedFile] {
        let full = try resolve(id)
        let stamp = now()
        switch format {
        case .jsonl, .transcript:
            let lines = try transcript(full)
            let name = "\(full)-transcript.\(format.fileExtension)"
            if format == .jsonl {
                return [ExportedFile(name: name, contents: TranscriptExport.jsonl(lines, sessionID: full))]
            }
            let title = (try? storedSession(full).title) ?? full
            return [ExportedFile(name: name, contents: TranscriptExport.markdown(lines, title: title))]
        case .markdown:
            return [ExportedFile(name: "\(full).md", contents: SessionDocument.markdown(try exportData(full)))]
        case .text:
            return [ExportedFile(name: "\(full).txt", contents: SessionDocument.text(try exportData(full)))]
        case .eml:
            let data = try exportData(full)
            guard !data.emails.isEmpty else {
                throw ServiceError(.invalid, "Session \(full) (\(data.playbookID)) has no email drafts to export.")
            }
            return data.emails.map {
                ExportedFile(name: EmailFile.fileName($0, sessionID: full), contents: EmailFile.eml($0, from: from, date: stamp))
            }
        case .ics:
            let data = try exportData(full)
            let plans = data.calendarPlans
            guard !plans.isEmpty else {
                throw ServiceError(
                    .invalid,
                    "Session \(full) (\(data.playbookID)) has no dated plan to put in a calendar"
                        + (data.status == .completed ? "." : " yet: answer its start date first."))
            }
            return [
                ExportedFile(
                    name: CalendarFile.fileName(sessionID: full),
                    contents: CalendarFile.ics(plans, sessionID: full, context: data.title, stamp: stamp))
            ]
        }
    }

    /// The session as exports see it: from the engine when it can run, else from what was stored.
    public func exportData(_ id: String) throws(ServiceError) -> SessionExport {
        let full = try resolve(id)
        if let entry = try current(live: full, taking: false) {
            return entry.session.export(sessionID: full, title: entry.title)
        }
        let found: (StoredSession, events: [JournalEntry])?
        do {
            found = try store.sessionForResume(id: full)
        } catch {
            throw Self.serviceError(error)
        }
        guard let (stored, events) = found else {
            throw ServiceError(.unknownSession, "There is no session '\(full)'. List the sessions with: coach sessions")
        }
        if let (session, _) = try? replayed(stored, events: events) {
            return session.export(sessionID: full, title: stored.title)
        }
        // The playbook changed or went away: the answers of the snapshot, and those given after it, are all there is.
        var answers = (try? [SessionExport.Answer](jsonBytes: [UInt8](stored.answers))) ?? []
        let playbook = catalog.playbook(stored.playbookID)
        for event in events {
            guard let step = event.step, event.kind == .answer || event.kind == .skip else { continue }
            answers.removeAll { $0.step == step }
            if event.kind == .answer, !event.text.isEmpty {
                let question = playbook?.step(step)?.ask ?? step
                answers.append(SessionExport.Answer(step: step, question: question, answer: event.text))
            }
        }
        let lastDraft = (try? store.drafts(sessionID: full))?.last
        let draft = lastDraft.flatMap { try? StoredDraft(jsonBytes: [UInt8]($0.outputs)) }
        return SessionExport(
            sessionID: full, title: stored.title, playbookID: stored.playbookID,
            playbookTitle: catalog.playbook(stored.playbookID)?.title ?? stored.playbookID,
            status: Self.engineStatus(stored.status), answers: answers, outputs: draft?.outputs ?? [],
            plans: draft?.plans ?? [])
    }

    /// The session's journal as a transcript: each line with the kind it reads as (events the transcript leaves
    /// out, such as an info step seen, are not in it).
    public func transcript(_ id: String) throws(ServiceError) -> [TranscriptLine] {
        try journal(id).filter { !$0.text.isEmpty }.map {
            TranscriptLine(seq: $0.seq, at: $0.at, kind: $0.kind.transcriptKind, step: $0.step, text: $0.text)
        }
    }

    static func engineStatus(_ status: StoreStatus) -> CoachCore.SessionStatus {
        switch status {
        case .asking: return .asking
        case .completed: return .completed
        case .cancelled: return .cancelled
        }
    }
}
