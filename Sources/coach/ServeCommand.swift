import ArgumentParser
import CoachCore
import CoachProtocol
import CoachShell
import CoachStore
import Foundation

/// `coach serve`: the JSON-RPC protocol on stdin/stdout for bots and editors.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the playbooks over JSON-RPC 2.0, one JSON message per line on stdin/stdout.",
        discussion: "The protocol is described in docs/protocol.md; --schema prints a JSON Schema of every message.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print the JSON Schema (2020-12) of every request, result and error, then exit.")
    var schema = false

    @Option(name: .long, help: ArgumentHelp("How much to log on stderr: error, warn, info or debug.", valueName: "level"))
    var logLevel = "warn"

    func validate() throws {
        guard ServeLog.Level(name: logLevel) != nil else {
            throw ValidationError("--log-level must be error, warn, info or debug, not '\(logLevel)'")
        }
    }

    func run() throws {
        if schema {
            print(ProtocolServer.schema, terminator: ProtocolServer.schema.hasSuffix("\n") ? "" : "\n")
            return
        }
        let log = ServeLog(level: ServeLog.Level(name: logLevel) ?? .warn)
        let catalog = PlaybookFiles.catalog(
            extraDirectories: PlaybookFiles.userDirectories(option: global.playbooks, environment: global.environment),
            warnings: { log.log(.warn, $0.hasPrefix("warning: ") ? String($0.dropFirst(9)) : $0) })
        let service = try global.sessionService(catalog: catalog)
        if let reason = service.memoryReason { log.log(service.storeProblem == nil ? .info : .warn, reason) }
        if isatty(0) == 1 {
            // A person started this by hand: say what it expects, since it prints nothing until a request comes.
            FileHandle.standardError.write(
                Data(
                    ("coach serve speaks JSON-RPC 2.0 on stdin/stdout, one JSON message per line "
                        + "(docs/protocol.md); press Ctrl-D to stop.\n").utf8))
        }
        var server = ProtocolServer(service: service, log: log)
        let status = StdioServer.run(&server, log: log)
        Foundation.exit(status)
    }
}
