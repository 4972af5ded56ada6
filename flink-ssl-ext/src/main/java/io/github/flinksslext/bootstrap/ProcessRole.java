package io.github.flinksslext.bootstrap;

/**
 * Whether the early hook runs in a process that is about to start Flink's RPC layer (a JobManager
 * or a TaskManager) or in one that is not (the CLI, a client, a test). Told by Flink's own entry
 * points on the call stack: Flink passes the hook nothing else to tell them apart.
 */
public enum ProcessRole {
    CLUSTER_COMPONENT,
    OTHER;

    private static final String[] ENTRY_POINTS = {
        "org.apache.flink.runtime.entrypoint.ClusterEntrypoint",
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
    };

    static ProcessRole ofCaller() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            for (String entryPoint : ENTRY_POINTS) {
                if (frame.getClassName().equals(entryPoint)) {
                    return CLUSTER_COMPONENT;
                }
            }
        }
        return OTHER;
    }
}
