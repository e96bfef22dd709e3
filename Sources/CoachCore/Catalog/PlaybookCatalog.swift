/// The playbooks Coach can see, by id, with where each came from. Built from file contents; reads no files.
public struct PlaybookCatalog: Sendable {
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

    /// A playbook and its origin.
    public struct Entry: Sendable {
        public let playbook: Playbook
        public let origin: String
        /// The shipped playbook this one replaces, when a user playbook has a shipped id.
        public let overrides: String?
    }

    public private(set) var entries: [Entry] = []
    /// Problems in files that could not be loaded.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Loads every file; later sources win over earlier ones with the same id.
    public init(files: [SourceFile]) {
        var byID: [String: Int] = [:]
        for file in files {
            let (playbook, diagnostics) = PlaybookLoader.load(yaml: file.text, path: file.path)
            self.diagnostics += diagnostics.filter { $0.severity == .error }
            guard let playbook else { continue }
            if let existing = byID[playbook.id] {
                let replaced = entries[existing]
                entries[existing] = Entry(playbook: playbook, origin: file.origin, overrides: replaced.playbook.source)
            } else {
                byID[playbook.id] = entries.count
                entries.append(Entry(playbook: playbook, origin: file.origin, overrides: nil))
            }
        }
    }

    /// The playbook with this id.
    public func playbook(_ id: String) -> Playbook? {
        entries.first { $0.playbook.id == id }?.playbook
    }

    /// All ids, in load order.
    public var ids: [String] { entries.map(\.playbook.id) }

    /// A message for an unknown id, with the closest known one.
    public func unknownMessage(_ id: String) -> String {
        let hint = Suggest.closest(id, in: ids).map { " Did you mean '\($0)'?" } ?? ""
        return "There is no playbook '\(id)'.\(hint) See them all with: coach list"
    }
}
