import Foundation
import Testing

@testable import CoachCore

@Suite("Flow pictures")
struct GraphTests {
    @Test("mermaid shows steps, labelled branches, the repeated group and the outputs")
    func mermaid() throws {
        let text = PlaybookGraph.draw(try Fixtures.example(), format: .mermaid)
        #expect(text.hasPrefix("flowchart TD\n"))
        #expect(text.contains("s_health -->|\"health == #quot;good#quot;\"| s_start"))
        #expect(text.contains("s_health -->|\"otherwise\"| s_issues__issue"))
        #expect(text.contains("subgraph g_issues[\"issues: repeated for each issue\"]"))
        #expect(text.contains("s_issues__owner -->|\"another issue\"| s_issues__issue"))
        #expect(text.contains("s_issues__severity -->|\"if severity #gt;= 3\"| s_issues__owner"))
        #expect(text.contains("finish --> o_email"))
        #expect(text.contains("o_plan_note[/\"plan: Follow-up plan\"/]"))
        // `end` is a Mermaid keyword and must never be a node id.
        #expect(!text.contains(" end -->") && !text.contains("--> end\n"))
    }

    @Test("dot draws the same graph with clusters for groups")
    func dot() throws {
        let text = PlaybookGraph.draw(try Fixtures.example(), format: .dot)
        #expect(text.hasPrefix("digraph \"account-checkup\" {"))
        #expect(text.contains("subgraph cluster_issues {"))
        #expect(text.contains("s_health -> s_start [label=\"health == \\\"good\\\"\"];"))
        #expect(text.contains("s_satisfaction -> finish;"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test("conditional steps get an edge for each case", arguments: [PlaybookGraph.Format.mermaid, .dot])
    func whenEdges(format: PlaybookGraph.Format) throws {
        let p = try Fixtures.playbook(
            """
            id: when-edges
            title: When
            summary: A step asked only sometimes.
            version: 1
            steps:
              - id: change
                type: yesno
                ask: Change?
              - id: details
                ask: What changes?
                when: change
              - id: done
                ask: Done?
            outputs:
              - id: o
                body: "{{details}}{{done}}"
            """)
        let text = PlaybookGraph.draw(p, format: format)
        #expect(text.contains("s_change -->|\"change\"| s_details") || text.contains("s_change -> s_details [label=\"change\"]"))
        #expect(text.contains("not (change)"))
    }
}

@Suite("Flow pictures in the docs")
struct FlowDocsTests {
    @Test("docs/flows.md holds the current picture of every shipped playbook (regenerate: docs/flows/render.sh)")
    func docsInSync() throws {
        let doc = try String(contentsOf: Fixtures.repository.appendingPathComponent("docs/flows.md"), encoding: .utf8)
        let shipped = try Fixtures.files(in: Fixtures.repository.appendingPathComponent("playbooks"))
        #expect(shipped.count >= 8)
        for url in shipped {
            let playbook = try Fixtures.load(url)
            #expect(doc.contains("## \(playbook.id)\n"))
            #expect(doc.contains("```mermaid\n" + PlaybookGraph.draw(playbook, format: .mermaid) + "```"), "\(playbook.id) is out of date")
            let svg = Fixtures.repository.appendingPathComponent("docs/flows/\(playbook.id).svg").path
            #expect(FileManager.default.fileExists(atPath: svg))
        }
    }
}
