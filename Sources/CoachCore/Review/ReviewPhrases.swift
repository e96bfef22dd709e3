/// The phrase lists the rules look for, in `ReviewPattern` syntax (contractions already expanded);
/// `ReviewPatternSet+Phrases.swift` compiles them.
enum ReviewPhrases {
    /// Every phrase list, so that `ReviewVocabulary` numbers their words before any pattern is compiled.
    static let all: [[String]] = [
        blame, unlimitedPromises, busyExcuses, hedges, vagueTimes, passiveMistakes, apologies, plans, concessions,
        asksBack, impactClaims, meetingCues, passiveSteps, unnamedOwners, ReviewCalendar.windows,
    ]

    static let people = "team|side|people|staff|company|organisation|organization|end|department"
    static let faults =
        "fault|mistake|mistakes|error|errors|failure|negligence|oversight|delay|delays|lateness|inaction"
    static let actions =
        "send|sent|provide|provided|give|given|approve|approved|reply|replied|respond|responded|tell|told|share|"
        + "shared|sign|signed|deliver|delivered|follow|followed|return|returned|confirm|confirmed|read|check|checked"
    static let pastActions =
        "sent|told|asked|checked|read|replied|responded|approved|signed|informed|called|followed|listened|"
        + "given|provided|confirmed|flagged|raised|warned|mentioned"

    /// Fault aimed at the client.
    static let blame = [
        "you failed|forgot|neglected|ignored",
        "your \(people) failed|forgot|neglected|ignored",
        "you did|have|has|had not \(actions)",
        "your \(people) did|have|has|had not \(actions)",
        "you never \(actions)",
        "your fault|mistake|mistakes|error|errors|failure|negligence|oversight",
        "your team's|side's|company's|people's|staff's \(faults)",
        "due|owing to your late? \(faults)",
        "because of your late? \(faults)",
        "caused by your late? \(faults)",
        "caused by you",
        "you should|ought have|to \(pastActions)",
        "you should|ought to have \(pastActions)",
        "you were supposed|meant to",
        "if you had only? \(pastActions)",
        "as|like i|we have? already told|said|explained|mentioned|stated",
        "as|like i|we told you",
        "you were|are late",
        "you missed the|your deadline|deadlines|cutoff|window|slot",
        "not our fault",
    ]

    /// Promises without limits.
    static let unlimitedPromises = [
        "guarantee|guarantees|guaranteed|guaranteeing",
        "whatever it takes",
        "no matter what",
        "at any|all cost|costs",
        "never|not happen|occur|recur again",
        "never let you down",
        "100 percent? sure|certain|guaranteed|uptime|reliable|accurate",
        "i|we promise",
        "i|we will|would|can do anything|everything|whatever",
    ]

    static let adverbs =
        "so|very|really|extremely|super|incredibly|crazy|pretty|quite|just|completely|totally|rather|"
        + "insanely|unusually|particularly|absolutely"
    /// First-person "we were busy" excuses.
    static let busyExcuses = [
        "i|we am|are|was|were|have|has|had? been? \(adverbs)? a? bit|little|lot? "
            + "busy|swamped|slammed|snowed|overloaded|overstretched|buried|overwhelmed",
        "i|we am|are|was|were|have|had? been? \(adverbs)? flat|tied out|up",
        "my|our team|teams|people|side|department|office has|have|had|is|are|was|were? been? \(adverbs)? "
            + "busy|swamped|slammed|overloaded|overstretched|stretched",
        "busy|swamped|tied|occupied up? with|on other|another "
            + "clients|client|projects|project|things|work|accounts|priorities|deadlines|matters|stuff",
        "things|life|work has|have|had|is|are|was|were? been? \(adverbs)? busy|hectic|crazy|manic|mad",
        "it has been \(adverbs)? busy|hectic|crazy|manic",
        "i|we have|had not had a|the|any? chance|time|moment|minute",
    ]

    /// Hedges that make a commitment sound unsure.
    static let hedges = [
        "hopefully",
        "fingers crossed",
        "i|we will|would|shall|can|could|might|may? try to|and",
        "i|we am|are going to try",
        "i|we hope to",
        "i|we might|may|could|should be able to",
        "do|doing my|our best",
        "i|we will see what|how",
        "if all goes well",
        "with any luck",
        "in theory",
    ]

    /// Vague timing; `soon` on its own is handled separately.
    static let vagueTimes = [
        "asap",
        "as soon as possible",
        "as soon as i|we can",
        "shortly",
        "in due course",
        "at some point",
        "in the near future",
        "sometime|some time soon",
        "when|whenever i|we can|get",
        "when possible",
        "eventually",
        "over|in|during the next|coming few|couple? of? days|weeks|months",
    ]

    /// Passive wording that hides who made a mistake.
    static let passiveMistakes = [
        "mistake|mistakes|error|errors|oversight|oversights|omission|misunderstanding was|were|has|have|had been? made",
        "ball was|got|has|had been? dropped",
        "fell|fall|falls|slipped|slip|slips through the cracks|net",
        "was|were|got overlooked|forgotten|misplaced|mishandled|missed|dropped",
        "has|have|had been overlooked|forgotten|misplaced|mishandled|missed|dropped",
        "mistakes|errors|accidents happen",
        "these|such things happen",
        "there was|were a|an|some mistake|mistakes|error|errors|mix|oversight|miscommunication",
    ]

