/// An account (a client) that Coach remembers facts about.
public struct Account: Sendable, Hashable {
    /// The database row id.
    public var id: Int64
    /// The normalized name used for matching: trimmed, lowercased, inner spaces collapsed.
    public var key: String
    /// The name as the user spelled it.
    public var name: String
    /// When it was first seen, in seconds since 1970.
    public var createdAt: Double
    /// When it or its facts last changed, in seconds since 1970.
    public var updatedAt: Double

    /// An account as stored.
    public init(id: Int64, key: String, name: String, createdAt: Double, updatedAt: Double) {
        self.id = id
        self.key = key
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The normalized key for an account name: trimmed, lowercased, runs of whitespace made one space.
    public static func key(for name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The key for a name that an account is to have (created or renamed to): every store refuses an empty or
    /// blank one as `invalid`, with this one message.
    public static func checkedKey(for name: String) throws(StoreError) -> String {
        let key = key(for: name)
        guard !key.isEmpty else {
            throw StoreError(.invalid, "An account name cannot be empty.")
        }
        return key
    }
}
