import Foundation
import RillformManifest
import RillformModel

/// Reads manifest files for the commands that take `-f PATH…` (validate, plan, apply).
/// A directory stands for all `*.yaml`/`*.yml` files below it (hidden entries skipped), sorted by path.
enum ManifestFiles {
    /// The files a list of paths expands to, with diagnostics for paths that cannot be used.
    static func expand(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.manifest(.unreadableFile, "no such file or directory: \(path)", at: nil))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            let enumerator = fileManager.enumerator(
                at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
            let base = URL(fileURLWithPath: path).standardizedFileURL.path
            while let url = enumerator?.nextObject() as? URL {
                let name = url.lastPathComponent
                guard name.hasSuffix(".yaml") || name.hasSuffix(".yml"),
                      (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
                else { continue }
                let full = url.standardizedFileURL.path
                let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : full
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            if found.isEmpty {
                diagnostics.append(.manifest(.noManifestFiles, "no *.yaml or *.yml files in directory \(path)",
                                             at: nil))
            }
            files += found.sorted()
        }
        var seen = Set<String>()
        let unique = files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
        return (unique, diagnostics)
    }

    /// Reads the expanded files as UTF-8 texts.
    static func read(_ paths: [String]) -> (sources: [ManifestSource], diagnostics: [Diagnostic]) {
        let (files, expandDiagnostics) = expand(paths)
        var diagnostics = expandDiagnostics
        var sources: [ManifestSource] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.append(.manifest(.unreadableFile, "cannot read \(file)", at: nil))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.manifest(.unreadableFile, "\(file) is not UTF-8 text", at: nil))
                continue
            }
            sources.append(ManifestSource(path: file, text: text))
        }
        return (sources, diagnostics)
    }

    /// Everything `validate` needs to report: the load result plus the texts (for snippets) and the file count.
    static func load(paths: [String], environment: [String: String]) -> (result: ManifestLoadResult,
                                                                          sources: [ManifestSource])
    {
        let (sources, readDiagnostics) = read(paths)
        var result = ManifestLoader.load(files: sources, environment: environment)
        if !readDiagnostics.isEmpty {
            result.diagnostics = (readDiagnostics + result.diagnostics).sorted()
            result.state = nil
        }
        return (result, sources)
    }
}

/// Loads the manifest named by `-f` paths (files and directories): the desired state, or `nil` with the errors.
/// Warnings come back alongside a non-nil state.
func loadManifest(paths: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
    -> (DesiredState?, [Diagnostic])
{
    let (result, _) = ManifestFiles.load(paths: paths, environment: environment)
    return (result.state, result.diagnostics)
}
