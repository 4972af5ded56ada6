package io.github.flinksslext.testing;

import io.github.flinksslext.testing.TestCertificates.Identity;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * A peer built with plain Netty, around the jar: it presents certificates the jar would refuse to
 * load for itself (expired, not yet valid) or none at all, and trusts anything, so that only the
 * verifying side under test decides.
 */
public final class RawPeer {

    private RawPeer() {}

    /** A server presenting {@code identity}, asking clients for a certificate but accepting any. */
    public static SSLHandlerFactory server(Identity identity) throws Exception {
        return new SSLHandlerFactory(
                SslContextBuilder.forServer(identity.keys.getPrivate(), identity.chain)
                        .sslProvider(SslProvider.JDK)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE)
                        .clientAuth(ClientAuth.OPTIONAL)
                        .build(),
                -1, -1);
    }

    /** A client presenting {@code identity}, or no certificate when it is null, trusting any server. */
    public static SSLHandlerFactory client(Identity identity) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
        if (identity != null) {
            builder.keyManager(identity.keys.getPrivate(), identity.chain);
        }
        return new SSLHandlerFactory(builder.build(), -1, -1);
    }
}
