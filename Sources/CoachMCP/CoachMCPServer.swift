import CoachCore
import CoachProtocol
import CoachShell
import Dispatch
import Logging
import MCP
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `coach mcp`: Coach's playbooks as a Model Context Protocol server over stdio.
///
/// stdout carries MCP messages only (the SDK's stdio transport writes them); every log line goes to stderr.
public enum CoachMCPServer {
    /// How much to log on stderr, by the names `--log-level` takes.
    public static let logLevels: [String: Logger.Level] = [
        "error": .error, "warn": .warning, "info": .info, "debug": .debug,
    ]

    /// What the server tells the assistant about itself in `initialize`.
    static let instructions = """
        Coach walks a National Account Manager through a playbook (a reset email to an upset client, a recovery \
        plan after an escalation, a margin talk) and writes the drafts. Find a playbook with list_playbooks or the \
        prompts, start_session, then ask the person each question in your own words and pass their answer to \
        answer with the step id. Every accepted answer is saved at once; a session carries on later with \
        session_state, here or in the `coach` terminal. With a client that supports forms, run_playbook asks the \
        person directly.
        """

    /// Serves MCP on stdin/stdout with the sessions of `service` until stdin ends; returns the exit status.
    public static func serve(service: sending SessionService, logLevel: Logger.Level) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        var logger = Logger(label: "coach.mcp", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = logLevel
        let bridge = ProtocolBridge(service: service, log: ServeLog(level: .error))
        let done = DispatchSemaphore(value: 0)
        let status = StatusBox()
        let log = logger
        Task {
            do {
                try await run(bridge: bridge, logger: log)
            } catch {
                log.error("stopped: \(error)")
                await status.set(1)
            }
            done.signal()
        }
        done.wait()
        return status.value
    }

    static func run(bridge: ProtocolBridge, logger: Logger) async throws {
        let server = Server(
            name: "coach", version: CoachVersion.current, title: "Coach", instructions: instructions,
            capabilities: .init(
                prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                tools: .init(listChanged: false)))
        let calls = InFlight()
        let client = ClientInfo()
        let tools = ToolCalls(bridge: bridge, server: server, client: client, logger: logger)

        await server.withMethodHandler(ListTools.self) { _ in
            .init(tools: CoachTool.all.map(\.definition))
        }
        await server.withMethodHandler(CallTool.self) { params in
            await calls.begin()
            defer { Task { await calls.end() } }
            return try await tools.call(params)
        }

        let prompts = PlaybookPrompts(bridge: bridge)
        await server.withMethodHandler(ListPrompts.self) { _ in
            .init(prompts: await prompts.list())
        }
        await server.withMethodHandler(GetPrompt.self) { params in
            try await prompts.get(params.name, arguments: params.arguments)
        }
        let resources = SessionResources(bridge: bridge)
        await server.withMethodHandler(ListResources.self) { _ in
            await calls.begin()
            defer { Task { await calls.end() } }
            return .init(resources: await resources.list(), nextCursor: nil)
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            .init(templates: SessionResources.templates)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            await calls.begin()
            defer { Task { await calls.end() } }
            return try await resources.read(params.uri)
        }

        let transport = LineTransport(logger: logger)
        try await server.start(transport: transport) { info, capabilities in
            logger.info("initialized by \(info.name) \(info.version)")
            await client.set(capabilities)
        }
        let durable = await bridge.isDurable
        logger.info("serving MCP on stdin/stdout (sessions \(durable ? "in the store" : "in memory"))")
        await server.waitUntilCompleted()
        // Input ended: let the calls still running write their results before the process exits.
        await calls.drain()
        try? await Task.sleep(for: .milliseconds(50))
        await server.stop()
        logger.info("input ended; stopped")
    }
}

/// The exit status, set from the serving task.
final class StatusBox: Sendable {
    private let stored = Mutex<Int32>(0)
    var value: Int32 { stored.withLock { $0 } }
    func set(_ v: Int32) async { stored.withLock { $0 = v } }
}

/// The calls being handled, so that the server does not exit in the middle of one when its input ends.
actor InFlight {
    private var count = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func begin() { count += 1 }

    func end() {
        count -= 1
        if count == 0 {
            for w in waiters { w.resume() }
            waiters = []
        }
    }

    /// Returns once no call is running.
    func drain() async {
        if count == 0 { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// What the client said it can do, from `initialize`.
actor ClientInfo {
    private(set) var capabilities: Client.Capabilities?

    func set(_ capabilities: Client.Capabilities) { self.capabilities = capabilities }

    /// Whether the client can show forms (`elicitation/create`).
    var canElicit: Bool { capabilities?.elicitation != nil }
}
