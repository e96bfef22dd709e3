extension Account {
    /// A part of a session's title: the first line of `text`, at most 48 characters (47 and `…` when cut).
    public static func titlePart(_ text: String) -> String {
        // Runs on every saved answer: a short ASCII line (the usual client or project name) is kept as it is
        // without splitting it into characters.
        if text.utf8.count <= 48, text.utf8.allSatisfy({ $0 < 0x80 && ($0 < 0x0A || $0 > 0x0D) }) {
            return text
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 48 ? String(line.prefix(47)) + "…" : line
    }

    /// A session's title (`stakeholder-reset · Nortwind · Atlas rollout`) with the part that names the account
    /// `old` made `name` instead, for a session moved to another account; unchanged when no part names `old`.
    public static func retitled(_ title: String, naming old: String, as name: String) -> String {
        var parts = title.split(separator: " · ", omittingEmptySubsequences: false).map(String.init)
        let oldKey = key(for: old)
        let shortKey = key(for: titlePart(old))
        // The first part is the playbook; the account comes after it, perhaps cut short.
        guard parts.count > 1,
            let index = parts.indices.dropFirst().first(where: { key(for: parts[$0]) == oldKey || key(for: parts[$0]) == shortKey })
        else { return title }
        parts[index] = titlePart(name)
        return parts.joined(separator: " · ")
    }
}
