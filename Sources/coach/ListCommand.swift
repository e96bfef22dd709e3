import ArgumentParser
import CoachCore

/// `coach list`: the playbooks, one line each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the playbooks, one line each.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Show where each playbook comes from.")
    var paths = false

    func run() throws {
        let catalog = global.catalog()
        let width = catalog.ids.map(\.count).max() ?? 10
        for p in catalog.summaries {
            let id = p.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let minutes = p.minutes.map { "~\($0) min" } ?? ""
            var origin = p.origin == "shipped" ? "" : "  [\(p.origin)]"
            if p.overrides != nil { origin += " (replaces the shipped one)" }
            if paths { origin = "  \(p.path)" }
            print("\(id)  \(p.summary)  \(minutes)\(origin)")
        }
        if catalog.summaries.isEmpty {
            throw CoachFailure("No playbooks found. Add a folder with --playbooks DIR or COACH_PLAYBOOKS.")
        }
    }
}
