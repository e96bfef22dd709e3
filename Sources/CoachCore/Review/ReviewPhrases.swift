/// The phrase lists the rules look for, in `ReviewPattern` syntax (contractions already expanded);
/// `ReviewPatternSet+Phrases.swift` compiles them.
enum ReviewPhrases {
    /// Every phrase list, so that `ReviewVocabulary` numbers their words before any pattern is compiled.
    static let all: [[String]] = [
        blame, unlimitedPromises, busyExcuses, hedges, vagueTimes, passiveMistakes, apologies, plans, concessions,
        asksBack, impactClaims, meetingCues, passiveSteps, unnamedOwners, ReviewCalendar.windows, formalFiller,
        ownedMistakes, repairs, vagueAfterWhen, clientRequests, availability,
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

    /// Verbs a client could have done sooner or better, after "if you had" or "had your team".
    static let clientDeeds =
        "sent|told|asked|checked|replied|responded|approved|signed|informed|called|followed|listened|given|"
        + "provided|confirmed|flagged|raised|warned|mentioned|been|kept|stuck|booked|placed|paid|shared|"
        + "ordered|done|got|gotten|delivered|returned|uploaded|agreed|answered"
    /// Things a client sends us, which can be late.
    static let clientInputs =
        "\(people)|buyers|approval|approvals|off|feedback|payment|payments|artwork|forecast|brief|input|answers|"
        + "reply|response|files|file|data|po|signature"

    /// Fault aimed at the client.
    static let blame = [
        "you failed|forgot|neglected|ignored",
        "your *? \(people) failed|forgot|neglected|ignored",
        "you did|have|has|had not \(actions)",
        "your *? *? did|have|has|had|could|would not|never \(actions)",
        "your *? *? never \(actions)",
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
        "if you|your *? *? had|would have? only|just? \(clientDeeds)",
        "had you|your *? *? only|just? \(clientDeeds)",
        "you|your *? *? only sent|told|gave|confirmed|approved|signed|shared|provided|ordered|booked|replied",
        "because|since|as|after|when your *? *? did|do|does|have|had|has not|never \(actions)",
        "because|since|after|when you did|do|have|had not|never \(actions)",
        "because|since|as|after your *? *? failed|forgot|neglected|ignored|missed|overlooked|delayed",
        "because|since|after you failed|forgot|neglected|ignored|missed|overlooked|delayed",
        "your *? *? kept|keeps|keep changing|moving|adding",
        "hold? delay|delays|up|problem|problems|issue|issues|error|errors|mistake|fault|bottleneck|blocker|slip "
            + "was|is|were|are|lies|lay|sat|sits on|at|with|from your side|end",
        "you|your *? \(people)? sent|gave|provided|supplied|uploaded|shared us? the|a? wrong|incorrect|outdated|incomplete",
        "per my|our last|previous|earlier email|message|note|mail",
        "as|like i|we have? already told|said|explained|mentioned|stated",
        "as|like i|we told you",
        "you were|are late",
        "your *? \(clientInputs) were|was|are|is|came|arrived late|slow",
        "you|your *? *? missed the|your deadline|deadlines|cutoff|window|slot|date",
        "not our|my fault",
        "no fault of ours|mine|our",
        "nothing to do with us|me",
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
    static let busyWords =
        "busy|swamped|slammed|snowed|overloaded|overstretched|buried|overwhelmed|stretched|drowning|occupied|hectic|"
        + "manic|frantic"
    static let ourPeople =
        "team|teams|people|side|department|office|engineers|staff|crew|planners|warehouse|colleagues|everyone"
    static let busyPeriods =
        "busy|hectic|crazy|mad|manic|frantic|chaotic|intense|wild|mental|packed|heavy|whirlwind"
    static let periods = "few|couple|week|weeks|days|month|months|fortnight|spell|stretch|time|period"
    static let inbox =
        "email|emails|message|messages|note|notes|reply|replies|inbox|questions|question|request|requests|mail|"
        + "query|queries|voicemail"

    /// First-person "we were busy" excuses, and the signs of a reply that waited behind other work.
    static let busyExcuses = [
        "i|we am|are|was|were|have|has|had? been? \(adverbs)? a? bit|little|lot? \(busyWords)",
        "i|we am|are|was|were|have|had? been? \(adverbs)? flat|tied out|up",
        "my|our \(ourPeople) has|have|had|is|are|was|were? been? \(adverbs)? \(busyWords)",
        "my|our \(ourPeople) has|have|had|is|are|was|were? been? \(adverbs)? flat|tied out|up",
        "busy|swamped|tied|occupied up? with|on other|another "
            + "clients|client|projects|project|things|work|accounts|priorities|deadlines|matters|stuff|customer|customers",
        "things|life|work has|have|had|is|are|was|were? been? \(adverbs)? busy|hectic|crazy|manic|mad|frantic|chaotic",
        "it|this is|has|had been \(adverbs)? busy|hectic|crazy|manic|frantic|chaotic|mad",
        "it|this is|has|had|was been? a|an|the \(adverbs)? \(busyPeriods) \(periods)",
        "i|we have|had had a|an|the \(adverbs)? \(busyPeriods) \(periods)",
        "what|such a|an \(adverbs)? \(busyPeriods) \(periods)",
        "i|we have|had not had a|the|any|much? chance|time|moment|minute|bandwidth|capacity|headspace",
        "i|we did|could not get|find|have a|the|any|much? chance|time|moment|minute|bandwidth|capacity",
        "i|we have|had been? had|got a|so|such? lot|lots|loads|plenty on|going",
        "a lot|lots|loads|plenty on my|our plate|plates",
        "my|our plate|plates is|are|was|were|has|have been? full|overflowing",
        "up to my|our eyes|ears|neck|necks",
        "run|rushed off my|our feet",
        "back to back meetings|calls|sessions|workshops|days",
        "sat|sitting|buried|lost|stuck in my|our inbox|inboxes",
        "i|we? am|are? only|just|finally|now only|just|now? got|get|getting|gotten round|around|back|up? to|on|with "
            + "your|this|the|my|our \(inbox)",
        "catching up on|with my|our? \(inbox)|backlog",
        "only|just now seeing|reading|replying|answering|responding|getting",
        "other|another priorities|things|work|deadlines|projects|commitments|matters|client|clients|account|accounts "
            + "got|came|took in|first|priority|precedence|over",
        "i|we got|was|were|have|had been? sidetracked|distracted",
        "i|we got|was|were|have|had been? side tracked",
        "so|too much going on",
        "so|too much on my|our plate",
    ]

    /// Hedges that make a commitment sound unsure.
    static let hedges = [
        "hopefully",
        "fingers crossed",
        "touch wood",
        "all being well",
        "god willing",
        "i|we will|would|shall|can|could|might|may? try|attempt to|and",
        "i|we am|are going to try",
        "i|we am|are trying|hoping to",
        "i|we hope to",
        "i|we would like to think",
        "i|we will|would|shall|am|are aim|aiming to",
        "i|we will|would|shall look to",
        "i|we might|may|could|should be able to",
        "i|we will|would|can|could|should probably|possibly|maybe|perhaps",
        "i think|guess|suppose|reckon|believe we|it|this|that should|could|might|may",
        "not sure|certain if|whether|that? i|we can|will|could",
        "do|doing my|our best",
        "i|we will see what|how",
        "if all|everything goes well|to plan",
        "with any|a bit of? luck",
        "if we are lucky",
        "in theory",
        "more or less",
    ]

    /// Vague timing; `soon` on its own and "when we can" are handled separately.
    static let vagueTimes = [
        "asap",
        "as soon as possible",
        "as soon as i|we can",
        "as quickly|fast as possible|we can",
        "shortly",
        "in due course",
        "at some point",
        "in the near future",
        "in the not too distant future",
        "sometime|some time soon",
        "when|whenever i|we get a|the? chance|moment|minute|second|round|around",
        "when|whenever possible|feasible|time allows|time permits",
        "when|once things settle|calm|quieten|quiet",
        "eventually",
        "over|in|during|within the next|coming few|couple? of? days|weeks|months",
        "in|within a few|couple of? days|weeks|months",
        "in a while",
        "before long",
        "before too long",
        "down the line|road|track",
        "at a later date|stage|point",
        "in good time",
        "in the fullness of time",
        "any day now",
        "in a timely manner|fashion",
        "at the earliest opportunity",
    ]

    /// "when|whenever i|we can": vague when nothing follows; "when we can start" is a question, not a promise.
    static let vagueAfterWhen = ["when|whenever i|we can"]

    /// Stiff, formal phrases that read as a form letter.
    static let formalFiller = [
        "endeavour|endeavor|endeavours|endeavors|endeavouring|endeavoring",
        "please|pls|kindly revert",
        "i|we will|shall|would revert",
        "revert|reverting back? to you|me|us",
        "revert|reverting at|with|asap",
        "await|awaiting your revert",
        "at your earliest convenience|opportunity",
        "kindly note|find|advise|confirm|send|share|provide|let|be|ensure|arrange|acknowledge|do|return|review|sign",
        "herewith", "hereby", "hereto", "thereof", "therein", "aforementioned", "aforesaid", "henceforth",
        "heretofore", "pursuant", "the undersigned",
        "for your kind? perusal",
        "for your kind attention|consideration|reference",
        "please be advised|informed",
        "i|we wish to inform|advise|notify you",
        "i|we am|are writing to inform|advise|notify you",
        "this is to inform|advise|notify you",
        "do the needful",
        "should you require|wish|need any? further? assistance|clarification|information",
        "i|we remain at your disposal",
        "at your disposal",
        "i trust this|the|my email|mail|message finds you",
        "at this point in time",
    ]

    /// Passive wording that hides who made a mistake.
    static let passiveMistakes = [
        "mistake|mistakes|error|errors|oversight|oversights|omission|misunderstanding was|were|has|have|had been? made",
        "ball was|got|has|had been? dropped",
        "fell|fall|falls|slipped|slip|slips through the cracks|net",
        "was|were|got overlooked|forgotten|misplaced|mishandled|missed|dropped",
        "was|were|got|has|have|had been? * incorrectly|wrongly|badly",
        "was|were|got|has|have|had been? * in error",
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

    /// Sentences that own a mistake, besides an apology.
    static let ownedMistakes = [
        "our|my mistake|error|fault|bad|oversight",
        "i|we made|make a|an mistake|error",
        "i|we got * ? * ? wrong",
        "i|we missed|forgot|overlooked",
        "i|we shipped|sent|delivered|put|printed|loaded|charged|billed|invoiced|packed|picked *? *? *? *? *? "
            + "wrong|late|twice|incorrect|incorrectly|short|early|duplicate|damaged|broken",
    ]

    /// Words that tie a free item to putting a mistake right (re-deliver, replace, refund).
    static let repairs = [
        "reprint|reprinted|replace|replaced|replacement|replacements|redeliver|redelivered|reship|reshipped|resend|"
            + "redo|rerun|refund|refunded|credit|credited|fix|fixed|correct|corrected|relabel|reissue|rework|repair",
        "re deliver|send|run|do|label|print|ship|issue|pick|pack",
        "make good|up",
    ]

    /// A concession the client asked for, which is not one being given.
    static let clientRequests = ["request|requested|asked|asking|ask for"]

    /// Something given away.
    static let concessions = [
        "discount|discounts|discounted|rebate|rebates|waive|waived|waiving|waiver|complimentary",
        "free of charge", "for free", "at no extra|additional? cost|charge|fee", "no charge|cost|fee",
        "on the house", "throw|throwing|thrown|threw in", "at our|my own? expense|cost", "gratis",
        "without charge|charging", "not charge|bill|invoice you|for",
        "free month|months|week|weeks|upgrade|upgrades|licence|licences|license|licenses|seat|seats|trial|training|"
            + "support|hours|days|onboarding|consulting|service|services|shipping|delivery|setup|session|sessions|"
            + "audit|audits|installation|install|samples|visit|visits|report|reports|design|stock|cases|units|extension",
        "# percent? off", "half price|off",
    ]

    /// Something asked back in return.
    static let asksBack = [
        "if|provided|once|when you|your *? *? commit|commits|confirm|confirms|sign|signs|agree|agrees|renew|"
            + "renews|extend|extends|approve|approves|place|places|book|books|order|orders|increase|increases|move|"
            + "moves|take|takes|add|adds|prepay|prepays|pay|pays|send|sends",
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
    /// Words that say an apology is for the reply itself ("sorry for the slow reply").
    static let replyWords: Set<String> = ["reply", "response", "answer", "replying", "responding", "answering"]

    /// Words that turn a meeting cue into a statement ("could not book").
    static let negations: Set<String> = ["not", "never", "cannot", "no"]

    static let meetingWords: Set<String> = [
        "call", "meeting", "meet", "chat", "catch", "sync", "speak", "talk", "huddle", "zoom", "session", "walkthrough",
        "hour", "minutes", "visit", "demo", "workshop", "discussion", "conversation", "lunch", "coffee", "video",
        "phone",
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
        "does|do|would|will|could|can * *? *? *? *? *? *? *? work|suit|suits|works|help|helps|useful|helpful",
        "i|we would|want like? a|an",
        "can|could you do|make",
        "let me know if * *? *? *? works|suits|work|suit",
        "please join|attend",
    ]

    /// Cues that the sender offers a time they are free; a request when the sentence names a day or time.
    static let availability = ["i|we am|are only? free|available|around"]

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
