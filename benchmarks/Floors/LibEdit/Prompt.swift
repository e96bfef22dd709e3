/// The prompt text, kept alive for the whole run (libedit reads it through a C callback).
nonisolated(unsafe) let floorPrompt: UnsafePointer<CChar> = {
    let text = Array("> ".utf8CString)
    let storage = UnsafeMutablePointer<CChar>.allocate(capacity: text.count)
    storage.initialize(from: text, count: text.count)
    return UnsafePointer(storage)
}()
