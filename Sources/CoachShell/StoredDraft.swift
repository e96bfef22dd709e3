import CoachCore

/// What a stored draft version holds: the rendered outputs and the dated plans they came with.
struct StoredDraft: Codable, Equatable {
    var outputs: [RenderedOutput]
    var plans: [SessionExport.Plan]
}
