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

    /// A finished merge, as a store reports it.
    public init(from: Account, into: Account, sessions: Int, factsMoved: Int, conflicts: [Conflict]) {
        self.from = from
        self.into = into
        self.sessions = sessions
        self.factsMoved = factsMoved
        self.conflicts = conflicts
    }

    /// What merging facts `from` into facts `into` means: the facts of `from` to write into `into` (those it lacks,
    /// and those where `from`'s is newer), and the facts both hold with different values.
    public static func plan(from: [Fact], into: [Fact]) -> (write: [Fact], conflicts: [Conflict]) {
        let kept = Dictionary(into.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var write: [Fact] = []
        var conflicts: [Conflict] = []
        for fact in from {
            guard let old = kept[fact.name] else {
                write.append(fact)
                continue
            }
            let newer = fact.givenAt > old.givenAt
            if old.display != fact.display {
                conflicts.append(
                    Conflict(
                        fact: fact.name, kept: newer ? fact.display : old.display,
                        dropped: newer ? old.display : fact.display, keptFromMerged: newer))
            }
            if newer { write.append(fact) }
        }
        return (write, conflicts)
    }
}
