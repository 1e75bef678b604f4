import Foundation
import RillformPlan

/// Reads the plan file given to `apply PLANFILE`, with messages that say which file, what is wrong, and what to
/// do: never a decoder's dump (`DecodingError.keyNotFound … CodingKeys(…)`).
enum SavedPlanFile {
    static func read(_ path: String) throws -> Plan {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("the saved plan \(path) does not exist; make one with `rillform plan -f PATH… --out \(path)`")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw CommandError("cannot read the saved plan \(path): "
                + (isDirectory.boolValue ? "it is a folder" : "permission denied or not a regular file"))
        }
        do {
            return try Plan(jsonData: data)
        } catch {
            throw CommandError("\(path) is not a usable rillform plan: \(problem(error)). "
                + "Make a new one with `rillform plan -f PATH… --out \(path)`; do not edit saved plans by hand.")
        }
    }

    /// What is wrong, with the JSON path (`changes[2].address`) and never the offending value.
    static func problem(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func at(_ context: DecodingError.Context) -> String {
            var path = ""
            for key in context.codingPath {
                if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
            }
            return path.isEmpty ? "at the top level" : "at \(path)"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "the key '\(key.stringValue)' is missing \(at(context))"
        case .typeMismatch(let type, let context):
            return "\(at(context)) the value is not \(readable(type))"
        case .valueNotFound(let type, let context):
            return "\(at(context)) a \(readable(type)) is required but the value is null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "it is not valid JSON" }
            return "\(at(context)) the value is malformed"
        @unknown default:
            return "it could not be decoded"
        }
    }

    private static func readable(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
