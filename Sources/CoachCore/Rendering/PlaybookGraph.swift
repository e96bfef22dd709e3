/// Draws a playbook's flow as Mermaid or Graphviz DOT: steps, branches labelled with their conditions,
/// repeated groups and the outputs.
public enum PlaybookGraph {
    /// The drawing formats.
    public enum Format: String, Sendable, CaseIterable {
        case mermaid, dot
    }

    struct Edge: Hashable {
        var from: String
        var to: String
        var label: String
    }

    struct Node {
        var id: String
        var label: String
        var shape: Shape
        var group: String?
    }

    enum Shape { case start, end, question, info, output }

    /// The drawing of `playbook` in `format`.
    public static func draw(_ playbook: Playbook, format: Format) -> String {
        let (nodes, edges, groups) = build(playbook)
        switch format {
        case .mermaid: return mermaid(nodes, edges, groups)
        case .dot: return dot(playbook, nodes, edges, groups)
        }
    }

    static func nodeID(_ id: String) -> String { "s_" + id }

    static func build(_ p: Playbook) -> ([Node], [Edge], [(id: String, label: String)]) {
        var nodes: [Node] = [Node(id: "start", label: "start", shape: .start, group: nil)]
        var edges: [Edge] = []
        var groups: [(String, String)] = []
        let steps = p.steps
        func entry(_ i: Int) -> String {
            guard i < steps.count else { return "finish" }
            let step = steps[i]
            if step.kind == .group, let first = step.steps.first { return nodeID(step.id + "__" + first.id) }
            return nodeID(step.id)
        }
        func exits(_ i: Int) -> [String] {
            let step = steps[i]
            guard step.kind == .group else { return [nodeID(step.id)] }
            // The last field, and the one before it when the last is only asked sometimes.
            var out: [String] = []
            for sub in step.steps.reversed() {
                out.append(nodeID(step.id + "__" + sub.id))
                if sub.when == nil { break }
            }
            return out
        }
        func connect(_ from: String, _ to: Int, _ label: String, _ depth: Int = 0) {
            guard to < steps.count, let w = steps[to].when, depth < 50 else {
                edges.append(Edge(from: from, to: entry(to), label: label))
                return
            }
            let cond = w.description
            edges.append(Edge(from: from, to: entry(to), label: join(label, cond)))
            connect(from, to + 1, join(label, "not (\(cond))"), depth + 1)
        }
        for (i, step) in steps.enumerated() {
            if step.kind == .group {
                groups.append((step.id, "\(step.id): repeated for each \(step.item ?? "item")"))
                let ids = step.steps.map { nodeID(step.id + "__" + $0.id) }
                for (j, sub) in step.steps.enumerated() {
                    nodes.append(Node(id: ids[j], label: label(sub), shape: .question, group: step.id))
                    guard j > 0 else { continue }
                    edges.append(Edge(from: ids[j - 1], to: ids[j], label: sub.when.map { "if \($0)" } ?? ""))
                    if let w = step.steps[j].when, j + 1 < ids.count {
                        edges.append(Edge(from: ids[j - 1], to: ids[j + 1], label: "if not (\(w))"))
                    }
                }
                if let first = ids.first {
                    for from in exits(i) {
                        edges.append(Edge(from: from, to: first, label: "another \(step.item ?? "item")"))
                    }
                }
            } else {
                nodes.append(Node(id: nodeID(step.id), label: label(step), shape: step.kind == .info ? .info : .question, group: nil))
            }
        }
        if !steps.isEmpty { connect("start", 0, "") }
        for (i, step) in steps.enumerated() {
            for from in exits(i) {
                edgesAfter(i, step, from)
            }
        }
        func edgesAfter(_ i: Int, _ step: Step, _ from: String) {
            var unconditional = false
            var otherwise: [String] = []
            for rule in step.next {
                let target = rule.target.flatMap { p.stepIndex[$0] } ?? (rule.target == nil ? steps.count : i + 1)
                var label = rule.condition.map(\.description) ?? ""
                if rule.condition == nil && !otherwise.isEmpty { label = "otherwise" }
                connect(from, target, label)
                if let c = rule.condition { otherwise.append(c.description) } else { unconditional = true; break }
            }
            if !unconditional { connect(from, i + 1, otherwise.isEmpty ? "" : "otherwise") }
        }
        nodes.append(Node(id: "finish", label: "drafts ready", shape: .end, group: nil))
        for o in p.outputs {
            let id = "o_" + o.id
            nodes.append(Node(id: id, label: "\(o.kind.rawValue): \(o.title)", shape: .output, group: nil))
            edges.append(Edge(from: "finish", to: id, label: ""))
        }
        var seen = Set<Edge>()
        return (nodes, edges.filter { seen.insert($0).inserted }, groups)
    }

    static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a) and \(b)" }

    static func label(_ step: Step) -> String {
        var kind = step.kind.rawValue
        if !step.required && step.kind.asks { kind += ", optional" }
        return "\(step.id) (\(kind))"
    }

    static func mermaidText(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func mermaid(_ nodes: [Node], _ edges: [Edge], _ groups: [(id: String, label: String)]) -> String {
        var out = "flowchart TD\n"
        func line(_ n: Node) -> String {
            let text = mermaidText(n.label)
            switch n.shape {
            case .start, .end: return "\(n.id)([\"\(text)\"])"
            case .question: return "\(n.id)[\"\(text)\"]"
            case .info: return "\(n.id)>\"\(text)\"]"
            case .output: return "\(n.id)[/\"\(text)\"/]"
            }
        }
        for n in nodes where n.group == nil { out += "    \(line(n))\n" }
        for g in groups {
            out += "    subgraph g_\(g.id)[\"\(mermaidText(g.label))\"]\n"
            for n in nodes where n.group == g.id { out += "        \(line(n))\n" }
            out += "    end\n"
        }
        for e in edges {
            out += e.label.isEmpty ? "    \(e.from) --> \(e.to)\n" : "    \(e.from) -->|\"\(mermaidText(e.label))\"| \(e.to)\n"
        }
        return out
    }

    static func dotText(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    static func dot(_ p: Playbook, _ nodes: [Node], _ edges: [Edge], _ groups: [(id: String, label: String)]) -> String {
        var out = "digraph \"\(dotText(p.id))\" {\n    rankdir=TB;\n    node [fontname=\"Helvetica\", fontsize=11];\n"
        out += "    edge [fontname=\"Helvetica\", fontsize=9];\n"
        func line(_ n: Node) -> String {
            let shape: String
            switch n.shape {
            case .start, .end: shape = "shape=oval, style=filled, fillcolor=\"#e8e8e8\""
            case .question: shape = "shape=box, style=rounded"
            case .info: shape = "shape=note"
            case .output: shape = "shape=parallelogram, style=filled, fillcolor=\"#e6f2e6\""
            }
            return "\(n.id) [label=\"\(dotText(n.label))\", \(shape)];"
        }
        for n in nodes where n.group == nil { out += "    \(line(n))\n" }
        for g in groups {
            out += "    subgraph cluster_\(g.id) {\n        label=\"\(dotText(g.label))\";\n        style=dashed;\n"
            for n in nodes where n.group == g.id { out += "        \(line(n))\n" }
            out += "    }\n"
        }
        for e in edges {
            out += e.label.isEmpty ? "    \(e.from) -> \(e.to);\n" : "    \(e.from) -> \(e.to) [label=\"\(dotText(e.label))\"];\n"
        }
        return out + "}\n"
    }
}
