package io.github.flinksslext.spi;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslContext;

/** Factories that misbehave, for the loader's error messages. */
public final class TestFactories {

    private TestFactories() {}

    /** Does not implement the SPI. */
    public static final class NotAFactory {}

    public static final class ThrowingFactory implements SslContextFactory {
        public ThrowingFactory() {
            throw new IllegalStateException("vault unreachable");
        }

        @Override
        public SslContext createSslContext(SslContextRequest request) {
            throw new AssertionError("never constructed");
        }
    }

    public static final class NullFactory implements SslContextFactory {
        @Override
        public SslContext createSslContext(SslContextRequest request) {
            return null;
        }
    }
}
