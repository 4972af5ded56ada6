package io.github.flinksslext.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.Optional;

/** Where a keystore or truststore is, how to open it, and which options said so. */
public final class StoreLocation {

    private final OptionValue path;
    private final String passwordKey;
    private final Secret password;
    private final OptionValue type;
    private final String keyPasswordKey;
    private final Secret keyPassword;

    StoreLocation(
            OptionValue path,
            String passwordKey,
            Secret password,
            OptionValue type,
            String keyPasswordKey,
            Secret keyPassword) {
        this.path = path;
        this.passwordKey = passwordKey;
        this.password = password;
        this.type = type;
        this.keyPasswordKey = keyPasswordKey;
        this.keyPassword = keyPassword;
    }

    public Path path() {
        return Paths.get(path.value());
    }

    /** The option key the path came from. */
    public String pathKey() {
        return path.key();
    }

    public String passwordKey() {
        return passwordKey;
    }

    public Secret password() {
        return password;
    }

    public String type() {
        return type.value();
    }

    public String typeKey() {
        return type.key();
    }

    /** Key stores only: the option the key password came from. */
    public String keyPasswordKey() {
        return keyPasswordKey;
    }

    /** Key stores only: the password of the private key entries. */
    public Optional<Secret> keyPassword() {
        return Optional.ofNullable(keyPassword);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StoreLocation)) {
            return false;
        }
        StoreLocation other = (StoreLocation) o;
        return path.equals(other.path)
                && password.equals(other.password)
                && type.equals(other.type)
                && Objects.equals(keyPassword, other.keyPassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, password, type, keyPassword);
    }

    @Override
    public String toString() {
        return path.value() + " (" + type.value() + ", from '" + path.key() + "')";
    }
}
