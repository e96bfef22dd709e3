/// What merging one account into another did (see ``CoachStore/mergeAccounts(from:into:)``).
public struct AccountMerge: Sendable, Equatable {
    /// A fact both accounts held with different values: the newer one was kept.
    public struct Conflict: Sendable, Equatable {
        /// The fact's name (`budget`).
        public var fact: String
        /// The value kept (the newer one), as shown.
        public var kept: String
        /// The value dropped, as shown.
        public var dropped: String
        /// True when the kept value came from the merged-away account.
        public var keptFromMerged: Bool
    }

    /// The account merged away (it no longer exists).
    public var from: Account
    /// The account that remains, as it is after the merge.
    public var into: Account
    /// How many sessions now name `into` instead of `from`.
    public var sessions: Int
    /// How many facts of `from` became facts of `into` (new ones, and conflicts `from` won).
    public var factsMoved: Int
    /// The facts both held with different values, by name.
    public var conflicts: [Conflict]
}
