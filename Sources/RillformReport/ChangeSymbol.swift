import RillformPlan

/// Terraform's change symbols; the legend lists only those that appear in a plan, in this order.
enum ChangeSymbol: CaseIterable {
    case create, update, delete, replace

    init?(_ operation: ChangeOperation) {
        switch operation {
        case .create: self = .create
        case .update: self = .update
        case .delete: self = .delete
        case .replace: self = .replace
        case .noOp: return nil
        }
    }

    /// The bare symbol: `+`, `~`, `-`, `-/+`.
    var text: String {
        switch self {
        case .create: "+"
        case .update: "~"
        case .delete: "-"
        case .replace: "-/+"
        }
    }

    var legend: String {
        switch self {
        case .create: "create"
        case .update: "update in-place"
        case .delete: "destroy"
        case .replace: "destroy and then create replacement"
        }
    }

    /// The symbol right-aligned in three columns, coloured: green `+`, yellow `~`, red `-`.
    func padded(_ style: TerminalStyle) -> String {
        switch self {
        case .create: "  " + style.green("+")
        case .update: "  " + style.yellow("~")
        case .delete: "  " + style.red("-")
        case .replace: style.red("-") + "/" + style.green("+")
        }
    }

    func colored(_ style: TerminalStyle) -> String {
        switch self {
        case .create: style.green("+")
        case .update: style.yellow("~")
        case .delete: style.red("-")
        case .replace: style.red("-") + "/" + style.green("+")
        }
    }
}
