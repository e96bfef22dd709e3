import CoachCore

extension ProtocolServer {
    /// The methods about drafts written outside a session.
    static let draftMethods: [any ProtocolMethod.Type] = [Methods.DraftReview.self]
}

extension Methods {
    /// `draft/review {text}`: the coaching review of a draft (`Subject:` first for an email).
    public enum DraftReview: ProtocolMethod {
        public static let name = "draft/review"

        public struct Params: MethodParams, Equatable {
            public var text: String

            public init(text: String) { self.text = text }

            public init(fields f: JSONFields) throws(JSONDecodingError) {
                text = try f.string("text")
            }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("text", text)
                w.endObject()
            }
        }

        public struct Result: MethodResult, Equatable {
            public var findings: [ReviewFinding]

            public init(findings: [ReviewFinding]) { self.findings = findings }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("findings", findings)
                w.endObject()
            }
        }

        public static func handle(_ params: Params, on server: inout ProtocolServer) -> Result {
            Result(findings: CoachCore.DraftReview.review(text: params.text))
        }
    }
}