    /// Words that open an apology.
    static let apologies = [
        "sorry", "apologies", "apologise|apologize|apologised|apologized|apologising|apologizing", "apology",
        "my|our bad", "i|we regret",
    ]

    /// Signs of a plan after an apology.
    static let plans = [
        "i|we will|shall",
        "i|we am|are going to",
        "i|we have|had already|now? fixed|put|added|changed|set|updated|resolved|corrected|introduced|assigned|"
            + "scheduled|booked|moved|reissued|refunded|credited|replaced|shipped|sent|started|arranged|checked|"
            + "reviewed|tested|escalated|rerun|corrected",
        "i|we am|are now|currently? fixing|working|rerunning|reviewing|checking|investigating|putting|adding|"
            + "changing|rebuilding|correcting|resending|preparing|sending",
        "going forward", "from now on", "to prevent", "next step|steps", "recovery|action plan",
        "here is|are what|how|the",
    ]

    /// Something given away.
    static let concessions = [
        "discount|discounts|discounted|rebate|rebates|waive|waived|waiving|waiver|complimentary",
        "free of charge", "for free", "at no extra|additional? cost|charge", "no charge|cost",
        "free month|months|week|weeks|upgrade|upgrades|licence|licences|license|licenses|seat|seats|trial|training|"
            + "support|hours|days|onboarding|consulting|service|services|shipping|delivery|setup|session|sessions",
        "# percent? off", "half price|off",
    ]

    /// Something asked back in return.
    static let asksBack = [
        "in return|exchange", "provided that|you", "as long as", "on the? condition", "subject to",
        "conditional|contingent|dependent on|upon",
        "if|when|once|provided you can|could|will|would|agree|commit|confirm|sign|renew|extend|approve|move|"
            + "give|increase|expand|add|book|place|pay|prepay|refer|introduce|share|provide",
        "if|when|once the|your renewal|contract|order|agreement|commitment|po|deal|extension|term|team is|are? "
            + "signed|agreed|confirmed|approved|renewed|extended|placed|can|could",
        "i|we would|will need|ask|like you|your|a|an|that",
        "i|we ask|need that|for|you",
        "for|with a|an # month|months|year|years|week|weeks? commitment|term|contract|renewal|extension|agreement",
        "would|will you be willing|able|open",
        "could|can|would|will you commit|agree|sign|confirm|extend|renew|increase|introduce|refer|share|provide|approve",
    ]

    /// Claims of results that want a number.
    static let impactClaims = [
        "improved|increased|boosted|grew|grown|reduced|saved|saving|savings|uplift|roi|outperformed",
        "return on investment",
        "significant|significantly|substantial|substantially|dramatic|dramatically|massive|massively|huge|hugely|"
            + "tremendous|tremendously return|impact|results|gains|difference|boost|uplift|value|benefit|benefits|"
            + "improvement|increase|growth|reduction|savings",
        "will|would help? you|your|the|us? improve|increase|boost|reduce|save|grow|generate|lift|lower",
    ]

    /// Words that count as a number in an impact claim.
    static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twice", "double", "doubled",
        "triple", "tripled", "half", "halved", "percent", "dozen", "hundred", "thousand", "million", "billion",
    ]

    /// Words that turn a sentence into a meeting request when a cue comes first.
    static let meetingWords: Set<String> = [
        "call", "meeting", "meet", "chat", "catch", "sync", "speak", "talk", "huddle", "zoom", "session", "walkthrough",
    ]

    /// Cues that a meeting is being asked for.
    static let meetingCues = [
        "let us meet|talk|chat|speak|catch|schedule|set|book|arrange|find|jump|hop|get|grab|sit|sync|plan|put|lock|"
            + "pencil|organise|organize|have",
        "can|could|shall|should|would|may we",
        "are|would you be? free|available|around",
        "do|would you have|got time|a|some|any|minutes",
        "schedule|book|arrange|organise|organize|pencil",
        "set up", "find time", "i|we would like to", "if you would like|want to", "would you like to",
        "how about", "i|we propose|suggest", "are you open to", "jump|hop on",
    ]

    /// Passive next steps, finished by a participle checked in code.
    static let passiveSteps = [
        "will|shall|must|should be *",
        "needs|need|has|have|is|are going? to be *",
    ]

    /// Someone unnamed doing the next step.
    static let unnamedOwners = ["someone|somebody will|should|must|can|needs|need|from"]

    /// Participles that do not end in -ed.
    static let irregularParticiples: Set<String> = [
        "sent", "done", "made", "given", "taken", "set", "put", "shown", "written", "held", "built", "run", "paid",
        "brought", "sold", "told", "found", "drawn", "chosen", "begun", "split", "cut", "kept", "sorted",
    ]

    /// -ed words that describe a state or feeling rather than an action someone must take.
    static let stateWords: Set<String> = [
        "pleased", "delighted", "excited", "interested", "thrilled", "involved", "based", "located", "closed",
        "limited", "dedicated", "prepared", "surprised", "impressed", "disappointed", "concerned", "tired",
        "committed", "qualified", "experienced", "needed", "required", "expected", "supposed", "used", "allowed",
        "invited", "joined", "affected", "impacted", "focused", "focussed", "glad", "happy", "pleasured", "delayed",
    ]

    /// Pronouns whose presence before a passive step means the subject is a person.
    static let personalSubjects: Set<String> = ["i", "we", "you", "they", "he", "she"]
}
