import CoachCore
import CoachProtocol
import CoachShell
import MCP

/// One MCP tool: its name, description and input schema, and the `coach serve` method it calls.
///
/// A step tool is a thin mapping: its arguments become the method's params as they are (the method checks them
/// and names the field at fault), and its structured output is the method's result, the same JSON a bot reads
/// from `coach serve`.
struct CoachTool: Sendable {
    /// The tool name (`start_session`).
    let name: String
    /// A short human title.
    let title: String
    /// What it does and when to use it, for the assistant.
    let description: String
    /// The argument names the method reads, with the schema of each.
    let arguments: [(name: String, schema: Value)]
    /// The arguments that must be given.
    let required: [String]
    /// The protocol method it calls; nil for `run_playbook`, which asks the person through forms.
    let method: (any ProtocolMethod.Type)?
    /// Whether it only reads (changes no session).
    let readOnly: Bool

    /// The JSON Schema of the arguments.
    var inputSchema: Value {
        var properties: [String: Value] = [:]
        for (name, schema) in arguments { properties[name] = schema }
        return .object([
            "type": "object",
            "properties": .object(properties),
            "required": .array(required.map { .string($0) }),
            "additionalProperties": false,
        ])
    }

    /// The JSON Schema of the structured output: the method's result as the protocol's schema file describes it
    /// (what `coach serve` answers), or for `run_playbook` the turn it ends on and why it stopped.
    var outputSchema: Value {
        guard let method else { return Self.runSchema }
        return Value(json: ProtocolServer.resultSchema(of: method))
    }

    /// The tool as `tools/list` shows it.
    var definition: Tool {
        Tool(
            name: name, title: title, description: description, inputSchema: inputSchema,
            annotations: .init(
                title: title, readOnlyHint: readOnly, destructiveHint: false, idempotentHint: readOnly, openWorldHint: false),
            outputSchema: outputSchema)
    }
}

