// The one version number of Entente.

/// Entente's version (semantic versioning): the CLI's `--version`, the TMX header's
/// `creationtoolversion` and the SARIF driver's `version` all read it.
public let ententeVersion = "0.2.0"
