package ai.devbot.sandbox.runner.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.devbot.sandbox.runner.CommandOutcome;
import ai.devbot.sandbox.runner.Limit;
import ai.devbot.sandbox.runner.ReportFile;
import ai.devbot.sandbox.runner.RunOutcome;

/**
 * Reads what a Job's driver ({@link JobSpecs#DRIVER}) printed: per command its output tails (base64), exit code,
 * duration and byte count, then the reports, then {@code done}. The commands' own output went to files, not to
 * the log; a command can still write to the driver's stdout and forge its own run's lines, which changes nothing
 * outside that run.
 */
final class RunLog {

    static final String MARK = "::devbot:: ";

    private RunLog() {
    }

    /** The outcome; {@code oomKilled}: the container ended by the OOM killer (charged to the last command). */
    static RunOutcome parse(String log, boolean oomKilled, int tailBytes) {
        Map<Integer, String[]> tails = new HashMap<>();
        List<CommandOutcome> commands = new ArrayList<>();
        List<ReportFile> reports = new ArrayList<>();
        Integer begun = null;
        for (String line : log.split("\n")) {
            if (!line.startsWith(MARK)) {
                continue;
            }
            String[] part = line.substring(MARK.length()).trim().split(" ", -1);
            switch (part[0]) {
                case "begin" -> begun = Integer.parseInt(part[1]);
                case "stdout", "stderr" -> tails.computeIfAbsent(Integer.parseInt(part[1]), i -> new String[] {"", ""})
                        [part[0].equals("stdout") ? 0 : 1] = decode(part.length > 2 ? part[2] : "", tailBytes);
                case "end" -> {
                    int index = Integer.parseInt(part[1]);
                    int exit = Integer.parseInt(part[2]);
                    String[] tail = tails.getOrDefault(index, new String[] {"", ""});
                    Limit limit = exit == 124 ? Limit.WALL_TIME : null;
                    commands.add(new CommandOutcome(exit, Long.parseLong(part[3]), limit,
                            limit == null ? null : "stopped at its time limit", tail[0], tail[1],
                            Long.parseLong(part[4]), false));
                    begun = null;
                }
                case "report" -> reports.add(new ReportFile(decode(part[1], Integer.MAX_VALUE),
                        decode(part.length > 2 ? part[2] : "", Integer.MAX_VALUE)));
                default -> {
                }
            }
        }
        if (begun != null) {
            // The container ended inside a command: the memory limit, or the Job's deadline.
            commands.add(new CommandOutcome(137, 0, oomKilled ? Limit.MEMORY : Limit.WALL_TIME,
                    oomKilled ? "ran out of memory" : "the sandbox Job reached its deadline", "", "", 0, false));
        } else if (oomKilled && !commands.isEmpty()) {
            CommandOutcome last = commands.remove(commands.size() - 1);
            commands.add(new CommandOutcome(last.exitCode(), last.durationMs(), Limit.MEMORY, "ran out of memory",
                    last.stdoutTail(), last.stderrTail(), last.outputBytes(), false));
        }
        return new RunOutcome(commands, reports);
    }

    private static String decode(String base64, int max) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return "";
        }
        int from = Math.max(0, bytes.length - max);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
