/// The version of Coach, shown by `coach --version` and in the protocol's `serverInfo`.
public enum CoachVersion {
    public static let current = "0.1.0"
}