extension CoachTool {
    /// Every tool, in the order `tools/list` gives them.
    static let all: [CoachTool] = [
        CoachTool(
            name: "list_playbooks", title: "List playbooks",
            description: "Lists Coach's playbooks: id, title, one-line summary, when to use it, how many questions.",
            arguments: [], required: [], method: Methods.PlaybooksList.self, readOnly: true),
        CoachTool(
            name: "show_playbook", title: "Show a playbook",
            description:
                "Shows one playbook in full: every step with its question, kind, help, choices and examples, and the drafts it writes.",
            arguments: [("playbook", .string(description: "A playbook id from list_playbooks, such as stakeholder-reset."))],
            required: ["playbook"], method: Methods.PlaybooksGet.self, readOnly: true),
        CoachTool(
            name: "start_session", title: "Start a session",
            description: """
                Starts a playbook and returns its first question. Ask the person that question in your own words \
                (the result carries its help, why it matters, examples and choices), then pass their answer to \
                `answer` with the session id and the step id. Every accepted answer is saved at once.
                """,
            arguments: [
                ("playbook", .string(description: "A playbook id from list_playbooks.")),
                ("account", .string(description: "The client account this is for; remembered facts about it become defaults.")),
                (
                    "prefill",
                    .object([
                        "type": "object",
                        "description": "Answers to offer as defaults, by step id.",
                        "additionalProperties": answerSchema,
                    ])
                ),
            ],
            required: ["playbook"], method: Methods.SessionStart.self, readOnly: false),
        CoachTool(
            name: "answer", title: "Answer the current question",
            description: """
                Answers the step being asked. `step` must be the step id of the current prompt: an answer for any \
                other step is refused and changes nothing. An answer that does not fit (a bad date, a choice that \
                does not exist) is refused with the reason: ask the person again. Yes/no steps take true or false, \
                multiple choice and list steps take an array of strings.
                """,
            arguments: [
                ("session", sessionSchema), ("step", .string(description: "The step id of the current prompt.")),
                ("value", answerSchema),
            ],
            required: ["session", "step", "value"], method: Methods.SessionAnswer.self, readOnly: false),
        CoachTool(
            name: "skip", title: "Skip an optional question",
            description: "Skips the current step when it is optional (required: false); a required step is refused.",
            arguments: [("session", sessionSchema), ("step", .string(description: "The step id of the current prompt."))],
            required: ["session", "step"], method: Methods.SessionSkip.self, readOnly: false),
        CoachTool(
            name: "back", title: "Go back one question",
            description: "Goes back to the previous question so its answer can be changed; later answers are kept.",
            arguments: [("session", sessionSchema)], required: ["session"], method: Methods.SessionBack.self, readOnly: false),
        CoachTool(
            name: "goto", title: "Go to an earlier question",
            description: "Goes to an earlier step (by id) to change its answer; only steps already reached can be chosen.",
            arguments: [("session", sessionSchema), ("step", .string(description: "The id of an earlier step."))],
            required: ["session", "step"], method: Methods.SessionGoto.self, readOnly: false),
        CoachTool(
            name: "preview", title: "Preview the drafts",
            description: "Shows the drafts as they stand, with [missing: id] where an answer is still to come. Changes nothing.",
            arguments: [("session", sessionSchema)], required: ["session"], method: Methods.SessionPreview.self, readOnly: true),
        CoachTool(
            name: "session_state", title: "Where a session stands",
            description: """
                Reads a session afresh from the store (it may have moved on in `coach` or `coach serve`): its current \
                question, the answers so far, and the drafts once it is finished. Use it to carry on a saved session.
                """,
            arguments: [("session", sessionSchema)], required: ["session"], method: Methods.SessionResume.self, readOnly: true),
        CoachTool(
            name: "list_sessions", title: "List sessions",
            description: "Lists saved sessions, most recent first: id, playbook, title, account, status, current step, progress.",
            arguments: [], required: [], method: Methods.SessionList.self, readOnly: true),
        CoachTool(
            name: "export", title: "Export a session",
            description: """
                Exports a session as files: markdown or text (answers and drafts), eml (one ready-to-send email \
                file per email draft), ics (a calendar of a dated plan), transcript (the conversation), jsonl (the \
                journal).
                """,
            arguments: [
                ("session", sessionSchema),
                (
                    "format",
                    .object([
                        "type": "string", "enum": .array(ExportFormat.allCases.map { .string($0.rawValue) }),
                        "description": "The export format.",
                    ])
                ),
            ],
            required: ["session", "format"], method: Methods.SessionExport.self, readOnly: true),
        CoachTool(
            name: "review_draft", title: "Review a draft email",
            description: """
                Reviews a draft email as a senior account manager would: vague promises, blame, missing dates or \
                owners, length. Start with a `Subject:` line for an email. Returns findings with line, severity, \
                rule, message and a suggestion.
                """,
            arguments: [("text", .string(description: "The draft, Subject: line first for an email."))],
            required: ["text"], method: Methods.DraftReview.self, readOnly: true),
        CoachTool(
            name: "run_playbook", title: "Run a playbook with the person",
            description: """
                Runs a playbook by asking the person each question directly through forms (elicitation), then returns \
                the drafts. Declining an optional question skips it; declining a required one or cancelling stops \
                with everything saved (call again with `session` to carry on). Needs a client that supports \
                elicitation; otherwise use start_session and answer.
                """,
            arguments: [
                ("playbook", .string(description: "A playbook id from list_playbooks (to start a new session).")),
                ("account", .string(description: "The client account this is for.")),
                ("session", .string(description: "A saved session id, to carry on where it stopped instead of starting one.")),
            ],
            required: [], method: nil, readOnly: false),
    ]

    /// The tool named `name`.
    static func named(_ name: String) -> CoachTool? {
        all.first { $0.name == name }
    }

    /// What `run_playbook` ends on: a turn (the drafts, or the question it stopped at), with `stopped` when the
    /// person declined or cancelled.
    static let runSchema: Value = {
        let stopped: JSONValue = .object([
            ("type", .string("object")),
            ("description", .string("Why the run stopped before the drafts, and at which step; everything answered is saved.")),
            (
                "properties",
                .object([
                    ("reason", .object([("enum", .array([.string("declined"), .string("cancelled"), .string("failed")]))])),
                    ("step", .object([("type", .string("string"))])),
                ])
            ),
            ("required", .array([.string("reason"), .string("step")])),
        ])
        return Value(json: ProtocolServer.resultSchema(of: Methods.SessionAnswer.self, adding: [("stopped", stopped)]))
    }()

    static let sessionSchema = Value.string(description: "A session id such as s-7k3m9q (an unambiguous prefix is enough).")

    /// What an answer can be: text, a number, true/false for yes/no, or a list of strings.
    static let answerSchema: Value = .object([
        "description": "The answer: text, a number, true/false for yes/no steps, or an array of strings for lists and multiple choice.",
        "anyOf": [
            ["type": "string"], ["type": "number"], ["type": "boolean"], ["type": "array", "items": ["type": "string"]],
        ],
    ])
}

extension Value {
    /// A string schema with a description.
    static func string(description: String) -> Value {
        .object(["type": "string", "description": .string(description)])
    }
}
