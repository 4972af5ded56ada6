package io.github.flinksslext.processes;

import io.github.flinksslext.cluster.KeyedSumJob;

import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink client in a JVM of its own, as an operator's CLI, the Kubernetes operator or a CI job
 * runs one: it loads the configuration directory as Flink does, initialises the file systems as
 * the CLI does, lists the jobs through Flink's RestClusterClient and submits the keyBy job.
 * Prints one line per step; exits 1 on the first failure.
 */
public final class FlinkClientProcess {

    private FlinkClientProcess() {}

    public static void main(String[] args) throws Exception {
        try {
            // as FlinkProcess starts it: --configDir <dir> <records>
            Configuration config = GlobalConfiguration.loadConfiguration(args[1]);
            long records = Long.parseLong(args[2]);
            FileSystem.initialize(config, null);
            try (RestClusterClient<String> client = new RestClusterClient<>(config, "flink-ssl-ext-client")) {
                System.out.println("jobs listed: " + client.listJobs().get().size());
            }
            String host = config.toMap().get("rest.address");
            int port = Integer.parseInt(config.toMap().get("rest.port"));
            KeyedSumJob.Result result = KeyedSumJob.run(
                    StreamExecutionEnvironment.createRemoteEnvironment(host, port, config), records);
            boolean exact = result.sums.equals(KeyedSumJob.expected(records));
            System.out.println("job result " + (exact ? "exact" : "WRONG: " + result.sums));
            System.exit(exact ? 0 : 1);
        } catch (Throwable t) {
            System.out.println("FAILED: " + t);
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
