package io.github.flinksslext.config;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslProvider;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code security.ssl.internal.key-exchange-groups} or {@code security.ssl.rest.key-exchange-groups}
 * (falling back to {@code security.ssl.key-exchange-groups}) as written: an ordered list, or unset.
 * Only its form is checked here; which names the engine knows depends on the provider, which
 * Flink may still override, so {@code engine.KeyExchangeGroups} checks them when a context is built.
 */
public final class KeyExchangeGroupsSetting {

    private final String key;
    private final List<String> groups;

    private KeyExchangeGroupsSetting(String key, List<String> groups) {
        this.key = key;
        this.groups = groups;
    }

    /**
     * @param provider {@code security.ssl.provider}: with JDK a list is an error. Flink still asks for
     *     JDK contexts with OPENSSL configured (blob server, RPC); those keep the JDK's groups.
     */
    static KeyExchangeGroupsSetting parse(SslOption option, Configuration config, SslProvider provider) {
        Optional<OptionValue> value = option.lookup(config);
        if (value.isPresent() && provider == SslProvider.JDK) {
            throw new SslConfigurationException(
                    value.get().key(),
                    "'" + SslOptions.PROVIDER.key() + "' is JDK, and the jar sets key-exchange groups only on the OPENSSL"
                            + " engine: the JDK engine cannot set them per connection before Java 20 (this JVM is Java "
                            + Runtime.version().feature() + "), only JVM-wide through the system property"
                            + " jdk.tls.namedGroups, which is not the jar's to change",
                    "set '" + SslOptions.PROVIDER.key() + ": OPENSSL' (the bundled BoringSSL offers X25519MLKEM768),"
                            + " or remove the option so that the JDK uses its own groups");
        }
        return value
                .map(set -> new KeyExchangeGroupsSetting(set.key(),
                        ValueParsers.parseList(set, "list key-exchange groups in order of preference, e.g."
                                + " X25519MLKEM768,X25519,P-256, or remove the option for the default")))
                .orElse(new KeyExchangeGroupsSetting(option.key(), Collections.emptyList()));
    }

    /** The key that held the list (the endpoint's own or the shared fallback), for messages. */
    public String key() {
        return key;
    }

    public boolean configured() {
        return !groups.isEmpty();
    }

    /** As written, duplicates removed; empty when unset. */
    public List<String> groups() {
        return groups;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyExchangeGroupsSetting
                && key.equals(((KeyExchangeGroupsSetting) o).key)
                && groups.equals(((KeyExchangeGroupsSetting) o).groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, groups);
    }

    @Override
    public String toString() {
        return configured() ? key + "=" + groups : key + " unset";
    }
}
