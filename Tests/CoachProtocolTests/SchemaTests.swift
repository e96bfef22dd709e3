import CoachCore
import CoachProtocol
import Testing

@Suite("Schema")
struct SchemaTests {
    /// Every method the schema documents, in the order of its `request` definition (what `"<<methods>>"` in a
    /// transcript stands for).
    static func documentedMethods() -> [String] {
        guard let schema = try? JSONReader.read(ProtocolServer.schema), let defs = schema["$defs"],
            case .array(let refs)? = defs["request"]?["oneOf"]
        else { return [] }
        return refs.compactMap { ref in
            ref["$ref"]?.stringValue.flatMap {
                defs[String($0.split(separator: "/").last ?? "")]?["properties"]?["method"]?["const"]?.stringValue
            }
        }
    }

    @Test("the schema documents the methods in the order initialize lists them")
    func methodOrder() {
        #expect(SchemaTests.documentedMethods() == ProtocolServer.methods)
    }

    @Test("the schema is JSON and describes every method, result and error kind")
    func complete() throws {
        let schema = try JSONReader.read(ProtocolServer.schema)
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        let defs = try #require(schema["$defs"])
        for method in ProtocolServer.methods {
            let name = method.replacingOccurrences(of: "/", with: ".")
            #expect(defs["request.\(name)"] != nil, "no request schema for \(method)")
            #expect(defs["result.\(name)"] != nil, "no result schema for \(method)")
            #expect(defs["params.\(name)"] != nil, "no params schema for \(method)")
        }
        guard case .array(let kinds)? = defs["error"]?["properties"]?["data"]?["properties"]?["kind"]?["enum"] else {
            throw TestFailure("no error kinds")
        }
        #expect(Set(kinds.compactMap(\.stringValue)) == Set(ProtocolError.Kind.allCases.map(\.rawValue)))
        guard case .array(let pairs)? = defs["error"]?["oneOf"] else { throw TestFailure("no code table") }
        for kind in ProtocolError.Kind.allCases {
            let row = pairs.first { pair in
                if case .array(let ks)? = pair["properties"]?["data"]?["properties"]?["kind"]?["enum"] {
                    return ks.contains(.string(kind.rawValue))
                }
                return false
            }
            #expect(row?["properties"]?["code"]?["const"]?.intValue == kind.code, "\(kind) has code \(kind.code) in Swift")
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
