package ai.devbot.sandbox.runner;

import java.util.List;

/** The commands that ran (in order; fewer than planned when one failed) and the reports they left. */
public record RunOutcome(List<CommandOutcome> commands, List<ReportFile> reports) {
}
