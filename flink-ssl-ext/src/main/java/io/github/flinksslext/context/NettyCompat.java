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
     * Sets the builder's endpoint identification where Netty has the setting (4.2); a no-op on 4.1.
     *
     * @return whether every engine of the built context carries the setting (on 4.1 only "none",
     *     Netty's default there, does)
     */
    static boolean endpointIdentification(SslContextBuilder builder, String algorithm) {
        if (ENDPOINT_IDENTIFICATION == null) {
            return algorithm == null;
        }
        try {
            Object ignored = ENDPOINT_IDENTIFICATION.invoke(builder, algorithm);
            return true;
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
