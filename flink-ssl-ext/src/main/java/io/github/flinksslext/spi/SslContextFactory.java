package io.github.flinksslext.spi;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

/**
 * Builds every TLS context Flink's Netty stack uses. Choose an implementation with
 * {@code security.ssl.context-factory: <class name>}; it needs a public no-argument constructor and
 * must be safe to call from several threads. The jar calls it only for endpoints whose TLS is on.
 *
 * <p>Return a context built with {@code SslContextBuilder} of Flink's shaded Netty. When
 * {@link SslContextRequest#provider()} is {@code JDK} the caller needs the JDK {@code SSLContext}
 * underneath (the blob server's sockets use it): return a JDK-provider context then.
 *
 * <p>Throw an exception whose message says what is wrong when the configuration cannot work:
 * Flink reports it at startup, before anything connects.
 */
public interface SslContextFactory {

    SslContext createSslContext(SslContextRequest request) throws Exception;
}
