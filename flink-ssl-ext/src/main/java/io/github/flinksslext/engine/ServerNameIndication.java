package io.github.flinksslext.engine;

import io.netty.internal.tcnative.SSL;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import org.apache.flink.shaded.netty4.io.netty.util.NetUtil;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import java.util.Collections;
import java.util.List;

/**
 * The server name a client engine sends (SNI), set once the connection's host is known and before
 * the handshake starts. Netty and the JDK send the host an engine was created with only when it
 * holds a dot, so a Kubernetes service's short name or "localhost" would go unsent.
 */
public final class ServerNameIndication {

    private ServerNameIndication() {}

    /** Asks a client engine to send {@code host}; an IP literal (TLS forbids it) or a name SNI cannot carry is not sent. */
    public static void request(SSLEngine engine, String host) {
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return;
        }
        SNIHostName name;
        try {
            name = new SNIHostName(host);
        } catch (IllegalArgumentException e) {
            return; // a trailing dot, an underscore: the certificate check still runs
        }
        if (engine instanceof ReferenceCountedOpenSslEngine) {
            // setSSLParameters would also set the suites and protocols again through JNI, for each connection:
            // 1.7 % of an OPENSSL REST request's CPU (async-profiler, 2026-11-29); the name alone goes straight to BoringSSL
            synchronized (engine) {
                long ssl = ((ReferenceCountedOpenSslEngine) engine).sslPointer();
                if (ssl != 0) {
                    SSL.setTlsExtHostName(ssl, name.getAsciiName());
                }
            }
            return;
        }
        List<SNIServerName> names = Collections.singletonList(name);
        SSLParameters parameters = engine.getSSLParameters();
        if (!names.equals(parameters.getServerNames())) {
            parameters.setServerNames(names);
            engine.setSSLParameters(parameters);
        }
    }
}
