extension StepKey: JSONEncodable {
    /// The key's text form, as a string: `client`, `risks[2].owner`.
    public func write(to w: inout JSONWriter) {
        w.string(description)
    }
}
