import CoachTestSupport
import Foundation

@testable import CoachCore

/// Answers a real user might give, drawn from a seeded generator so a failing session can be replayed.
///
/// One session uses one currency, one signer and one client contact throughout; names, companies and projects
/// come from banks that are not the fixtures; phrase answers are sometimes typed with a capital and a full stop;
/// lists have one to three items; optional steps are sometimes skipped; the day the session runs is a Friday, a
/// weekend day, a month end or an ordinary weekday.
struct RealisticAnswers {
    var rng: SplitMix
    let today: Day
    let currency: String
    let signer: String
    let contact: String
    let company: String
    let project: String
    let scale: Double
    /// Whether every answer is as long as a real user makes it: every phrase grows a clause, every list has as
    /// many items as it takes (up to three), and no optional step is skipped.
    let long: Bool
    private var clausesLeft = Self.clauses
    /// Answers typed with a capital that a template must lower (the capitalised first word of each).
    private(set) var capitalised: Set<String> = []
    /// What was answered, for the failure message.
    private(set) var log: [String] = []

    static let days: [Day] = [
        Day(year: 2026, month: 11, day: 27)!,  // Friday
        Day(year: 2026, month: 11, day: 28)!,  // Saturday
        Day(year: 2026, month: 11, day: 29)!,  // Sunday
        Day(year: 2026, month: 11, day: 30)!,  // Monday, month end
        Day(year: 2026, month: 12, day: 2)!,  // Wednesday
        Day(year: 2026, month: 12, day: 24)!,  // Thursday before a long weekend
        Day(year: 2026, month: 12, day: 31)!,  // Thursday, year end
        Day(year: 2027, month: 1, day: 29)!,  // Friday, month end
        Day(year: 2027, month: 2, day: 26)!,  // Friday before a short month ends
        Day(year: 2027, month: 3, day: 31)!,  // Wednesday, quarter end
    ]
    static let people = [
        "Hannah Obi", "Mateo Ferreira", "Ingrid Solberg", "Rahul Mehta", "Chloé Dubois", "Femi Adeyemi",
        "Marta Kowalczyk", "Liam O'Connor", "Yuki Tanaka", "Grace Mensah", "Anders Holm", "Noor Rahman",
    ]
    static let roles = ["Head of Procurement", "Operations Director", "CFO", "IT Lead", "Category Manager"]
    static let companies = [
        "Harbour & Finch Retail", "Oakline Foods", "Vasquez Freight", "Nordlicht Pharma AG", "Brightwell Hotels",
        "Kiro Home Stores", "ÉcoLogis", "Umberfield Utilities",
    ]
    static let projects = ["Atlas", "Store Ordering Portal", "EMEA Returns Hub", "Phoenix migration", "Q3 range reset"]
    /// One session's amounts are of one size (a budget and its increase belong together).
    static let scales: [Double] = [12_000, 85_000, 180_000, 1_250_000, 11_500_000]
    static let shares: [Double] = [0.04, 0.1, 0.15, 0.25, 0.5, 1]
    static let percents = ["1%", "5%", "8%", "11%", "12.5%", "18%", "25%", "40%", "80%", "100%"]
    static let times = ["09:00", "10:30", "2pm", "14:30 CET", "16:00", "11:15", "8:30"]

    init(seed: Int, long: Bool = false) {
        self.long = long
        var rng = SplitMix(seed: UInt64(seed) &* 0x2545_F491_4F6C_DD1D)
        today = Self.days.randomElement(using: &rng)!
        currency = ["$", "€", "£"].randomElement(using: &rng)!
        let people = Self.people.shuffled(using: &rng)
        signer = people[0]
        contact = people[1]
        company = Self.companies.randomElement(using: &rng)!
        project = Self.projects.randomElement(using: &rng)!
        scale = Self.scales.randomElement(using: &rng)!
        self.rng = rng
        self.others = Array(people.dropFirst(2))
    }

    private var others: [String]

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

