import CoachCore
import CoachShell

extension ReplController {
    /// Tab candidates for the word before the cursor: commands, playbook ids, step ids after `/goto`, draft ids
    /// after `/show` and `/copy`, formats after `/export`, the choices of the current question, and the accounts
    /// Coach remembers at the question that names the account.
    public func completions(for lineBeforeCursor: String) -> [String] {
        let leading = String(lineBeforeCursor.drop { $0 == " " })
        let words = leading.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let word = words.last ?? ""
        if words.count <= 1 && word.hasPrefix("/") {
            let commands = ReplCommand.available(in: screen == .home ? .home : place).map(\.name)
            return commands.filter { $0.hasPrefix(word.lowercased()) }
        }
        if words.count == 2, let command = words.first?.lowercased() {
            switch command {
            case "/goto": return matching((session?.reachableSteps() ?? []).map(\.description), word)
            case "/show", "/copy": return matching((turn?.outputs ?? []).map(\.id), word)
            case "/export": return matching(ExportFormat.allCases.map(\.rawValue), word)
            default: break
            }
        }
        if words.first?.hasPrefix("/") == true { return [] }
        switch screen {
        case .home:
            guard words.count <= 1 else { return [] }
            return matching(catalog.ids, word)
        case .confirmRestart:
            return matching(["yes", "no"], word)
        case .finished:
            return []
        case .asking:
            guard let prompt = turn?.prompt else { return [] }
            switch prompt.kind {
            case .yesno:
                return words.count <= 1 ? matching(["yes", "no"], word) : []
            case .choice:
                return words.count <= 1 ? matching(prompt.choices?.map(\.value) ?? [], word) : []
            case _ where isAccountQuestion(prompt):
                // The accounts Coach remembers, matched on the whole line typed so far (names have spaces).
                let typed = leading.lowercased()
                let names = ((try? services.sessions.accounts()) ?? []).map(\.name)
                let head = String(leading.dropLast(word.count))
                return names.filter { $0.lowercased().hasPrefix(typed) && $0.count > head.count }
                    .map { String($0.dropFirst(head.count)) }
            case .multichoice:
                // Items are separated by commas: complete the part after the last comma, keep the rest.
                let head = word.lastIndex(of: ",").map { String(word[...$0]) } ?? ""
                let part = String(word.dropFirst(head.count))
                return matching(prompt.choices?.map(\.value) ?? [], part).map { head + $0 }
            default:
                return []
            }
        }
    }

    /// True for the question whose answer names the account the session is about (the client question).
    func isAccountQuestion(_ prompt: Prompt) -> Bool {
        prompt.kind == .text && session.map { prompt.step == .step($0.playbook.accountStep ?? "") } == true
    }

    private func matching(_ candidates: [String], _ word: String) -> [String] {
        let lower = word.lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(lower) }
    }
}
