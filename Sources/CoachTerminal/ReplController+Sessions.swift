import CoachCore
import CoachShell
import Foundation

/// How the REPL runs sessions through the durable ``SessionService``: start, send, resume, export, leave.
extension ReplController {
    /// Starts `playbook`, through the session service when there is one; `prefill` answers are offered as defaults.
    /// Loads the playbook `id` (checked on first use) and starts it, or says why it cannot run.
    mutating func beginNew(id: String) -> ReplReply {
        switch catalog.load(id) {
        case .success(let playbook):
            return beginNew(playbook)
        case .failure(let problem):
            var reply = ReplReply()
            reply.say(renderer.refusal(problem.description))
            return reply
        }
    }

    mutating func beginNew(_ playbook: Playbook, prefill: [String: String] = [:], note: String? = nil) -> ReplReply {
        do {
            let service = services.sessions
            let update = try service.start(
                playbookID: playbook.id, prefill: prefill, prefillNote: note, dropInvalidPrefill: true, origin: .repl)
            sessionID = update.sessionID
            startedHere = true
            return begin(try service.session(update.sessionID), turn: update.turn, notices: update.notices)
        } catch {
            var reply = ReplReply()
            reply.say(renderer.refusal(error.message))
            return reply
        }
    }

    /// Resumes stored session `id` where it stopped.
    mutating func resumeSaved(_ id: String) -> ReplReply {
        let service = services.sessions
        do {
            let update = try service.resume(id)
            sessionID = update.sessionID
            startedHere = false
            var notices = update.notices
            notices.insert("Resumed \(update.sessionID): \(update.title).", at: 0)
            return begin(try service.session(update.sessionID), turn: update.turn, notices: notices)
        } catch {
            var reply = ReplReply()
            if options.interactive {
                reply.say(renderer.refusal(error.message))
            } else {
                reply.warn("coach: \(error.message)\n")
            }
            return reply
        }
    }

    /// Sends `event` through the session service: the turn comes back only once it is saved.
    mutating func sendThroughService(_ event: Event, service: SessionService, id: String) -> ReplReply {
        do {
            let update = try service.apply(id, event)
            eventsTaken += 1
            session = try service.session(id)
            var reply = ReplReply()
            for notice in update.notices {
                if options.interactive { reply.say(renderer.note(notice)) } else { reply.warn("coach: \(notice)\n") }
            }
            reply.append(present(update.turn))
            return reply
        } catch {
            var reply = ReplReply()
            var message = error.message
            if let refusal = error.refusal, refusal.kind == .notOptional {
                message = "\(questionWords(refusal.current)) needs an answer; only optional questions can be skipped."
            }
            if options.interactive {
                reply.say(renderer.refusal(message))
                reply.say(reminder())
            } else {
                reply.warn("coach: \(renderer.safe(message))\n")
            }
            return reply
        }
    }

    /// The unfinished stored sessions for the home screen.
    func savedSummaries() -> [SavedSessionSummary] {
        let service = services.sessions
        let now = Date().timeIntervalSince1970
        return service.unfinished(limit: 5).map { s in
            SavedSessionSummary(
                label: "\(s.title)  (\(s.answered)/\(s.total) answered, \(RelativeTime.describe(s.updatedAt, now: now)), \(s.id))",
                id: s.id)
        }
    }

    /// What happens to the unfinished session on leaving: saved (and how to resume), or not saved and why.
    func keptMessage() -> String? {
        let service = services.sessions
        guard let sessionID else { return nil }
        if service.isDurable {
            return "It is saved: carry on with `coach sessions resume \(sessionID)`, or pick it on the home screen."
        }
        return "\(service.memoryReason ?? "This session is not saved.") Use /export markdown FILE to keep a copy."
    }

    /// True when leaving now would lose answers that are only in memory (the first /quit warns instead).
    func wouldLoseAnswers() -> Bool {
        let service = services.sessions
        guard !service.isDurable, options.interactive else { return false }
        return !(session?.answeredSteps().isEmpty ?? true)
    }

    /// `/export <format> [path]`: writes the session as a document, emails, calendar or transcript, into the current
    /// folder when no path is given.
    mutating func export(_ argument: String?) -> ReplReply {
        var reply = ReplReply()
        let formats = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        let parts = (argument ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first, let format = ExportFormat(rawValue: name.lowercased()) else {
            reply.say(renderer.refusal("Export how? /export <format> [path], with a format among: \(formats)."))
            return reply
        }
        let service = services.sessions
        guard let sessionID else {
            reply.say(renderer.refusal("There is no session to export here."))
            return reply
        }
        let files: [ExportedFile]
        do {
            files = try service.export(sessionID, format: format)
        } catch {
            reply.say(renderer.refusal(error.message))
            return reply
        }
        // Without a path the files go to the current folder, under their own names, and the message says where.
        let target = parts.count > 1 ? Self.expandTilde(parts[1].trimmingWhitespace()) : services.currentFolder() + "/"
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isFolder)
        let intoFolder = files.count > 1 || (exists && isFolder.boolValue) || target.hasSuffix("/")
        var written: [String] = []
        for file in files {
            let path = intoFolder ? (target as NSString).appendingPathComponent(file.name) : target
            do {
                if intoFolder {
                    try FileManager.default.createDirectory(
                        atPath: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                }
                try services.writeFile(path, file.contents)
                written.append(path)
            } catch {
                reply.say(renderer.refusal("Could not write \(path): \(error). Try another folder."))
                return reply
            }
        }
        let done = "Exported \(format.rawValue) to " + written.joined(separator: ", ") + "."
        if options.interactive { reply.say(options.style.green("✓ " + renderer.safe(done)) + "\n") } else { reply.warn("coach: \(done)\n") }
        return reply
    }
}
