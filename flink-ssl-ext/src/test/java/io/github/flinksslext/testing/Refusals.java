package io.github.flinksslext.testing;

import io.github.flinksslext.config.SslConfigurationException;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static io.github.flinksslext.testing.TlsFixture.KEY_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.STORE_PASSWORD;
import static io.github.flinksslext.testing.TlsFixture.TRUST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Asserts a setting is refused at context creation the way operators need it. */
public final class Refusals {

    private Refusals() {}

    /** The refusal names the key and a fix and leaks no password; returns the message for more checks. */
    public static String refused(ThrowingCallable creation, String optionKey) {
        Throwable error = catchThrowable(creation);
        assertThat(error).as("expected a refusal naming %s", optionKey).isInstanceOf(SslConfigurationException.class);
        assertThat(((SslConfigurationException) error).optionKey()).isEqualTo(optionKey);
        String message = error.getMessage();
        assertThat(message).contains("'" + optionKey + "'").contains("Fix:");
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()))
                    .doesNotContain(STORE_PASSWORD).doesNotContain(KEY_PASSWORD).doesNotContain(TRUST_PASSWORD);
        }
        return message;
    }
}
