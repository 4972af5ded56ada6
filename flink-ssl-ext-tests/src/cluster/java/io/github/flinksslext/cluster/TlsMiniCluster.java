package io.github.flinksslext.cluster;

import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** An embedded Flink cluster with two TaskManagers of one slot each, so parallel tasks sit on different ones. */
public final class TlsMiniCluster implements AutoCloseable {

    private final MiniCluster cluster;
    private final URI rest;

    private TlsMiniCluster(MiniCluster cluster, URI rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    public static TlsMiniCluster start(Configuration config) throws Exception {
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(2)
                .setNumSlotsPerTaskManager(1)
                .build());
        try {
            cluster.start();
            return new TlsMiniCluster(cluster, cluster.getRestAddress().get());
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    public URI restAddress() {
        return rest;
    }

    /** The blob server's port, for clients that fetch blobs as TaskManagers do. */
    public int blobPort() {
        return cluster.getClusterInformation().getBlobServerPort();
    }

    /**
     * Jobs go in through Flink's REST client, over TLS, as the CLI submits them. The tests' clients do
     * not retry, so this first waits until the REST endpoint has found the elected dispatcher.
     */
    public StreamExecutionEnvironment remoteEnvironment(Configuration clientConfig) throws Exception {
        awaitDispatcherBehindRest(clientConfig);
        return StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(), clientConfig);
    }

    /**
     * Right after start the REST endpoint answers 503 "ongoing leader election" until its own leader
     * retriever has the dispatcher; MiniCluster exposes no future for that, so this asks, through the
     * same TLS client, until the answer is not 503. Any other failure (a refused handshake) is thrown.
     */
    private void awaitDispatcherBehindRest(Configuration clientConfig) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (RestClusterClient<StandaloneClusterId> client =
                new RestClusterClient<>(clientConfig, StandaloneClusterId.getInstance())) {
            while (true) {
                try {
                    client.listJobs().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!electionStillRunning(e) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // poll interval, not a synchronisation
                }
            }
        }
    }

    private static boolean electionStillRunning(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RestClientException
                    && ((RestClientException) t).getHttpResponseStatus().code() == 503) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
