import Testing

@testable import CoachCore

/// The route a session remembers between events must always be the route a fresh walk gives, and the steps it
/// remembers as answered or skipped those its state says.
@Suite struct RouteMemoTests {
    @Test(arguments: PropertyTests.playbookIDs)
    func rememberedRouteEqualsFreshWalk(id: String) throws {
        let playbook = try #require(try Fixtures.allPlaybooks().first { $0.id == id })
        var remembered = 0
        for seed in 1...25 {
            var rng = SplitMix(state: UInt64(seed) &* 6_700_417)
            var session = Session(playbook: playbook, today: Fixtures.monday)
            var moves = 0
            while moves < 300 {
                moves += 1
                let fresh = session.walk().map(\.key)
                #expect(session.route().map(\.key) == fresh, "seed \(seed), move \(moves)")
                if let mask = session.resolvedMask {
                    #expect(mask == session.freshResolvedMask(), "seed \(seed), move \(moves): resolved steps")
                }
                if let keys = session.rememberedKeys {
                    remembered += 1
                    #expect(keys == fresh, "seed \(seed), move \(moves)")
                }
                guard let prompt = session.currentTurn().prompt else {
                    if Int.random(in: 0..<3, using: &rng) == 0, let target = session.reachableSteps().randomElement(using: &rng) {
                        _ = session.handle(.goto(target))
                        continue
                    }
                    break
                }
                let roll = Int.random(in: 0..<100, using: &rng)
                switch roll {
                case 0..<8: _ = session.handle(.back)
                case 8..<16:
                    if let target = session.reachableSteps().randomElement(using: &rng) { _ = session.handle(.goto(target)) }
                case 16..<20: _ = session.handle(.skip(step: prompt.step))
                case 20..<21: _ = session.handle(.restart)
                case 21..<22: session.setToday(Fixtures.monday.adding(days: Int.random(in: 0..<9, using: &rng)))
                case 22..<26: _ = session.handle(.answer(.text("not valid ###"), step: prompt.step))
                default:
                    for candidate in PropertyTests.candidates(for: prompt, rng: &rng) {
                        if case .success(let t) = session.handle(.answer(.text(candidate), step: prompt.step)), t.invalid == nil {
                            break
                        }
                    }
                }
            }
            // A session carried on from its state walks its route again.
            let resumed = Session(playbook: playbook, state: session.state)
            #expect(resumed.route().map(\.key) == resumed.walk().map(\.key))
        }
        if !playbook.hasGroups { #expect(remembered > 0) }
    }
}
