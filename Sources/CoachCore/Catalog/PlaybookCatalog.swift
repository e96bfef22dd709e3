import Synchronization

/// The playbooks Coach can see, by id, with where each came from. Built from file contents; reads no files.
///
/// Listing is cheap: only each file's header (id, title, summary, minutes, tags) is read up front. A playbook is
/// loaded and checked in full the first time it is asked for, so `coach run X` pays for X alone.
public final class PlaybookCatalog: Sendable {
    /// One playbook file's text and where it came from.
    public struct SourceFile: Sendable {
        public var path: String
        public var text: String
        /// `shipped` or the folder the user added.
        public var origin: String
        public init(path: String, text: String, origin: String) {
            self.path = path
            self.text = text
            self.origin = origin
        }
    }

    /// What a listing shows of a playbook, read without loading it.
    public struct Summary: Sendable, Equatable {
        public var id: String
        public var title: String
        public var summary: String
        public var minutes: Int?
        public var tags: [String]
        /// `shipped` or the folder it came from.
        public var origin: String
        /// The file it is read from.
        public var path: String
        /// The shipped file this one replaces, when a user playbook has a shipped id.
        public var overrides: String?
    }

    /// A loaded playbook and its origin.
    public struct Entry: Sendable {
        public let playbook: Playbook
        public let origin: String
        /// The shipped playbook this one replaces, when a user playbook has a shipped id.
        public let overrides: String?
    }

    /// Why a playbook cannot be used.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case unknown(id: String, suggestion: String?)
        case broken(id: String, path: String, diagnostics: [Diagnostic])

        public var description: String {
            switch self {
            case .unknown(let id, let suggestion):
                let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
                return "There is no playbook '\(id)'.\(hint) See them all with: coach list"
            case .broken(let id, let path, let diagnostics):
                let errors = diagnostics.filter { $0.severity == .error }
                let first = errors.prefix(3).map { "  \($0.path):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
                return "The playbook '\(id)' (\(path)) has \(errors.count) error\(errors.count == 1 ? "" : "s") and cannot run:\n\(first)\n"
                    + "Fix it, then check with: coach lint \(path)"
            }
        }
    }

    /// Every playbook, in listing order (user folders replace shipped ids in place).
    public let summaries: [Summary]
    private let files: [String: SourceFile]
    private let loaded = Mutex<[String: Result<Playbook, Problem>]>([:])

    /// Reads the headers of every file; later sources win over earlier ones with the same id.
    public init(files: [SourceFile]) {
        var summaries: [Summary] = []
        var byID: [String: Int] = [:]
        var sources: [String: SourceFile] = [:]
        var preloaded: [String: Result<Playbook, Problem>] = [:]
        for file in files {
            var header = PlaybookHeader.read(file.text)
            if header == nil {
                // An unusual header (block scalars, anchors...): load the file in full to learn its id.
                let (playbook, diagnostics) = PlaybookLoader.load(yaml: file.text, path: file.path)
                if let playbook {
                    header = PlaybookHeader(
                        id: playbook.id, title: playbook.title, summary: playbook.summary, minutes: playbook.minutes,
                        tags: playbook.tags)
                    preloaded[playbook.id] = .success(playbook)
                } else if let id = PlaybookHeader.id(in: file.text) {
                    header = PlaybookHeader(id: id, title: id, summary: "(has errors: see coach lint)", minutes: nil, tags: [])
                    preloaded[id] = .failure(.broken(id: id, path: file.path, diagnostics: diagnostics))
                } else {
                    continue
                }
            }
            guard let header else { continue }
            var summary = Summary(
                id: header.id, title: header.title, summary: header.summary, minutes: header.minutes, tags: header.tags,
                origin: file.origin, path: file.path, overrides: nil)
            if let existing = byID[header.id] {
                summary.overrides = summaries[existing].path
                summaries[existing] = summary
                if case .success(let p)? = preloaded[header.id], p.source != file.path { preloaded[header.id] = nil }
            } else {
                byID[header.id] = summaries.count
                summaries.append(summary)
            }
            sources[header.id] = file
        }
        self.summaries = summaries
        self.files = sources
        self.loaded.withLock { $0 = preloaded }
    }

    /// The playbook with this id, loaded and checked on first use.
    public func load(_ id: String) -> Result<Playbook, Problem> {
        if let cached = loaded.withLock({ $0[id] }) { return cached }
        guard let file = files[id] else {
            return .failure(.unknown(id: id, suggestion: Suggest.closest(id, in: ids)))
        }
        let (playbook, diagnostics) = PlaybookLoader.load(yaml: file.text, path: file.path)
        let result: Result<Playbook, Problem>
        if let playbook, playbook.id == id {
            result = .success(playbook)
        } else {
            result = .failure(.broken(id: id, path: file.path, diagnostics: diagnostics))
        }
        loaded.withLock { $0[id] = result }
        return result
    }

    /// The playbook with this id, or nil when it is unknown or has errors.
    public func playbook(_ id: String) -> Playbook? {
        try? load(id).get()
    }

    /// Every playbook that loads, in listing order (loads them all).
    public var entries: [Entry] {
        summaries.compactMap { s in playbook(s.id).map { Entry(playbook: $0, origin: s.origin, overrides: s.overrides) } }
    }

    /// All ids, in listing order.
    public var ids: [String] { summaries.map(\.id) }

    /// Why `id` cannot be used: for a playbook file with errors, what is wrong and where; for an unknown id, the
    /// closest known one.
    public func unknownMessage(_ id: String) -> String {
        if files[id] != nil, case .failure(let problem) = load(id) { return problem.description }
        return Problem.unknown(id: id, suggestion: Suggest.closest(id, in: ids)).description
    }
}
