import CoachCore
import CoachProtocol
import CoachShell
import CoachStore
import MCP

/// Finished drafts and session transcripts as MCP resources, read through the protocol's `session/state` and
/// `session/export`:
///
/// - `coach://sessions/<id>/drafts/<output>.txt`: each draft as plain text (`text/plain`);
/// - `coach://sessions/<id>/drafts/drafts.md`: every draft and answer as Markdown (`text/markdown`);
/// - `coach://sessions/<id>/drafts/<output>.eml`: each email, ready to open as an unsent mail (`message/rfc822`);
/// - `coach://sessions/<id>/drafts/plan.ics`: a dated plan as a calendar (`text/calendar`);
/// - `coach://sessions/<id>/transcript`: the session as a readable conversation (`text/markdown`).
struct SessionResources: Sendable {
    let bridge: ProtocolBridge

    /// How many of the most recent sessions are listed (any other is still readable by its address).
    static let listed = 50
    static let scheme = "coach://sessions/"

    /// One resource with its text.
    struct Item {
        var resource: Resource
        var text: String
    }

    /// The resources of the most recent sessions.
    func list() async -> [Resource] {
        var out: [Resource] = []
        for summary in await sessions() {
            out += await items(session: summary.id, title: summary.title, completed: summary.status == .completed).map(\.resource)
        }
        return out
    }

    /// The contents of resource `uri`, or an MCP error naming what is wrong.
    func read(_ uri: String) async throws -> ReadResource.Result {
        guard uri.hasPrefix(Self.scheme) else {
            throw MCPError.invalidParams("Unknown resource '\(uri)': Coach's resources start with \(Self.scheme).")
        }
        let rest = uri.dropFirst(Self.scheme.count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw MCPError.invalidParams("Unknown resource '\(uri)': name a draft or the transcript after the session id.")
        }
        let session = String(rest[..<slash])
        guard case .success(let state) = await bridge.call(Methods.SessionState.self, .init(session: session)) else {
            throw MCPError.invalidParams("No session '\(session)'; resources/list gives the sessions there are.")
        }
        let id = state.turn.session
        let items = await items(session: id, title: state.title, completed: state.turn.turn.status == .completed)
        guard let item = items.first(where: { $0.resource.uri == uri }) else {
            let names = items.map(\.resource.uri).joined(separator: ", ")
            throw MCPError.invalidParams("Session \(id) has no resource '\(uri)'" + (names.isEmpty ? "." : "; it has \(names)."))
        }
        return .init(contents: [.text(item.text, uri: uri, mimeType: item.resource.mimeType)])
    }

    /// The sessions listed, most recent first.
    private func sessions() async -> ArraySlice<SessionSummary> {
        guard case .success(let list) = await bridge.call(Methods.SessionList.self, NoParams()) else { return [] }
        return list.sessions.prefix(Self.listed)
    }

    /// Every resource of one session: its transcript, and its drafts once it is finished.
    func items(session id: String, title: String, completed: Bool) async -> [Item] {
        let base = Self.scheme + id
        var items: [Item] = []
        if completed {
            if case .success(let state) = await bridge.call(Methods.SessionState.self, .init(session: id)) {
                for o in state.turn.turn.outputs ?? [] {
                    items.append(
                        Item(
                            resource: Resource(
                                name: "\(id) \(o.id).txt", uri: "\(base)/drafts/\(o.id).txt", title: "\(o.title): \(title)",
                                description: "The \(o.kind.rawValue) as plain text.", mimeType: "text/plain"),
                            text: Self.plainText(o)))
                }
            }
            for (format, mime) in [(ExportFormat.markdown, "text/markdown"), (.eml, "message/rfc822"), (.ics, "text/calendar")] {
                for file in await files(id, format) {
                    let name = format == .markdown ? "drafts.md" : Self.shortName(file.name, session: id)
                    let what: String
                    switch format {
                    case .markdown: what = "Every draft and answer as Markdown"
                    case .eml: what = "An email draft that opens in a mail client, ready to send"
                    default: what = "The dated plan as a calendar, one all-day event per day"
                    }
                    items.append(
                        Item(
                            resource: Resource(
                                name: "\(id) \(name)", uri: "\(base)/drafts/\(name)", title: "\(name): \(title)", description: what + ".",
                                mimeType: mime),
                            text: file.contents))
                }
            }
        }
        for file in await files(id, .transcript) {
            items.append(
                Item(
                    resource: Resource(
                        name: "\(id) transcript", uri: "\(base)/transcript", title: "Transcript: \(title)",
                        description: "Every question, answer and change of the session, in order.", mimeType: "text/markdown"),
                    text: file.contents))
        }
        return items
    }

    /// The files of `session/export` in `format` (none when the session has nothing in that format).
    private func files(_ id: String, _ format: ExportFormat) async -> [ExportedFile] {
        guard case .success(let r) = await bridge.call(Methods.SessionExport.self, .init(session: id, format: format)) else { return [] }
        return r.files
    }

    /// `s-7k3m9q-day2_email.eml` → `day2_email.eml`.
    static func shortName(_ file: String, session: String) -> String {
        file.hasPrefix(session + "-") ? String(file.dropFirst(session.count + 1)) : file
    }

    /// A draft as one text: `To:` and `Subject:` first for an email.
    static func plainText(_ o: RenderedOutput) -> String {
        var out = ""
        if let to = o.to, !to.isEmpty { out += "To: \(to)\n" }
        if let subject = o.subject { out += "Subject: \(subject)\n\n" }
        return out + o.body
    }

    /// The address patterns, for clients that build addresses themselves.
    static let templates: [Resource.Template] = [
        Resource.Template(
            uriTemplate: scheme + "{session}/transcript", name: "transcript", title: "Session transcript",
            description: "Every question, answer and change of a session, in order.", mimeType: "text/markdown"),
        Resource.Template(
            uriTemplate: scheme + "{session}/drafts/{name}", name: "draft", title: "Finished draft",
            description: "A draft of a finished session: <output>.txt, drafts.md, <email>.eml or plan.ics."),
    ]
}
