import CoachCore

/// What a stored draft version holds: the rendered outputs and the dated plans they came with, stored as
/// `{outputs, plans}` in the types' one JSON encoding.
struct StoredDraft: JSONCodable, Equatable {
    var outputs: [RenderedOutput]
    var plans: [SessionExport.Plan]

    init(outputs: [RenderedOutput], plans: [SessionExport.Plan]) {
        self.outputs = outputs
        self.plans = plans
    }

    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("outputs", outputs)
        w.field("plans", plans)
        w.endObject()
    }

    init(json: JSONValue) throws(JSONDecodingError) {
        let f = try JSONFields(json, context: "a stored draft")
        outputs = try f.decodeArray("outputs")
        plans = try f.decodeArray("plans")
    }
}
