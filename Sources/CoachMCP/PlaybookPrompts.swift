import CoachCore
import CoachProtocol
import MCP

/// Each playbook as an MCP prompt: its summary and when to use it, with `account` as an argument. Getting one
/// gives the assistant the instructions to run that playbook with the person through the tools.
struct PlaybookPrompts: Sendable {
    let bridge: ProtocolBridge

    /// The prompts, one per playbook (from `playbooks/list`).
    func list() async -> [MCP.Prompt] {
        await playbooks().map { p in
            MCP.Prompt(
                name: p.id, title: p.title, description: Self.description(p),
                arguments: [
                    .init(name: "account", description: "The client account this is for (optional).", required: false)
                ])
        }
    }

    /// The prompt for playbook `name`, or an MCP error when there is no such playbook.
    func get(_ name: String, arguments: [String: String]?) async throws -> GetPrompt.Result {
        guard let p = await playbooks().first(where: { $0.id == name }) else {
            throw MCPError.invalidParams("No prompt '\(name)': prompts/list gives one per playbook.")
        }
        let account = arguments?["account"].flatMap { $0.isEmpty ? nil : $0 }
        let title = p.title
        var start = #"start_session {"playbook": "\#(name)""#
        if let account { start += #", "account": \#(Self.quoted(account))"# }
        start += "}"
        let questions = " It asks about \(p.questionCount) questions"
        let minutes = p.minutes.map { " and takes about \($0) minutes" } ?? ""
        let text = """
            Run Coach's "\(title)" playbook with me\(account.map { " for the \($0) account" } ?? "").\
            \(questions)\(minutes).

            \(Self.description(p))

            How to run it:
            1. Call \(start). If your client can show forms, you may call run_playbook with the same arguments \
            instead: it asks me each question directly.
            2. Each result carries the next prompt: its step id, kind, question, help, why it matters, examples and \
            choices. Ask me the question in your own words, one at a time; offer the default when there is one.
            3. Pass my answer to answer with the session id and the prompt's step id. If it is not accepted, tell me \
            the reason and ask again. Use skip for an optional question I want to leave out, and for info steps \
            once you have passed their note on to me; back or goto to change an earlier answer; preview to see \
            the drafts so far.
            4. When the session is finished, show me each draft as it is (they are ready to send), and mention \
            that they are also resources (coach://sessions/<id>/drafts/...). Do not invent facts the drafts do \
            not contain.
            Every accepted answer is saved at once: if we stop, session_state carries the session on later.
            """
        return .init(
            description: Self.description(p), messages: [.user(.text(text: text))])
    }

    /// The playbooks, as `playbooks/list` gives them.
    private func playbooks() async -> [Playbook] {
        let list = await bridge.call(Methods.PlaybooksList.self, NoParams())
        return ((try? list.get())?.playbooks ?? []).map(\.entry.playbook)
    }

    /// The summary and when to use it.
    static func description(_ p: Playbook) -> String {
        var text = p.summary
        if let use = p.useWhen { text += (text.isEmpty ? "" : " ") + "Use it when: \(use)" }
        return text
    }

    /// `text` as a JSON string.
    static func quoted(_ text: String) -> String {
        var w = JSONWriter(capacity: text.utf8.count + 2)
        w.string(text)
        return w.text
    }
}
