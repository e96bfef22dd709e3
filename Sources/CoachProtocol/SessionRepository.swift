/// Where the server keeps sessions. The server saves every change through it before it replies, so a client is
/// never told of an answer that was not kept.
public protocol SessionRepository: AnyObject {
    /// What keeps the sessions (`memory`, `sqlite`), shown in the initialize result.
    var persistence: String { get }
    /// Stores a new session and returns its id: `record.id` when not empty, else a new one.
    func create(_ record: SessionRecord) throws -> String
    /// The session with this id, or nil.
    func load(_ id: String) throws -> SessionRecord?
    /// Replaces the stored session with the same id.
    func save(_ record: SessionRecord) throws
    /// Every session.
    func list() throws -> [SessionListing]
    /// Whether records should carry `answers` (which costs a walk of the route on every save).
    var wantsAnswers: Bool { get }
}

extension SessionRepository {
    /// Repositories keep only the engine state unless they say otherwise.
    public var wantsAnswers: Bool { false }
}
