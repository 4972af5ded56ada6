package io.github.flinksslext.context;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContextBuilder;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The one difference between the Netty 4.1 (Flink 1.20 to 2.2) and 4.2 (Flink 2.3) builders that
 * matters here: 4.2 verifies HTTPS hostnames on every client context unless told otherwise, and
 * only 4.2 has the builder method to say so.
 */
final class NettyCompat {

    private static final MethodHandle ENDPOINT_IDENTIFICATION = findEndpointIdentification();

    private NettyCompat() {}

    /**
     * No endpoint identification on the engines the builder makes: Netty 4.2 verifies HTTPS host
     * names by default (against the host an engine was created with), 4.1 never does. The jar's
     * trust manager checks host names where configured, against the host actually connected to.
     */
    static void withoutEndpointIdentification(SslContextBuilder builder) {
        if (ENDPOINT_IDENTIFICATION == null) {
            return; // Netty 4.1: off by default
        }
        try {
            Object ignored = ENDPOINT_IDENTIFICATION.invoke(builder, (String) null);
        } catch (Throwable t) {
            throw new IllegalStateException("Netty rejected the endpoint identification setting", t);
        }
    }

    private static MethodHandle findEndpointIdentification() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(
                            SslContextBuilder.class,
                            "endpointIdentificationAlgorithm",
                            MethodType.methodType(SslContextBuilder.class, String.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
