/// Short, human-friendly session ids like `s-7k3m9q` (no 0, 1, i, l or o to misread).
public enum SessionID {
    static let alphabet = Array("23456789abcdefghjkmnpqrstuvwxyz")

    /// A new random id: `s-` and six characters (about 887 million possibilities).
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var id = "s-"
        for _ in 0..<6 {
            id.append(alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))])
        }
        return id
    }

    /// Whether `id` can be used as a session id: 1 to 64 characters, no spaces or control characters.
    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64
            && !id.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }
}
