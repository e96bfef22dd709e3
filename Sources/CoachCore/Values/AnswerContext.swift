/// What an answer is read against besides its step: the day relative dates count from, the currency of the
/// session's amounts, and the earlier date a date step must come after.
public struct AnswerContext: Sendable, Equatable {
    /// The day `today`, `friday` and `+3d` count from.
    public var today: Day
    /// The currency a bare amount takes, and whether another one is refused.
    public var currency: SessionCurrency
    /// The answer of the step named by the step's `after:` rule, with that step's question (nil when the rule is
    /// absent or that step has no answer).
    public var after: (day: Day, question: String)?

    /// A context with no earlier answers: a bare amount takes `currency` (or `$`), any currency is accepted.
    public init(today: Day, currency: SessionCurrency = .assumed("$"), after: (day: Day, question: String)? = nil) {
        self.today = today
        self.currency = currency
        self.after = after
    }

    public static func == (a: AnswerContext, b: AnswerContext) -> Bool {
        a.today == b.today && a.currency == b.currency && a.after?.day == b.after?.day
            && a.after?.question == b.after?.question
    }
}

/// The currency of a session's amounts and where it comes from.
public struct SessionCurrency: Sendable, Equatable {
    /// Where the currency comes from, strongest first.
    public enum Source: Sendable, Equatable {
        /// An earlier money answer (this question's words): amounts in another currency are refused.
        case answer(question: String)
        /// The account's remembered amounts.
        case account
        /// The playbook's declared `currency`, or `$` when it declares none.
        case playbook
    }

    /// The symbol or code amounts are shown with (`€`, `$`, `CHF`).
    public var symbol: String
    public var source: Source

    public init(symbol: String, source: Source) {
        self.symbol = symbol
        self.source = source
    }

    /// A currency no answer has settled yet: bare amounts take it, an amount in any currency is accepted.
    public static func assumed(_ symbol: String) -> SessionCurrency { SessionCurrency(symbol: symbol, source: .playbook) }

    /// Whether an earlier answer settled it, so that an amount in another currency is refused.
    public var isSettled: Bool {
        if case .answer = source { return true }
        return false
    }
}
