import ArgumentParser
import CoachCore

/// `coach graph <id>`: a picture of a playbook's flow.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a playbook's flow (steps, branches, repeated groups, outputs) as Mermaid or Graphviz DOT.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The playbook id (see `coach list`).")
    var playbook: String

    @Option(name: .long, help: "mermaid (renders on GitHub) or dot (render with `dot -Tsvg`).")
    var format: Format = .mermaid

    /// The drawing formats on the command line.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot
    }

    func run() throws {
        let p = try global.playbook(playbook, in: global.catalog())
        print(PlaybookGraph.draw(p, format: format == .dot ? .dot : .mermaid), terminator: "")
    }
}
