import CoachCore
import CoachProtocol
import Logging
import MCP

/// Handles `tools/call`: a step tool becomes one protocol call; `run_playbook` asks the person through forms.
struct ToolCalls: Sendable {
    let bridge: ProtocolBridge
    let server: Server
    let client: ClientInfo
    let logger: Logger

    /// The most bytes a call's arguments may take as JSON: the longest line `coach serve` reads.
    static let maxArgumentBytes = ProtocolServer.maxLineBytes

    /// The result of tool call `params`; an unknown tool is an MCP error, everything else a tool result.
    func call(_ params: CallTool.Parameters) async throws -> CallTool.Result {
        guard let tool = CoachTool.named(params.name) else {
            throw MCPError.invalidParams("Unknown tool '\(params.name)'; tools/list gives the tools Coach has.")
        }
        let arguments = params.arguments ?? [:]
        let json = Value.object(arguments).json
        let size = json.encodedSize
        if size > Self.maxArgumentBytes {
            logger.warning("\(tool.name): refused \(size) bytes of arguments")
            return Self.refusal(
                ProtocolFailure(
                    code: -32602,
                    message: "The arguments are \(size) bytes, more than the \(Self.maxArgumentBytes) a call may carry.",
                    kind: "invalidParams", hint: "Send a shorter answer; nothing was changed."))
        }
        let known = Set(tool.arguments.map(\.name))
        if let unknown = arguments.keys.sorted().first(where: { !known.contains($0) }) {
            let names = tool.arguments.map(\.name).joined(separator: ", ")
            return Self.refusal(
                ProtocolFailure(
                    code: -32602, message: "\(tool.name) has no argument '\(unknown)'.", kind: "invalidParams",
                    hint: names.isEmpty ? "Call it with no arguments." : "Its arguments are: \(names).", field: unknown))
        }
        guard let method = tool.method else {
            return await PlaybookRun(bridge: bridge, server: server, client: client, logger: logger).run(arguments)
        }
        return await call(method, tool: tool.name, arguments: json)
    }

    /// Calls method `M` with the tool's arguments as its params.
    private func call<M: ProtocolMethod>(_ method: M.Type, tool: String, arguments: JSONValue) async -> CallTool.Result {
        switch await bridge.call(M.self, arguments: arguments) {
        case .success(let result):
            logger.debug("\(tool) -> \(M.name): ok")
            return Self.result(M.self, result)
        case .failure(let error):
            logger.info("\(tool) -> \(M.name): \(error.message)")
            return Self.refusal(ProtocolFailure(error))
        }
    }

    /// A tool result for the result of method `M`: its text rendering and the result itself as structured content
    /// (the JSON `coach serve` answers). An answer that was not accepted (the turn carries `invalid`) is an error
    /// result with the reason.
    static func result<M: ProtocolMethod>(_ method: M.Type, _ result: M.Result) -> CallTool.Result {
        let json = (try? JSONReader.read(result.jsonBytes)) ?? .object([])
        let invalid = (result as? TurnResult)?.turn.invalid != nil
        return CallTool.Result(
            content: [.plain(ResultText.text(method: M.name, result: json))], structuredContent: Value?.some(Value(json: json)),
            isError: invalid ? true : nil)
    }

    /// An error tool result for a refused call: the reason and what to do, in words and as `{error: {...}}`.
    static func refusal(_ failure: ProtocolFailure) -> CallTool.Result {
        let hint = MCPHints.hint(for: failure)
        var error: [String: Value] = [
            "code": .int(failure.code), "message": .string(failure.message), "kind": .string(failure.kind),
        ]
        if let hint { error["hint"] = .string(hint) }
        if let current = failure.current { error["current"] = .string(current) }
        if let field = failure.field { error["field"] = .string(field) }
        let text = failure.message + (hint.map { " " + $0 } ?? "")
        return CallTool.Result(content: [.plain(text)], structuredContent: Value?.some(.object(["error": .object(error)])), isError: true)
    }
}

/// What to do next after a refusal, in the tools' own words (the protocol's hints name its methods).
enum MCPHints {
    static func hint(for failure: ProtocolFailure) -> String? {
        switch failure.kind {
        case "unknownPlaybook": return "Call list_playbooks for the playbook ids."
        case "unknownSession": return "Call list_sessions for the saved sessions, or start_session to begin one."
        case "staleStep":
            return "Answer the step being asked"
                + (failure.current.map { " (\($0))" } ?? "") + "; session_state shows it."
        case "notOptional": return "Answer this step; only optional steps (required: false) can be skipped."
        case "nothingBefore": return "This is the first step; answer it."
        case "unknownStep": return "Name a step id from an earlier prompt; session_state lists the answered steps."
        case "notReached": return "Answer the current step first; goto only goes back to steps already reached."
        case "closed": return "Nothing is being asked: start a new session, or goto a step of a finished one to change it."
        case "invalidParams" where failure.hint?.contains("coach serve") ?? true:
            // The protocol's own hint points at `coach serve --schema`; here the schemas come with tools/list.
            return "Fix the argument" + (failure.field.map { " '\($0)'" } ?? "") + "; tools/list gives each tool's input schema."
        default: return failure.hint
        }
    }
}

extension JSONValue {
    /// How many bytes this value takes as JSON.
    var encodedSize: Int {
        var w = JSONWriter(capacity: 256)
        w.value(self)
        return w.bytes.count
    }
}
