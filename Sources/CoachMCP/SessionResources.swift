import CoachCore
import CoachProtocol
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
            out += await items(session: summary.id, title: summary.title, status: summary.status).map(\.resource)
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
        guard case .result(let state) = await bridge.call("session/state", [("session", .string(session))]) else {
            throw MCPError.invalidParams("No session '\(session)'; resources/list gives the sessions there are.")
        }
        let id = state["session"]?.stringValue ?? session
        let items = await items(session: id, title: state["title"]?.stringValue ?? id, status: state["status"]?.stringValue ?? "")
        guard let item = items.first(where: { $0.resource.uri == uri }) else {
            let names = items.map(\.resource.uri).joined(separator: ", ")
            throw MCPError.invalidParams("Session \(id) has no resource '\(uri)'" + (names.isEmpty ? "." : "; it has \(names)."))
        }
        return .init(contents: [.text(item.text, uri: uri, mimeType: item.resource.mimeType)])
    }

    /// The sessions listed, most recent first.
    private func sessions() async -> [(id: String, title: String, status: String)] {
        guard case .result(let list) = await bridge.call("session/list") else { return [] }
        return (list["sessions"]?.arrayValue ?? []).prefix(Self.listed).compactMap { s in
            guard let id = s["session"]?.stringValue else { return nil }
            return (id, s["title"]?.stringValue ?? id, s["status"]?.stringValue ?? "")
        }
    }

    /// Every resource of one session: its transcript, and its drafts once it is finished.
    func items(session id: String, title: String, status: String) async -> [Item] {
        let base = Self.scheme + id
        var items: [Item] = []
        if status == "completed" {
            if case .result(let state) = await bridge.call("session/state", [("session", .string(id))]) {
                for o in state["outputs"]?.arrayValue ?? [] {
                    guard let output = o["id"]?.stringValue else { continue }
                    let name = o["title"]?.stringValue ?? output
                    items.append(
                        Item(
                            resource: Resource(
                                name: "\(id) \(output).txt", uri: "\(base)/drafts/\(output).txt", title: "\(name): \(title)",
                                description: "The \(o["kind"]?.stringValue ?? "draft") as plain text.", mimeType: "text/plain"),
                            text: Self.plainText(o)))
                }
            }
            for (format, mime) in [("markdown", "text/markdown"), ("eml", "message/rfc822"), ("ics", "text/calendar")] {
                for file in await files(id, format) {
                    let name = format == "markdown" ? "drafts.md" : Self.shortName(file.name, session: id)
                    let what: String
                    switch format {
                    case "markdown": what = "Every draft and answer as Markdown"
                    case "eml": what = "An email draft that opens in a mail client, ready to send"
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
        for file in await files(id, "transcript") {
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
    private func files(_ id: String, _ format: String) async -> [(name: String, contents: String)] {
        guard case .result(let r) = await bridge.call("session/export", [("session", .string(id)), ("format", .string(format))])
        else { return [] }
        return (r["files"]?.arrayValue ?? []).compactMap { f in
            guard let name = f["name"]?.stringValue, let contents = f["contents"]?.stringValue else { return nil }
            return (name, contents)
        }
    }

    /// `s-7k3m9q-day2_email.eml` → `day2_email.eml`.
    static func shortName(_ file: String, session: String) -> String {
        file.hasPrefix(session + "-") ? String(file.dropFirst(session.count + 1)) : file
    }

    /// A draft as one text: `To:` and `Subject:` first for an email.
    static func plainText(_ o: JSONValue) -> String {
        var out = ""
        if let to = o["to"]?.stringValue, !to.isEmpty { out += "To: \(to)\n" }
        if let subject = o["subject"]?.stringValue { out += "Subject: \(subject)\n\n" }
        return out + (o["body"]?.stringValue ?? "")
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
