/// The phrase lists of `ReviewPhrases` and `ReviewCalendar`, compiled once.
extension ReviewPatternSet {
    static let blame = ReviewPatternSet(ReviewPhrases.blame)
    static let unlimitedPromises = ReviewPatternSet(ReviewPhrases.unlimitedPromises)
    static let busyExcuses = ReviewPatternSet(ReviewPhrases.busyExcuses)
    static let hedges = ReviewPatternSet(ReviewPhrases.hedges)
    static let vagueTimes = ReviewPatternSet(ReviewPhrases.vagueTimes)
    static let passiveMistakes = ReviewPatternSet(ReviewPhrases.passiveMistakes)
    static let apologies = ReviewPatternSet(ReviewPhrases.apologies)
    static let plans = ReviewPatternSet(ReviewPhrases.plans)
    static let concessions = ReviewPatternSet(ReviewPhrases.concessions)
    static let asksBack = ReviewPatternSet(ReviewPhrases.asksBack)
    static let impactClaims = ReviewPatternSet(ReviewPhrases.impactClaims)
    static let meetingCues = ReviewPatternSet(ReviewPhrases.meetingCues)
    static let passiveSteps = ReviewPatternSet(ReviewPhrases.passiveSteps)
    static let unnamedOwners = ReviewPatternSet(ReviewPhrases.unnamedOwners)
    static let windows = ReviewPatternSet(ReviewCalendar.windows)
}
