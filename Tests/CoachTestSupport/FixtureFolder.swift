import Foundation

/// Lists fixture folders for parameterized tests. Every listing throws when the folder is missing or holds
/// nothing that matches, so a test over it fails instead of running over no arguments at all.
public enum FixtureFolder {
    /// The files in `folder` whose names end in `.ext`, sorted by name.
    public static func files(in folder: URL, ext: String) throws -> [URL] {
        let names = try contents(of: folder).filter { $0.hasSuffix("." + ext) }
        guard !names.isEmpty else {
            throw FixtureError(message: "no .\(ext) file in \(folder.path): the fixtures are missing")
        }
        return names.map { folder.appendingPathComponent($0) }
    }

    /// The subfolders of `folder`, sorted by name.
    public static func folders(in folder: URL) throws -> [URL] {
        let urls = try contents(of: folder).map { folder.appendingPathComponent($0) }.filter { url in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
        }
        guard !urls.isEmpty else { throw FixtureError(message: "no folder in \(folder.path): the fixtures are missing") }
        return urls
    }

    private static func contents(of folder: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw FixtureError(message: "cannot list the fixture folder \(folder.path): \(error.localizedDescription)")
        }
    }
}
