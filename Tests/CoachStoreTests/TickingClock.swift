import Synchronization

/// A clock that ticks one second per reading, from a fixed start, so times in tests are exact.
final class TickingClock: Sendable {
    let start: Double
    private let ticks = Atomic<Int>(0)

    init(start: Double = 1_700_000_000) {
        self.start = start
    }

    func now() -> Double {
        start + Double(ticks.add(1, ordering: .relaxed).newValue)
    }

    var function: @Sendable () -> Double {
        { self.now() }
    }
}
