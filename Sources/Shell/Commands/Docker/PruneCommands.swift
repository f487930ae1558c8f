import DockerAPI

/// The prune family with docker's flags and warnings (docker/cli cli/command/{container,image,
/// network,volume,system}/prune.go at v28.2.2, the CLI the parity tests run).
enum PruneCommands {
    static let question = "\nAre you sure you want to continue?"

    static let container = PruneCommand(
        path: "container prune", summary: "Remove all stopped containers",
        flags: [PruneCommand.force, PruneCommand.filter("until=<timestamp>")],
        warning: { _, _, _ in "WARNING! This will remove all stopped containers." + question },
        steps: { _, filters in [PruneStep(target: .containers, filters: filters, all: false)] }
    ).spec

    static let image = PruneCommand(
        path: "image prune", summary: "Remove unused images",
        flags: [
            FlagSpec("all", short: "a", help: "Remove all unused images, not just dangling ones"),
            PruneCommand.force, PruneCommand.filter("until=<timestamp>"),
        ],
        warning: { arguments, _, _ in
            (arguments.isOn("all") ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.") + question
        },
        steps: { arguments, filters in [PruneStep(target: .images, filters: filters, all: arguments.isOn("all"))] }
    ).spec

    static let network = PruneCommand(
        path: "network prune", summary: "Remove all unused networks",
        flags: [PruneCommand.force, PruneCommand.filter("until=<timestamp>")],
        warning: { _, _, _ in "WARNING! This will remove all custom networks not used by at least one container." + question },
        steps: { _, filters in [PruneStep(target: .networks, filters: filters, all: false)] },
        reportsSpace: false
    ).spec

    static let volume = PruneCommand(
        path: "volume prune", summary: "Remove unused local volumes",
        flags: [
            FlagSpec("all", short: "a", help: "Remove all unused volumes, not just anonymous ones"),
            PruneCommand.force, PruneCommand.filter("label=<label>"),
        ],
        warning: { arguments, _, oldest in
            // Engines before API 1.42 remove named volumes too, whatever -a says.
            let all = arguments.isOn("all") || (oldest ?? PruneStep.volumeAllVersion) < PruneStep.volumeAllVersion
            return (all ? "WARNING! This will remove all local volumes not used by at least one container."
                : "WARNING! This will remove anonymous local volumes not used by at least one container.") + question
        },
        steps: { arguments, filters in [PruneStep(target: .volumes, filters: filters, all: arguments.isOn("all"))] }
    ).spec

    static let system = PruneCommand(
        path: "system prune", summary: "Remove unused data",
        flags: [
            PruneCommand.force,
            FlagSpec("all", short: "a", help: "Remove all unused images not just dangling ones"),
            FlagSpec("volumes", help: "Prune anonymous volumes"),
            PruneCommand.filter("label=<key>=<value>"),
        ],
        warning: { arguments, filters, _ in systemWarning(arguments, filters) },
        steps: { arguments, filters throws(ShellUsageError) in
            let volumes = arguments.isOn("volumes")
            if volumes && filters.values["until"] != nil {
                throw ShellUsageError("ERROR: The \"until\" filter is not supported with \"--volumes\"")
            }
            let all = arguments.isOn("all")
            // docker's order: containers, networks, volumes, images, build cache (system/prune.go runPrune).
            return [PruneStep(target: .containers, filters: filters, all: false), PruneStep(target: .networks, filters: filters, all: false)]
                + (volumes ? [PruneStep(target: .volumes, filters: filters, all: false)] : [])
                + [PruneStep(target: .images, filters: filters, all: all), PruneStep(target: .buildCache, filters: filters, all: all)]
        }
    ).spec

    /// docker's `confirmationTemplate` rendered (system/prune.go confirmationMessage).
    static func systemWarning(_ arguments: ParsedArguments, _ filters: Filters) -> String {
        let all = arguments.isOn("all")
        var warnings = ["all stopped containers", "all networks not used by at least one container"]
        if arguments.isOn("volumes") { warnings.append("all anonymous volumes not used by at least one container") }
        warnings.append(all ? "all images without at least one container associated to them" : "all dangling images")
        warnings.append(all ? "all build cache" : "unused build cache")
        var text = "WARNING! This will remove:" + warnings.map { "\n  - " + $0 }.joined() + "\n"
        let shown = ["label", "label!", "until"].flatMap { name in (filters.values[name] ?? []).map { "\(name)=\($0)" } }
            .sorted { NaturalOrder.less($0, $1) }
        if !shown.isEmpty {
            text += "\n  Items to be pruned will be filtered with:" + shown.map { "\n  - " + $0 }.joined() + "\n"
        }
        return text + question
    }
}
