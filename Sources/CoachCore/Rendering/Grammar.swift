/// The small pieces of English grammar a draft needs where an answer meets the template's own words.
enum Grammar {
    /// `a` or `an` for `text`, by how it sounds: `an 8%`, `an 11`, `a 100`, `an hour`, `a unit`, `an SLA`.
    static func article(for text: String) -> String {
        var rest = Substring(text)
        while let c = rest.first, c == " " || c == "\"" || c == "'" || c == "(" || c == "“" || c == "‘" {
            rest = rest.dropFirst()
        }
        // A currency symbol is read after the number ("an $8,000 rise" is "an eight thousand dollar rise").
        while let c = rest.first, "$€£¥₹+~≈".contains(c) { rest = rest.dropFirst() }
        guard let first = rest.first else { return "a" }
        if first.isASCII && first.isNumber { return numberArticle(rest) }
        let word = rest.prefix { $0.isLetter }
        guard !word.isEmpty else { return "a" }
        if isAcronym(word) { return "AEFHILMNORSX".contains(word.first!) ? "an" : "a" }
        let lower = word.lowercased()
        for prefix in ["hour", "honest", "honour", "honor", "heir"] where lower.hasPrefix(prefix) { return "an" }
        for prefix in ["uni", "use", "usu", "uti", "ura", "ure", "uro", "ubi", "euro", "eu", "ewe", "one", "once", "uk"]
        where lower.hasPrefix(prefix) {
            return "a"
        }
        return "aeiou".contains(lower.first!) ? "an" : "a"
    }

    /// `text` with its article: `an 8% discount`.
    static func withArticle(_ text: String) -> String { article(for: text) + " " + text }

    /// How a number is read aloud decides its article: eight, eleven, eighteen, eighty..., eight hundred.
    private static func numberArticle(_ text: Substring) -> String {
        let digits = text.prefix { $0.isNumber || $0 == "," }
        let groups = digits.split(separator: ",")
        var leading: Int
        if groups.count > 1, let g = Int(groups[0]) {
            leading = g
        } else {
            let plain = digits.filter(\.isNumber)
            guard let n = Int(plain.prefix(18)) else { return "a" }
            leading = n
            // 1100 is "eleven hundred" or "one thousand one hundred": read by thousands, as written.
            while leading >= 1000 { leading /= 1000 }
        }
        switch leading {
        case 8, 11, 18: return "an"
        case 80...89: return "an"
        case 800...899: return "an"
        default: return "a"
        }
    }

    /// An acronym read letter by letter: two to five capitals (`SLA`, `KPI`, `EMEA` is read as a word but starts
    /// with a vowel either way).
    static func isAcronym(_ word: Substring) -> Bool {
        word.count >= 2 && word.count <= 5 && word.allSatisfy { $0.isUppercase }
    }

    /// A phrase answer as it reads inside a sentence: surrounding spaces and one final full stop dropped, and the
    /// first letter lowered unless the first word is evidently a name (see `isEvidentName`).
    static func midSentence(_ text: String, knownNames: Set<String> = []) -> String {
        var s = trimmed(text)
        if s.hasSuffix("."), !s.hasSuffix("..") { s.removeLast() }
        while let last = s.last, last == " " { s.removeLast() }
        let word = s.prefix { !$0.isWhitespace }
        guard let first = word.first, first.isUppercase, !isEvidentName(word, knownNames: knownNames) else { return s }
        return first.lowercased() + s.dropFirst()
    }

    /// Whether the first word of a phrase is evidently a name, which lowering would turn into a typo. It is when it
    /// carries a possessive (`Northwind's`, `Tesco’s`), is an acronym or mixed case (`ACME`, `iPhone`, `McKinsey`,
    /// `O'Neill`), contains a digit (`Q4`, `3M`), or is a word of a name the session knows (`knownNames`, lowercased,
    /// as `nameWords` makes them). "The", "Missed" or "Follow-up" are not.
    static func isEvidentName(_ word: Substring, knownNames: Set<String>) -> Bool {
        var bare = word
        while let last = bare.last, ",.;:!?)\"”".contains(last) { bare.removeLast() }
        for ending in ["'s", "’s", "s'", "s’"] where bare.count > ending.count && bare.hasSuffix(ending) { return true }
        if bare.contains(where: \.isNumber) { return true }
        if !bare.dropFirst().allSatisfy({ $0.isLowercase || $0 == "-" }) { return true }
        return knownNames.contains(bare.lowercased())
    }

