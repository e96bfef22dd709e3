import CoachCore

extension ProtocolServer {
    /// The methods that read the playbooks, in the order the documentation gives them.
    static let playbookMethods: [any ProtocolMethod.Type] = [Methods.PlaybooksList.self, Methods.PlaybooksGet.self]

    /// The error for a playbook id the catalog does not have (with the near misses it suggests), or whose file has
    /// errors (with where they are).
    func unknownPlaybook(_ id: String) -> ProtocolError {
        if case .failure(let problem) = catalog.load(id), case .broken = problem {
            return ProtocolError(.brokenPlaybook, problem.description)
        }
        var message = catalog.unknownMessage(id)
        if let cut = message.firstRange(of: " See them all with:") { message = String(message[..<cut.lowerBound]) }
        return ProtocolError(.unknownPlaybook, message)
    }
}

extension Methods {
    /// `playbooks/list`: one summary per playbook.
    public enum PlaybooksList: ProtocolMethod {
        public static let name = "playbooks/list"

        public struct Result: MethodResult {
            public var playbooks: [PlaybookSummary]

            public init(playbooks: [PlaybookSummary]) { self.playbooks = playbooks }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("playbooks", playbooks)
                w.endObject()
            }
        }

        public static func handle(_ params: NoParams, on server: inout ProtocolServer) -> Result {
            Result(playbooks: server.catalog.entries.map(PlaybookSummary.init))
        }
    }
}

extension Methods {
    /// `playbooks/get {playbook}`: one playbook in full (steps, outputs).
    public enum PlaybooksGet: ProtocolMethod {
        public static let name = "playbooks/get"

        public struct Params: MethodParams, Equatable {
            public var playbook: String

            public init(playbook: String) { self.playbook = playbook }

            public init(fields f: JSONFields) throws(JSONDecodingError) {
                playbook = try f.string("playbook")
            }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("playbook", playbook)
                w.endObject()
            }
        }

        public struct Result: MethodResult {
            /// The playbook with its origin (`shipped`, a folder).
            public var entry: PlaybookCatalog.Entry

            public init(entry: PlaybookCatalog.Entry) { self.entry = entry }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.key("playbook")
                w.beginObject()
                PlaybookSummary(entry).writeMembers(to: &w)
                w.key("steps")
                w.beginArray()
                for step in entry.playbook.steps { StepDetail(step: step).write(to: &w) }
                w.endArray()
                w.key("outputs")
                w.beginArray()
                for o in entry.playbook.outputs {
                    w.beginObject()
                    w.field("id", o.id)
                    w.field("title", o.title)
                    w.field("kind", o.kind.rawValue)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
                w.endObject()
            }
        }

        public static func handle(_ params: Params, on server: inout ProtocolServer) throws(ProtocolError) -> Result {
            guard let entry = server.catalog.entries.first(where: { $0.playbook.id == params.playbook }) else {
                throw server.unknownPlaybook(params.playbook)
            }
            return Result(entry: entry)
        }
    }
}

/// A playbook as `playbooks/list` gives it: `{id, title, summary, useWhen, version, tags, minutes?, questions,
/// origin}`.
public struct PlaybookSummary: JSONEncodable, Sendable {
    public var entry: PlaybookCatalog.Entry

    public init(_ entry: PlaybookCatalog.Entry) { self.entry = entry }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        writeMembers(to: &w)
        w.endObject()
    }

    func writeMembers(to w: inout JSONWriter) {
        let p = entry.playbook
        w.field("id", p.id)
        w.field("title", p.title)
        w.field("summary", p.summary)
        w.field("useWhen", p.useWhen)
        w.field("version", p.version)
        w.field("tags", p.tags)
        if let m = p.minutes { w.field("minutes", m) }
        w.field("questions", p.questionCount)
        w.field("origin", entry.origin)
    }
}

/// A step as `playbooks/get` gives it; a group carries its own steps.
struct StepDetail: JSONEncodable {
    var step: Step

    func write(to w: inout JSONWriter) {
        let s = step
        w.beginObject()
        w.field("id", s.id)
        w.field("kind", s.kind.rawValue)
        if s.kind == .info { w.field("text", s.text) } else { w.field("ask", s.ask) }
        w.field("help", s.help)
        w.field("why", s.why)
        w.field("required", s.required && s.kind.asks)
        w.field("default", s.defaultText)
        if !s.choices.isEmpty { w.field("choices", s.choices) }
        w.field("examples", s.examples)
        w.field("tips", s.tips)
        w.field("conditional", s.when != nil)
        if s.kind == .group {
            w.field("item", s.item ?? "item")
            w.field("minItems", s.minItems ?? 1)
            if let max = s.maxItems { w.field("maxItems", max) }
            w.key("steps")
            w.beginArray()
            for sub in s.steps { StepDetail(step: sub).write(to: &w) }
            w.endArray()
        }
        w.endObject()
    }
}
