import CoachCore
import CoachProtocol
import CoachShell
import CoachTestSupport
import Logging
import MCP
import Testing

@testable import CoachMCP

typealias Value = MCP.Value
typealias Prompt = CoachCore.Prompt

/// The tools over an in-memory session service, called as `tools/call` would call them.
struct ToolCallTests {
    let tools: ToolCalls
    let playbooks: PlaybookCatalog

    init() {
        let catalog = PlaybookFiles.catalog(extraDirectories: [], warnings: { _ in })
        playbooks = catalog
        let service = SessionService.open(
            home: nil, environment: [:], noStore: true, catalog: catalog,
            today: { Clock.today(environment: ["COACH_TODAY": "2026-11-23"]) })
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        tools = ToolCalls(
            bridge: ProtocolBridge(service: service, log: .init(level: .error)), server: Server(name: "t", version: "1"),
            client: ClientInfo(), logger: logger)
    }

    func call(_ name: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
        try await tools.call(CallTool.Parameters(name: name, arguments: arguments))
    }

    /// A stakeholder-reset session at its budget question.
    func atBudget() async throws -> String {
        let start = try await call("start_session", ["playbook": "stakeholder-reset"])
        let session = start.structuredContent?.objectValue?["session"]?.stringValue ?? ""
        var turn = try await call("skip", ["session": .string(session), "step": "intro"])
        let answers: [(String, Value)] = [
            ("client", "Acme"), ("contact_name", "Zoë Müller"), ("greeting_name", "Zoë"),
            ("contact_email", "zoe@acme.example"), ("project", "Atlas"), ("original_scope", "two depots"),
        ]
        for (step, value) in answers {
            turn = try await call("answer", ["session": .string(session), "step": .string(step), "value": value])
            #expect(turn.isError != true, "\(step): \(turn.content)")
        }
        return session
    }

    @Test func anAcceptedAnswerReturnsTheNextPromptWithItsText() async throws {
        let session = try await atBudget()
        let state = try await call("session_state", ["session": .string(session)])
        let prompt = state.structuredContent?.objectValue?["prompt"]?.objectValue
        #expect(prompt?["step"]?.stringValue == "budget")
        guard case .text(let text, _, _)? = state.content.first else { Issue.record("no text"); return }
        #expect(text.contains("Ask: What was the original budget?"))
        #expect(text.contains(#"answer {"session": "\#(session)", "step": "budget""#))
    }

    @Test func anAnswerThatDoesNotFitIsAnErrorResultWithTheReason() async throws {
        let session = try await atBudget()
        let r = try await call("answer", ["session": .string(session), "step": "budget", "value": "plenty"])
        #expect(r.isError == true)
        let turn = r.structuredContent?.objectValue
        #expect(turn?["invalid"]?.objectValue?["message"]?.stringValue?.contains("not an amount") == true)
        #expect(turn?["prompt"]?.objectValue?["step"]?.stringValue == "budget")
    }

    @Test func aStaleAnswerIsRefusedAndChangesNothing() async throws {
        let session = try await atBudget()
        let r = try await call("answer", ["session": .string(session), "step": "client", "value": "Other"])
        #expect(r.isError == true)
        let error = r.structuredContent?.objectValue?["error"]?.objectValue
        #expect(error?["kind"]?.stringValue == "staleStep")
        #expect(error?["current"]?.stringValue == "budget")
        let state = try await call("session_state", ["session": .string(session)])
        let answers = state.structuredContent?.objectValue?["answers"]?.arrayValue ?? []
        #expect(answers.first?.objectValue?["answer"]?.stringValue == "Acme")
    }

    @Test func badArgumentsAreErrorResultsAndUnknownToolsAreErrors() async throws {
        let big = String(repeating: "x", count: 2 * 1_048_576)
        let session = try await atBudget()
        let tooBig = try await call("answer", ["session": .string(session), "step": "budget", "value": .string(big)])
        #expect(tooBig.isError == true)
        let mistyped = try await call("start_session", ["playbook": 7])
        #expect(mistyped.isError == true)
        let unknownArgument = try await call("back", ["session": .string(session), "steps": 2])
        #expect(unknownArgument.isError == true)
        await #expect(throws: MCPError.self) { try await call("no_such_tool", [:]) }
    }

