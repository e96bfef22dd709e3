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
        var reply: ProtocolBridge.Reply
        if let session = arguments["session"] {
            reply = await bridge.call("session/resume", [("session", session.json)])
        } else if let playbook = arguments["playbook"] {
            var params: [(key: String, value: JSONValue)] = [("playbook", playbook.json)]
            if let account = arguments["account"] { params.append(("account", account.json)) }
            reply = await bridge.call("session/start", params)
        } else {
            return ToolCalls.refusal(
                ProtocolFailure(
                    code: -32602, message: "run_playbook needs a playbook (to start one) or a session (to carry one on).",
                    kind: "invalidParams", hint: "Call list_playbooks for the ids, or list_sessions for saved sessions.",
                    field: "playbook"))
        }
        var preface: [String] = []
        while true {
            guard case .result(let turn) = reply else {
                if case .error(let failure) = reply { return ToolCalls.refusal(failure) }
                break
            }
            guard turn["status"]?.stringValue == "asking", let session = turn["session"]?.stringValue,
                let step = turn["prompt"]?["step"]?.stringValue
            else {
                return ToolCalls.result(method: "session/answer", turn)
            }
            if turn["prompt"]?["kind"]?.stringValue == "info" {
                // A coaching note asks nothing: show it above the next question and go on.
                if let text = turn["prompt"]?["text"]?.stringValue { preface.append(text) }
                reply = await bridge.call("session/skip", [("session", .string(session)), ("step", .string(step))])
                continue
            }
            let engine: (turn: Turn, playbook: Playbook)
            do {
                engine = try await bridge.turn(session)
            } catch {
                return ToolCalls.refusal(ProtocolFailure(code: 1002, message: error.message, kind: "unknownSession", hint: nil))
            }
            guard let prompt = engine.turn.prompt else { return ToolCalls.result(method: "session/answer", turn) }
            let form = StepForm(prompt: prompt, playbook: engine.playbook)
            let invalid = Self.invalid(turn)
            let elicited: CreateElicitation.Result
            do {
                elicited = try await server.requestElicitation(
                    message: form.message(preface: preface, invalid: invalid), requestedSchema: form.schema)
            } catch {
                logger.warning("elicitation failed at \(step): \(error)")
                return Self.stopped(turn, at: step, because: nil, note: "The form could not be shown (\(error)).")
            }
            preface = []
            switch elicited.action {
            case .accept:
                guard let value = form.answer(from: elicited.content) else {
                    if !prompt.required {
                        reply = await bridge.call("session/skip", [("session", .string(session)), ("step", .string(step))])
                    } else {
                        reply = .result(Self.withInvalid(turn, "An answer is needed here; decline the form to stop and carry on later."))
                    }
                    continue
                }
                reply = await bridge.call(
                    "session/answer", [("session", .string(session)), ("step", .string(step)), ("value", value)])
            case .decline where !prompt.required:
                logger.info("\(session): \(step) declined, skipped")
                reply = await bridge.call("session/skip", [("session", .string(session)), ("step", .string(step))])
            case .decline:
                return Self.stopped(turn, at: step, because: .declined, note: nil)
            case .cancel:
                return Self.stopped(turn, at: step, because: .cancelled, note: nil)
            }
        }
        return ToolCalls.refusal(ProtocolFailure(code: -32603, message: "The run stopped unexpectedly.", kind: "internalError", hint: nil))
    }

    /// The `invalid` member of a turn: why the last answer was not accepted, and an example when there is one.
    static func invalid(_ turn: JSONValue) -> StepForm.Refused? {
        guard let i = turn["invalid"], let message = i["message"]?.stringValue else { return nil }
        return StepForm.Refused(message: message, example: i["example"]?.stringValue)
    }

    /// `turn` with an `invalid` saying `message` (a form sent back empty), for the loop to ask again.
    static func withInvalid(_ turn: JSONValue, _ message: String) -> JSONValue {
        guard case .object(var members) = turn else { return turn }
        members.removeAll { $0.key == "invalid" }
        members.append(
            (key: "invalid", value: .object([(key: "message", value: .string(message)), (key: "attempt", value: .number("1"))])))
        return .object(members)
    }

    /// The result of a run the person stopped: the turn as saved, with `stopped: {reason, step}`, and how to carry on.
    static func stopped(_ turn: JSONValue, at step: String, because reason: Stop?, note: String?) -> CallTool.Result {
        let session = turn["session"]?.stringValue ?? "?"
        var members: [(key: String, value: JSONValue)] = []
        if case .object(let m) = turn { members = m.filter { $0.key != "invalid" } }
        members.append(
            (
                key: "stopped",
                value: .object([(key: "reason", value: .string(reason?.rawValue ?? "failed")), (key: "step", value: .string(step))])
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
