/// Sessions kept in memory for the life of the process.
public final class InMemorySessionRepository: SessionRepository {
    private var records: [String: SessionRecord] = [:]
    private var order: [String] = []
    private var generator = SystemRandomNumberGenerator()
    private static let alphabet = Array("23456789abcdefghjkmnpqrstuvwxyz")

    /// An empty repository.
    public init() {}

    public var persistence: String { "memory" }

    public func create(_ record: SessionRecord) throws -> String {
        var record = record
        if record.id.isEmpty {
            repeat {
                var id = "s-"
                for _ in 0..<6 {
                    id.append(Self.alphabet[Int(generator.next(upperBound: UInt(Self.alphabet.count)))])
                }
                record.id = id
            } while records[record.id] != nil
        } else if records[record.id] != nil {
            throw RepositoryError("a session '\(record.id)' already exists")
        }
        records[record.id] = record
        order.append(record.id)
        return record.id
    }

    public func load(_ id: String) throws -> SessionRecord? { records[id] }

    public func save(_ record: SessionRecord) throws {
        guard records[record.id] != nil else { throw RepositoryError("there is no session '\(record.id)'") }
        records[record.id] = record
    }

    public func list() throws -> [SessionListing] { order.compactMap { records[$0]?.listing } }
}
