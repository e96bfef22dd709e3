import ArgumentParser
import CoachMCP
import CoachShell
import Foundation

/// `coach mcp`: the playbooks as a Model Context Protocol server on stdin/stdout for AI assistants.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the playbooks to AI assistants as a Model Context Protocol server on stdin/stdout.",
        discussion: """
            Tools run sessions step by step (or through forms with run_playbook), each playbook is a prompt, and \
            finished drafts and transcripts are resources. Described in docs/mcp.md.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("How much to log on stderr: error, warn, info or debug.", valueName: "level"))
    var logLevel = "warn"

    func validate() throws {
        guard CoachMCPServer.logLevels[logLevel] != nil else {
            throw ValidationError("--log-level must be error, warn, info or debug, not '\(logLevel)'")
        }
    }

    func run() throws {
        let level = CoachMCPServer.logLevels[logLevel] ?? .warning
        let catalog = PlaybookFiles.catalog(
            extraDirectories: PlaybookFiles.userDirectories(option: global.playbooks, environment: global.environment),
            warnings: { Stderr.print("coach mcp: \($0)") })
        let service = try global.sessionService(catalog: catalog)
        if let reason = service.memoryReason, service.storeProblem != nil { Stderr.print("coach mcp: warning: \(reason)") }
        Foundation.exit(CoachMCPServer.serve(service: service, logLevel: level))
    }
}