    /// The words of names, lowercased, for `isEvidentName`: of each text that reads as a name (one to six words,
    /// each capitalised but for small joining words: "Zoë Müller", "Northwind Grocers", "Priya Nair (Billing Lead)"
    /// without its role), the capitalised words. Sentences and notes add nothing, and neither do joining words.
    static func nameWords(in texts: [String]) -> Set<String> {
        var out: Set<String> = []
        for text in texts {
            let words = personName(text).split { $0.isWhitespace || $0 == "," || $0 == "/" || $0 == "&" }
            guard !words.isEmpty, words.count <= 6 else { continue }
            guard words.allSatisfy({ $0.first?.isUppercase == true || nameJoiners.contains($0.lowercased()) }) else {
                continue
            }
            for word in words where word.first?.isUppercase == true && !nameJoiners.contains(word.lowercased()) {
                var bare = word
                for ending in ["'s", "’s"] where bare.hasSuffix(ending) { bare.removeLast(2) }
                out.insert(bare.lowercased())
            }
        }
        return out
    }

    /// Small words inside names ("Head of Sales", "The Body Shop", "Marks and Spencer") that say nothing alone.
    private static let nameJoiners: Set<String> = [
        "a", "an", "the", "of", "and", "for", "at", "in", "on", "de", "del", "der", "den", "van", "von", "da", "di", "du",
        "la", "le", "les", "el", "y", "e", "&",
    ]

    /// A sentence answer: its first letter raised and a full stop added when it has no final punctuation.
    static func sentence(_ text: String) -> String {
        var s = capitalized(trimmed(text))
        if let last = s.last, !".!?".contains(last) { s += "." }
        return s
    }

    /// `text` with its first letter raised (`the pilot` becomes `The pilot`).
    static func capitalized(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// `text` with its first letter lowered, as `midSentence` decides.
    static func lowered(_ text: String) -> String { midSentence(text) }

    /// A person's name without what follows it: "Leila Benali (Customer Success Manager)" and
    /// "Leila Benali, CSM" are "Leila Benali".
    static func personName(_ text: String) -> String {
        var name = text.prefix { $0 != "(" && $0 != "," && $0 != "<" }
        while name.last?.isWhitespace == true { name.removeLast() }
        while name.first?.isWhitespace == true { name.removeFirst() }
        return name.isEmpty ? text : String(name)
    }

    /// The name to greet a person by: the first name ("Aisha Khan (Head of IT)" is greeted as "Aisha"), or title
    /// and surname when the name starts with a title ("Dr Aisha Khan" as "Dr Khan", "Dr Haddad" as typed).
    static func greetingName(_ text: String) -> String {
        let words = personName(text).split(whereSeparator: \.isWhitespace)
        guard let first = words.first, words.count > 1 else { return personName(text) }
        var title = first.lowercased()
        if title.hasSuffix(".") { title.removeLast() }
        if honorifics.contains(title) { return first + " " + words[words.count - 1] }
        return String(first)
    }

    private static let honorifics: Set<String> = [
        "dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "lord", "lady", "herr", "frau",
    ]

    /// The first amount in `text` in short form when it is a thousand or more, the rest of the text kept:
    /// "$11,500,000" is "$11.5M", "£850,000" is "£850k", "€1,150,000" is "€1.15M", "$950" stays "$950".
    static func compactAmount(_ text: String) -> String {
        guard let start = text.firstIndex(where: \.isNumber) else { return text }
        let end = text[start...].firstIndex { !($0.isNumber || $0 == "," || $0 == ".") } ?? text.endIndex
        var digits = text[start..<end]
        while digits.last == "," || digits.last == "." { digits.removeLast() }
        guard let amount = Double(digits.filter { $0 != "," }), amount >= 1000 else { return text }
        // 999,999 rounds to a thousand k: that is 1M.
        let (scaled, suffix) = amount >= 999_995 ? (amount / 1_000_000, "M") : (amount / 1000, "k")
        let short = Value.format(number: scaled, decimals: nil) + suffix
        return String(text[..<start]) + short + String(text[text.index(start, offsetBy: digits.count)...])
    }

    /// `1 risk`, `3 risks`, `0 risks`.
    static func counted(_ n: Double, singular: String, plural: String) -> String {
        let number = Value.format(number: n, decimals: nil)
        return number + " " + (n == 1 ? singular : plural)
    }

    /// The plural of a regular noun (`risk` → `risks`, `company` → `companies`, `box` → `boxes`).
    static func plural(of noun: String) -> String {
        let lower = noun.lowercased()
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return noun.dropLast() + "ies"
        }
        for end in ["s", "x", "z", "ch", "sh"] where lower.hasSuffix(end) { return noun + "es" }
        return noun + "s"
    }

    private static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
