#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The distinct routes the sessions of one playbook have taken, each kept once and shared: a session remembers its
/// route as a reference to one of them, so reading it builds nothing and a session holds one pointer for it.
final class RouteTable: @unchecked Sendable {
    /// A route through a playbook without repeated groups: top-level step indices and their slots.
    final class Route: Sendable {
        let indices: [UInt16]
        let slots: [Session.Slot]

        init(indices: [UInt16], slots: [Session.Slot]) {
            self.indices = indices
            self.slots = slots
        }
    }

    /// At most this many routes are kept per playbook; past it, routes are made afresh each time they are needed.
    static let limit = 512

    private var routes: [[UInt16]: Route] = [:]
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// The shared route with these indices, made with `slots` the first time.
    func route(_ indices: [UInt16], slots: () -> [Session.Slot]) -> Route {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let known = routes[indices] { return known }
        let made = Route(indices: indices, slots: slots())
        if routes.count < RouteTable.limit { routes[indices] = made }
        return made
    }
}
