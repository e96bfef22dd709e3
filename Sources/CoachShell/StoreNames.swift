import CoachStore

// CoachStore's `SessionStatus` and `Draft` share their names with CoachCore's; this file sees only the store's.

/// The store's session status (asking, completed, cancelled), named apart from the engine's.
public typealias StoreStatus = SessionStatus

/// A stored draft version, named apart from the review's `Draft`.
public typealias StoreDraft = Draft
