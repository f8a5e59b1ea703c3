import Foundation

/// Finds the project's own folders (`Data/`, `Templates/`): in the current directory, else in the
/// nearest ancestor of the executable that has them (`.build/release/levelfield` → the checkout).
package enum ProjectResources {
    /// The folder `name` holding `marker`, or `nil`.
    package static func locate(_ name: String, containing marker: String, currentDirectory: String,
                               executablePath: String?) -> String? {
        let fileManager = FileManager.default
        func candidate(in directory: URL) -> String? {
            let folder = directory.appendingPathComponent(name)
            return fileManager.fileExists(atPath: folder.appendingPathComponent(marker).path) ? folder.path : nil
        }
        let cwd = URL(fileURLWithPath: currentDirectory)
        if fileManager.fileExists(atPath: cwd.appendingPathComponent(name).appendingPathComponent(marker).path) {
            return name  // relative, so messages and the manifest show `Data/outcomes.csv`
        }
        guard let executablePath else { return nil }
        var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if let found = candidate(in: directory) { return found }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The synthetic breakdown rows beside `Data/outcomes.csv` (`breakdowns-<period>.csv`, one
    /// file per period so that each stays small), by name.
    package static func breakdownFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("breakdowns-") && $0.hasSuffix(".csv") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { folder + "/" + $0 }
    }
}
