package io.github.flinksslext.config;

import org.apache.flink.configuration.IllegalConfigurationException;

/**
 * A TLS setting that cannot work, reported before anything connects. The message names the
 * option key, says what is wrong with the value and how to fix it; it never contains a password
 * or key material.
 */
public class SslConfigurationException extends IllegalConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String optionKey;

    public SslConfigurationException(String optionKey, String problem, String fix) {
        this(optionKey, problem, fix, null);
    }

    public SslConfigurationException(String optionKey, String problem, String fix, Throwable cause) {
        super(format(optionKey, problem, fix), cause);
        this.optionKey = optionKey;
    }

    /** The key of the option whose value is wrong. */
    public String optionKey() {
        return optionKey;
    }

    private static String format(String optionKey, String problem, String fix) {
        return "Invalid TLS setting '" + optionKey + "': " + problem + ". Fix: " + fix;
    }
}
