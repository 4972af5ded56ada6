/*
 * The hook of flink-ssl-ext. Flink's start scripts put lib/*.jar on the classpath before
 * flink-dist, so this class is found in place of Flink's own SSLUtils. It has exactly the public
 * and package-private members of Flink's class (identical from 1.20.x to 2.3.x) and no logic of
 * its own: every call goes to the configured SslContextFactory through FlinkSslHook.
 */
package org.apache.flink.runtime.net;

import io.github.flinksslext.hook.FlinkSslHook;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ClientAuth;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

/** Flink's TLS entry point, handed over to flink-ssl-ext. */
public class SSLUtils {

    /** Creates server sockets for the blob server (internal, mutual TLS). */
    public static ServerSocketFactory createSSLServerSocketFactory(Configuration config) throws Exception {
        return FlinkSslHook.blobServerSockets(config);
    }

    /** Creates client sockets for the blob client (internal, mutual TLS). */
    public static SocketFactory createSSLClientSocketFactory(Configuration config) throws Exception {
        return FlinkSslHook.blobClientSockets(config);
    }

    /** TLS handlers for internal server endpoints (data plane, RPC). */
    public static SSLHandlerFactory createInternalServerSSLEngineFactory(Configuration config) throws Exception {
        return FlinkSslHook.internalServerHandlers(config);
    }

    /** TLS handlers for internal client endpoints (data plane, RPC). */
    public static SSLHandlerFactory createInternalClientSSLEngineFactory(Configuration config) throws Exception {
        return FlinkSslHook.internalClientHandlers(config);
    }

    /** TLS handlers for the REST server. */
    public static SSLHandlerFactory createRestServerSSLEngineFactory(Configuration config) throws Exception {
        return FlinkSslHook.restServerHandlers(config);
    }

    /** TLS handlers for REST clients. */
    public static SSLHandlerFactory createRestClientSSLEngineFactory(Configuration config) throws Exception {
        return FlinkSslHook.restClientHandlers(config);
    }

    static SslProvider getSSLProvider(Configuration config) {
        return FlinkSslHook.provider(config);
    }

    /** A JDK context for REST clients or servers; null when REST TLS is off. */
    public static SSLContext createRestSSLContext(Configuration config, boolean clientMode) throws Exception {
        return FlinkSslHook.restJdkContext(config, clientMode);
    }

    /** A Netty context for the REST endpoint; null when REST TLS is off. */
    public static SslContext createRestNettySSLContext(
            Configuration config, boolean clientMode, ClientAuth clientAuth, SslProvider provider) throws Exception {
        return FlinkSslHook.restNettyContext(config, clientMode, clientAuth, provider);
    }
}
