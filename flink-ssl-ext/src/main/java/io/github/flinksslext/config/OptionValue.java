package io.github.flinksslext.config;

import java.util.Objects;

/** A value read from the configuration together with the key that supplied it. */
public final class OptionValue {

    private final String key;
    private final String value;

    OptionValue(String key, String value) {
        this.key = key;
        this.value = value;
    }

    /** The key the value was found under (the option itself or one of its fallbacks). */
    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptionValue)) {
            return false;
        }
        OptionValue other = (OptionValue) o;
        return key.equals(other.key) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
