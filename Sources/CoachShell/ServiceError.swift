import CoachCore

/// Why the session service could not do what was asked, with a message that says what to do next.
public struct ServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The broad category of the failure.
    public enum Kind: String, Equatable, Sendable {
        /// No playbook has that id.
        case unknownPlaybook
        /// The playbook's file has errors, so it cannot run until it is fixed; the message says where.
        case brokenPlaybook
        /// No stored session has that id.
        case unknownSession
        /// The id prefix matches several sessions.
        case ambiguousSession
        /// The session's playbook changed so much that its answers no longer fit; they stay exportable.
        case playbookChanged
        /// The session's playbook is not installed here; its answers stay exportable.
        case playbookMissing
        /// The engine refused the event (stale step, not optional, ...); `refusal` says why.
        case refused
        /// The stored session cannot be read back.
        case damaged
        /// The store failed and there was no way to go on (for example while reading a list).
        case store
        /// The request itself is not acceptable (an unknown pre-fill step, an empty name).
        case invalid
        /// The shared database cannot be reached just now; nothing was saved, and the same request can be sent
        /// again (the store reconnects by itself).
        case unavailable
    }

    /// The category.
    public var kind: Kind
    /// A sentence for the user or bot.
    public var message: String
    /// The engine's refusal, for `refused`.
    public var refusal: Refusal?
    /// The part of the request at fault, for `invalid` (`prefill.budget`, `account`), when there is one.
    public var field: String?

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String, refusal: Refusal? = nil) {
        self.kind = kind
        self.message = message
        self.refusal = refusal
    }

    /// The user-facing message.
    public var description: String { message }
}
