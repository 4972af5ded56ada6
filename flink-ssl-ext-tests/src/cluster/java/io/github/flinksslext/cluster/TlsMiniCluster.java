package io.github.flinksslext.cluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.net.URI;

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

    /** Jobs go in through Flink's REST client, over TLS, as the CLI submits them. */
    public StreamExecutionEnvironment remoteEnvironment(Configuration clientConfig) {
        return StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(), clientConfig);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
