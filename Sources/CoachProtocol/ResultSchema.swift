import CoachCore

extension ProtocolServer {
    /// The schema file, read once.
    static let schemaDocument: JSONValue = (try? JSONReader.read(schema)) ?? .object([])

    /// The name of method `name`'s definition of `part` (`result`, `params`, `request`) in the schema file:
    /// `result.session.answer`.
    public static func schemaDefinition(_ part: String, of name: String) -> String {
        part + "." + name.split(separator: "/").joined(separator: ".")
    }

    /// A standalone JSON Schema of what method `M` answers: its `result` definition from the schema file, with the
    /// definitions it refers to carried along under `$defs`, so the schema reads on its own (as an MCP tool's
    /// `outputSchema` does). `extra` members are allowed beside the result's own, with their schemas.
    public static func resultSchema<M: ProtocolMethod>(
        of method: M.Type, adding extra: [(key: String, value: JSONValue)] = []
    ) -> JSONValue {
        let name = schemaDefinition("result", of: M.name)
        var needed: [String] = []
        collectReferences(in: .string("#/$defs/" + name), into: &needed)
        let defs = schemaDocument["$defs"]
        var members: [(key: String, value: JSONValue)] = [("type", .string("object")), ("$ref", .string("#/$defs/" + name))]
        if !extra.isEmpty { members.append(("properties", .object(extra))) }
        members.append(("$defs", .object(needed.compactMap { n in defs?[n].map { (key: n, value: $0) } })))
        return .object(members)
    }

    /// Adds the definitions `value` refers to (through `$ref`, at any depth) to `names`, each once.
    private static func collectReferences(in value: JSONValue, into names: inout [String]) {
        switch value {
        case .string(let ref) where ref.hasPrefix("#/$defs/"):
            let name = String(ref.dropFirst("#/$defs/".count))
            guard !names.contains(name), let def = schemaDocument["$defs"]?[name] else { return }
            names.append(name)
            collectReferences(in: def, into: &names)
        case .object(let members):
            for (key, member) in members {
                if key == "$ref" || member.stringValue == nil { collectReferences(in: member, into: &names) }
            }
        case .array(let items):
            for item in items { collectReferences(in: item, into: &names) }
        default: break
        }
    }
}
