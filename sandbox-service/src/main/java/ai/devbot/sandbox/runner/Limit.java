package ai.devbot.sandbox.runner;

/** A limit the sandbox enforced by stopping a command; {@link #id()} is how results name it. */
public enum Limit {
    WALL_TIME("wall-time"),
    CPU_TIME("cpu-time"),
    MEMORY("memory"),
    PROCESSES("processes"),
    DISK("disk"),
    OUTPUT("output");

    private final String id;

    Limit(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
