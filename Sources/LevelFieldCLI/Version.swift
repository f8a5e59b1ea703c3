/// LevelField's version, printed by `--version` and recorded in every page footer and manifest.
package enum LevelFieldVersion {
    /// Semantic version of this release.
    package static let current = "0.1.0"
}
