import CoachCore
import CoachProtocol
import Logging
import MCP

/// `run_playbook`: asks the person each question through `elicitation/create` and sends each answer to the
/// session through the protocol methods, as the step tools would. The engine decides everything (what comes
/// next, whether an answer fits); this loop only turns prompts into forms and forms into answers.
struct PlaybookRun: Sendable {
    let bridge: ProtocolBridge
    let server: Server
    let client: ClientInfo
    let logger: Logger

    /// How a run ended before the drafts.
    enum Stop: String {
        case declined, cancelled
    }

    func run(_ arguments: [String: Value]) async -> CallTool.Result {
        guard await client.canElicit else {
            return ToolCalls.refusal(
                ProtocolFailure(
                    code: -32601, message: "This client cannot show forms (it did not declare the elicitation capability).",
                    kind: "elicitationUnsupported",
                    hint: "Use the step tools instead: start_session, then ask each question yourself and pass the answer to answer."))
        }
        var reply: Result<TurnResult, ProtocolError>
        if let session = arguments["session"] {
            reply = await bridge.call(Methods.SessionResume.self, arguments: .object([("session", session.json)])).map(\.turn)
        } else if let playbook = arguments["playbook"] {
            var params: [(key: String, value: JSONValue)] = [("playbook", playbook.json)]
            if let account = arguments["account"] { params.append(("account", account.json)) }
            reply = await bridge.call(Methods.SessionStart.self, arguments: .object(params))
        } else {
            return ToolCalls.refusal(
                ProtocolFailure(
                    code: -32602, message: "run_playbook needs a playbook (to start one) or a session (to carry one on).",
                    kind: "invalidParams", hint: "Call list_playbooks for the ids, or list_sessions for saved sessions.",
                    field: "playbook"))
        }
        var preface: [String] = []
        /// Why the form is shown again without a new turn (it came back empty on a required question).
        var emptyForm: StepForm.Refused?
        while true {
            let result: TurnResult
            switch reply {
            case .failure(let error): return ToolCalls.refusal(ProtocolFailure(error))
            case .success(let r): result = r
            }
            guard case .asking(let prompt, let invalid, _, _, _) = result.turn else {
                return ToolCalls.result(Methods.SessionAnswer.self, result)
            }
            let session = result.session
            let step = prompt.step
            if prompt.kind == .info {
                // A coaching note asks nothing: show it above the next question and go on.
                preface.append(prompt.text)
                reply = await bridge.call(Methods.SessionSkip.self, .init(session: session, step: step))
                continue
            }
            let playbook: Playbook
            do {
                playbook = try await bridge.playbook(of: session)
            } catch {
                return ToolCalls.refusal(ProtocolFailure(code: 1002, message: error.message, kind: "unknownSession", hint: nil))
            }
            let form = StepForm(prompt: prompt, playbook: playbook)
            let refused = emptyForm ?? invalid.map { StepForm.Refused(message: $0.message, example: $0.example) }
            emptyForm = nil
            let elicited: CreateElicitation.Result
            do {
                elicited = try await server.requestElicitation(
                    message: form.message(preface: preface, invalid: refused), requestedSchema: form.schema)
            } catch {
                logger.warning("elicitation failed at \(step): \(error)")
                return Self.stopped(result, at: step, because: nil, note: "The form could not be shown (\(error)).")
            }
            preface = []
            switch elicited.action {
            case .accept:
                guard let value = form.answer(from: elicited.content) else {
                    if !prompt.required {
                        reply = await bridge.call(Methods.SessionSkip.self, .init(session: session, step: step))
                    } else {
                        emptyForm = StepForm.Refused(
                            message: "An answer is needed here; decline the form to stop and carry on later.", example: nil)
                    }
                    continue
                }
                reply = await bridge.call(
                    Methods.SessionAnswer.self,
                    arguments: .object([("session", .string(session)), ("step", .string(step.description)), ("value", value)]))
            case .decline where !prompt.required:
                logger.info("\(session): \(step) declined, skipped")
                reply = await bridge.call(Methods.SessionSkip.self, .init(session: session, step: step))
            case .decline:
                return Self.stopped(result, at: step, because: .declined, note: nil)
            case .cancel:
                return Self.stopped(result, at: step, because: .cancelled, note: nil)
            }
        }
    }

    /// The result of a run the person stopped: the turn as saved, with `stopped: {reason, step}`, and how to carry on.
    static func stopped(_ turn: TurnResult, at step: StepKey, because reason: Stop?, note: String?) -> CallTool.Result {
        let session = turn.session
        var members: [(key: String, value: JSONValue)] = []
        if case .object(let m)? = try? JSONReader.read(turn.jsonBytes) { members = m.filter { $0.key != "invalid" } }
        members.append(
            (
                key: "stopped",
                value: .object([
                    (key: "reason", value: .string(reason?.rawValue ?? "failed")), (key: "step", value: .string(step.description)),
                ])
            ))
        let why: String
        switch reason {
        case .declined?: why = "The person declined a required question (\(step))"
        case .cancelled?: why = "The person cancelled at \(step)"
        case nil: why = note ?? "Stopped at \(step)"
        }
        let text = """
            \(why). Everything answered so far is saved in session \(session). Carry on later with run_playbook \
            {"session": "\(session)"}, with session_state and answer, or in the terminal with `coach sessions resume \(session)`.
            """
        return CallTool.Result(
            content: [.plain(text)], structuredContent: Value?.some(Value(json: .object(members))), isError: reason == nil ? true : nil)
    }
}
