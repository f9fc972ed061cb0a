package ai.devbot.sandbox.runner.local;

import java.io.IOException;
import java.util.List;

/** The cgroup one run's processes live in: what holds its memory and process count, and measures its CPU. */
interface RunCgroup extends AutoCloseable {

    /** Files the launcher writes its own pid into before it starts the sandbox (one per hierarchy). */
    List<String> attachFiles();

    /** CPU time used by every process of the run so far, in nanoseconds. */
    long cpuNanos() throws IOException;

    /** Times the kernel's OOM killer ended a process of the run. */
    long oomKills() throws IOException;

    /** Times a fork was refused because the run had its maximum of processes. */
    long forksRefused() throws IOException;

    /** Whether no process is left in the run. */
    boolean empty() throws IOException;

    /** Removes the cgroup (every process must be gone). */
    @Override
    void close() throws IOException;
}
