import Foundation

/// One line describing where the numbers were taken.
enum Machine {
    static func describe() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown CPU"
        return "\(ProcessInfo.processInfo.activeProcessorCount) CPUs (\(model)), \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }
}