    /// Another person than the signer and the contact (different on each call until the bank runs out).
    mutating func person() -> String {
        others.isEmpty ? Self.people.randomElement(using: &rng)! : others.removeFirst()
    }

    mutating func money(_ amount: Double) -> String {
        let style = Int.random(in: 0..<3, using: &rng)
        if style == 0 || amount < 1000 {
            let whole = Int(amount)
            var digits = String(whole)
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return currency + digits + grouped
        }
        if amount >= 1_000_000 { return currency + Value.format(number: amount / 1_000_000, decimals: nil) + "m" }
        return currency + Value.format(number: amount / 1000, decimals: nil) + "k"
    }

    /// A phrase as a person types it: as written, or with a capital and a full stop.
    mutating func typed(_ phrase: String, shape: TextShape?) -> String {
        guard shape == .phrase || shape == .sentence, chance(50), let first = phrase.first, first.isLowercase else {
            return phrase
        }
        let raised = first.uppercased() + phrase.dropFirst()
        if shape == .phrase, let word = raised.split(separator: " ").first { capitalised.insert(String(word)) }
        return raised.hasSuffix(".") ? raised : raised + "."
    }

    mutating func email(for name: String) -> String {
        let ascii = name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .filter { $0.isLetter || $0 == " " }.split(separator: " ").joined(separator: ".")
        let domain = company.lowercased().folding(options: .diacriticInsensitive, locale: nil).filter(\.isLetter)
        return "\(ascii)@\(domain).example"
    }

    /// Candidate answers for `step`, most realistic first; the engine decides which one it accepts.
    mutating func candidates(for step: Step, prompt: Prompt, itemName: String?) -> [String] {
        var out: [String] = []
        let id = step.id
        switch step.kind {
        case .choice:
            out.append(contentsOf: step.choices.map(\.value).shuffled(using: &rng))
        case .multichoice:
            let values = step.choices.map(\.value).shuffled(using: &rng)
            out.append(values.prefix(Int.random(in: 1...max(1, min(3, values.count)), using: &rng)).joined(separator: ", "))
        case .yesno:
            out.append(chance(50) ? "yes" : "no")
        case .number:
            let low = Int(step.min ?? 1)
            let high = Int(step.max ?? Double(low + 40))
            out.append(String(Int.random(in: low...max(low, min(high, low + 60)), using: &rng)))
        case .money:
            if step.min == 0 && step.id.contains("increase") && chance(30) { out.append("0") }
            let share = step.id.contains("budget") && !step.id.contains("increase") ? 1 : Self.shares.randomElement(using: &rng)!
            out.append(money(scale * share))
            out.append(money(scale))
        case .percent:
            out.append(Self.percents.randomElement(using: &rng)!)
        case .date:
            for _ in 0..<6 { out.append(today.adding(days: Int.random(in: 0...16, using: &rng)).iso) }
            for n in [20, 23, 27, 31] { out.append(today.adding(days: n).iso) }
        case .time:
            out.append(Self.times.randomElement(using: &rng)!)
        case .email:
            out.append(email(for: id.hasPrefix("contact") ? contact : person()))
        case .list:
            out.append(list(for: step, count: nil))
            out.append(list(for: step, count: 3))
        case .text, .multiline:
            out.append(contentsOf: text(for: step, itemName: itemName))
        case .info, .group:
            out.append("")
        }
        if prompt.group != nil && prompt.step.isMore { out = [chance(45) ? "yes" : "no", "yes", "no"] }
        return out + step.examples.map { typed($0, shape: step.shape) } + [prompt.default].compactMap { $0 }
    }

