package ai.devbot.sandbox.runner;

/** A limit the sandbox enforced by stopping a command. */
public enum Limit {
    WALL_TIME("wall-time", "ran longer than its time limit"),
    CPU_TIME("cpu-time", "used more CPU time than allowed"),
    MEMORY("memory", "used more memory than allowed"),
    PROCESSES("processes", "started more processes than allowed"),
    DISK("disk", "filled the sandbox's disk"),
    OUTPUT("output", "printed more output than allowed");

    private final String id;
    private final String description;

    Limit(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