    /// Faults of `result`'s structured content against the output schema of tool `name` (what the Python SDK checks).
    func faults(_ result: CallTool.Result, tool name: String) throws -> [String] {
        let tool = try #require(CoachTool.named(name))
        let validator = SchemaValidator(tool.outputSchema.json)
        let content = try #require(result.structuredContent, "\(name) gave no structured content").json
        return validator.errors(content) + validator.undocumented(content)
    }

    @Test func everyToolResultFitsTheToolsOutputSchema() async throws {
        let session = try await atBudget()
        let fresh = try await call("start_session", ["playbook": "stakeholder-reset"])
        let other = try #require(fresh.structuredContent?.objectValue?["session"])
        let calls: [(String, [String: Value])] = [
            ("list_playbooks", [:]), ("show_playbook", ["playbook": "stakeholder-reset"]),
            ("start_session", ["playbook": "post-escalation-recovery", "account": "Acme", "prefill": ["client": "Acme"]]),
            ("answer", ["session": .string(session), "step": "budget", "value": 120_000]),
            ("skip", ["session": other, "step": "intro"]), ("back", ["session": .string(session)]),
            ("goto", ["session": .string(session), "step": "client"]), ("preview", ["session": .string(session)]),
            ("session_state", ["session": .string(session)]), ("list_sessions", [:]),
            ("export", ["session": .string(session), "format": "markdown"]),
            ("review_draft", ["text": "Subject: Sorry\n\nHi Zoë,\n\nWe will try to fix it asap.\n\nSam"]),
        ]
        #expect(Set(calls.map(\.0)) == Set(CoachTool.all.filter { $0.method != nil }.map(\.name)), "a step tool has no call here")
        for (name, arguments) in calls {
            let result = try await call(name, arguments)
            let text = result.content.first.map { "\($0)" } ?? ""
            #expect(result.isError != true, "\(name): \(text)")
            let faults = try faults(result, tool: name)
            #expect(faults.isEmpty, "\(name):\n\(faults.joined(separator: "\n"))")
        }
        // run_playbook's results: a stopped run keeps the turn and says why.
        let turn = try await tools.bridge.call(Methods.SessionState.self, .init(session: session)).get().turn
        for reason in [PlaybookRun.Stop.declined, .cancelled] {
            let stopped = PlaybookRun.stopped(turn, at: StepKey("client"), because: reason, note: nil)
            #expect(stopped.structuredContent?.objectValue?["stopped"]?.objectValue?["reason"]?.stringValue == reason.rawValue)
            #expect(try faults(stopped, tool: "run_playbook").isEmpty)
        }
        let finished = ToolCalls.result(Methods.SessionAnswer.self, turn)
        #expect(try faults(finished, tool: "run_playbook").isEmpty)
    }

    @Test func runPlaybookWithoutFormsSaysToUseTheStepTools() async throws {
        let r = try await call("run_playbook", ["playbook": "stakeholder-reset"])
        #expect(r.isError == true)
        guard case .text(let text, _, _)? = r.content.first else { Issue.record("no text"); return }
        #expect(text.contains("start_session"))
    }

    @Test(arguments: [
        ("budget", InputKind.money, "number", nil as String?),
        ("scope_change", .yesno, "boolean", nil),
        ("contact_email", .email, "string", "email"),
        ("call_day_1", .date, "string", "date"),
        ("milestones_done", .list, "string", nil),
    ])
    func formsFitTheStepKind(step: String, kind: InputKind, type: String, format: String?) throws {
        let playbook = try #require(playbooks.playbook("stakeholder-reset"))
        var prompt = Prompt.named(StepKey(step), kind: kind)
        prompt.required = playbook.step(step)?.required ?? true
        let form = StepForm(prompt: prompt, playbook: playbook)
        let schema = form.schema
        #expect(Array(schema.properties.keys) == ["answer"])
        let field = try #require(schema.properties["answer"]?.objectValue)
        #expect(field["type"]?.stringValue == type)
        #expect(field["format"]?.stringValue == format)
        #expect((schema.required ?? []).contains("answer") == prompt.required)
        if kind == .list { #expect(field["description"]?.stringValue?.contains("One item per line") == true) }
    }

    @Test func anEmptyFormIsNoAnswer() throws {
        let playbook = try #require(playbooks.playbook("stakeholder-reset"))
        let form = StepForm(prompt: Prompt.named(StepKey("client"), kind: .text), playbook: playbook)
        #expect(form.answer(from: ["answer": "  "]) == nil)
        #expect(form.answer(from: nil) == nil)
        #expect(form.answer(from: ["answer": true]) == .bool(true))
    }
}