    private mutating func text(for step: Step, itemName: String?) -> [String] {
        let id = step.id
        switch id {
        case "client": return [company]
        case "project": return [project]
        case "contact_name": return [contact]
        case "greeting_name": return [String(contact.split(separator: " ")[0])]
        case "your_name": return [signer]
        case "comms_owner": return chance(50) ? [signer] : [person()]
        case "contact_role": return [Self.roles.randomElement(using: &rng)!]
        default: break
        }
        if id.contains("owner") || id.hasSuffix("requester") || id == "fix_owner" {
            let name = person()
            return [chance(50) ? name : "\(name) (\(Self.roles.randomElement(using: &rng)!))"]
        }
        var pool = step.examples.shuffled(using: &rng)
        if pool.isEmpty { pool = ["the quarterly business review with the regional team"] }
        return pool.map { typed(lengthened($0, step: step), shape: step.shape) }
    }

    static let clauses = [
        ", which we confirmed with the regional operations team this morning",
        ", as the account review with the client's finance lead showed last week",
        " across the three sites that were part of the first phase",
        ", and the numbers were checked against last quarter's invoices",
    ]

    /// Sometimes a phrase answer grows as long as the step allows, with the kind of detail people add.
    mutating func lengthened(_ phrase: String, step: Step) -> String {
        guard step.shape == .phrase, long || chance(35) else { return phrase }
        var out = phrase.hasSuffix(".") ? String(phrase.dropLast()) : phrase
        clausesLeft.shuffle(using: &rng)
        if let i = clausesLeft.firstIndex(where: { out.count + $0.count <= (step.maxLength ?? 200) }) {
            out += clausesLeft.remove(at: i)
        }
        return out
    }

    private mutating func list(for step: Step, count: Int?) -> String {
        let most = max(1, min(3, step.maxItems ?? 3))
        let count = count ?? (long ? most : Int.random(in: max(1, step.minItems ?? 1)...most, using: &rng))
        if step.shape == .name {
            var names: [String] = []
            // The client contact and the signer sometimes appear in a list of people: a draft must not copy them
            // on their own email or list them twice.
            if chance(25) { names.append("\(contact) (\(Self.roles.randomElement(using: &rng)!))") }
            if chance(15) { names.append(signer) }
            while names.count < count { names.append("\(person()) (\(Self.roles.randomElement(using: &rng)!))") }
            return names.joined(separator: "; ")
        }
        let items = step.examples.flatMap { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } }
        let chosen = items.shuffled(using: &rng).prefix(count).map { typed($0, shape: step.shape) }
        return chosen.joined(separator: "; ")
    }

    /// Runs a whole session with these answers: every question answered or (when optional) sometimes skipped.
    mutating func walk(_ playbook: Playbook) -> (session: Session, problem: String?) {
        var session = Session(playbook: playbook, today: today)
        var moves = 0
        while let prompt = session.currentTurn().prompt, moves < 500 {
            moves += 1
            guard let step = Self.step(for: prompt.step, in: playbook) else {
                return (session, "no step for \(prompt.step)")
            }
            if !long && !prompt.required && prompt.kind != .info && !prompt.step.isMore && chance(30) {
                if case .success = session.handle(.skip(step: prompt.step)) {
                    log.append("\(prompt.step): (skipped)")
                    continue
                }
            }
            var accepted = false
            for candidate in candidates(for: step, prompt: prompt, itemName: prompt.group?.itemName) {
                guard case .success(let turn) = session.handle(.answer(.text(candidate), step: prompt.step)) else { continue }
                if turn.invalid == nil {
                    if prompt.kind != .info { log.append("\(prompt.step): \(candidate)") }
                    accepted = true
                    break
                }
            }
            if !accepted { return (session, "no candidate accepted for \(prompt.step)") }
        }
        return (session, session.status == .completed ? nil : "did not complete")
    }

    static func step(for key: StepKey, in playbook: Playbook) -> Step? {
        switch key {
        case .step(let id): return playbook.step(id)
        case .field(let group, _, let field):
            guard let g = playbook.step(group) else { return nil }
            if field == StepKey.more {
                var more = StepDefinition(id: field, location: g.location)
                more.kind = .yesno
                return Step(more)
            }
            return g.steps.first { $0.id == field }
        }
    }
}
