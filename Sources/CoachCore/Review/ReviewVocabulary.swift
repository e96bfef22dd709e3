/// Every word the review rules look for, numbered, so that a token's word is hashed once per review
/// and patterns then compare small integers instead of strings.
enum ReviewVocabulary {
    /// What a word is, for the checks that look at one token at a time.
    struct Kinds: OptionSet, Sendable {
        let rawValue: UInt16

        static let weekday = Kinds(rawValue: 1 << 0)
        static let relativeDay = Kinds(rawValue: 1 << 1)
        static let month = Kinds(rawValue: 1 << 2)
        static let shortMonth = Kinds(rawValue: 1 << 3)
        /// `may`, a month only next to a number.
        static let may = Kinds(rawValue: 1 << 4)
        static let namedTime = Kinds(rawValue: 1 << 5)
        /// A word that only ever stands in for missing content, such as `tbd`.
        static let filler = Kinds(rawValue: 1 << 6)
        static let lorem = Kinds(rawValue: 1 << 7)

        /// The kinds that can make a token name a day (see `ReviewCalendar.dayKey`).
        static let day: Kinds = [.weekday, .relativeDay, .month, .shortMonth, .may]
    }

    /// The id of a word the vocabulary does not hold.
    static let unknown: Int32 = -1
    /// The id of a sentence break token.
    static let sentenceBreak: Int32 = -2

    /// The numbered words and their kinds, with an open-addressing hash table over the words' UTF-8 bytes
    /// (FNV-1a), cheaper per lookup than a `Dictionary<String, _>` with its seeded SipHash.
    struct Table: Sendable {
        var words: [String] = []
        var kinds: [Kinds] = []
        /// Word ids by hash slot; `unknown` marks an empty slot.
        var slots: [Int32] = []
        var mask = 0
        /// Ids while the table is being built.
        private var building: [String: Int] = [:]

        mutating func add(_ word: String, _ kind: Kinds = []) {
            if let id = building[word] {
                kinds[id].formUnion(kind)
            } else {
                building[word] = words.count
                words.append(word)
                kinds.append(kind)
            }
        }

        /// Builds the hash table once every word is added.
        mutating func index() {
            var capacity = 16
            while capacity < words.count * 4 { capacity *= 2 }
            mask = capacity - 1
            slots = [Int32](repeating: ReviewVocabulary.unknown, count: capacity)
            for (id, word) in words.enumerated() {
                var slot = Table.hash(word) & mask
                while slots[slot] != ReviewVocabulary.unknown { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
            building = [:]
        }

        static func hash(_ word: String) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: hash ^ (hash >> 29))
        }

        func id(_ word: String) -> Int32 {
            var slot = Table.hash(word) & mask
            while true {
                let id = slots[slot]
                if id == ReviewVocabulary.unknown || words[Int(id)] == word { return id }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Built once from every phrase list and word list the rules use.
    static let table: Table = {
        var table = Table()
        for list in ReviewPhrases.all {
            for source in list {
                for element in ReviewPattern.elementSources(source) where element != "*" && element != "#" {
                    for word in element.split(separator: "|") { table.add(String(word)) }
                }
            }
        }
        for word in ReviewCalendar.weekdays { table.add(word, .weekday) }
        for word in ReviewCalendar.relativeDays { table.add(word, .relativeDay) }
        for word in ReviewCalendar.months { table.add(word, .month) }
        for word in ReviewCalendar.shortMonths { table.add(word, .shortMonth) }
        table.add("may", .may)
        for word in ReviewCalendar.namedTimes { table.add(word, .namedTime) }
        for word in ReviewPlaceholders.fillerWords { table.add(word, .filler) }
        table.add("lorem", .lorem)
        table.index()
        return table
    }()

    /// How many words are numbered.
    static var count: Int { table.kinds.count }

    /// The id of a lowercased word, or `unknown`.
    static func id(_ word: String) -> Int32 {
        table.id(word)
    }

    /// The kinds of the word with an id; none for `unknown` and sentence breaks.
    static func kinds(_ id: Int32) -> Kinds {
        id >= 0 ? table.kinds[Int(id)] : []
    }
}
