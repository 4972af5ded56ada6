package io.github.flinksslext.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@code generate} writes an endpoint's keystore and truststore, and the Flink options that
 * name them. The seam for further formats: a PEM store type writes its files here and returns its
 * own options; the rest of {@code generate} (certificates, pins, snippet, curl line) stays as is.
 */
interface StoreFormat {

    /**
     * @param endpoint "internal" or "rest", the infix of the option keys
     * @param installed where a written file will be on the Flink hosts, as the options name it
     * @return the options for this keystore, in order
     */
    Map<String, String> keyStore(MaterialFiles files, String endpoint, PrivateKey key, X509Certificate[] chain,
            Function<Path, String> installed) throws IOException;

    Map<String, String> trustStore(MaterialFiles files, String endpoint, X509Certificate[] trusted,
            Function<Path, String> installed) throws IOException;

    /** PKCS12, which Flink and every JDK read, with one password for store and key. */
    final class Pkcs12 implements StoreFormat {

        private final String password;

        Pkcs12(String password) {
            this.password = password;
        }

        @Override
        public Map<String, String> keyStore(MaterialFiles files, String endpoint, PrivateKey key, X509Certificate[] chain,
                Function<Path, String> installed) throws IOException {
            Path file = files.keyStore(endpoint + ".keystore.p12", "flink-" + endpoint, key, chain, password.toCharArray());
            Map<String, String> options = new LinkedHashMap<>();
            options.put("security.ssl." + endpoint + ".keystore", installed.apply(file));
            options.put("security.ssl." + endpoint + ".keystore-password", password);
            options.put("security.ssl." + endpoint + ".key-password", password);
            options.put("security.ssl." + endpoint + ".keystore-type", "PKCS12");
            return options;
        }

        @Override
        public Map<String, String> trustStore(MaterialFiles files, String endpoint, X509Certificate[] trusted,
                Function<Path, String> installed) throws IOException {
            Path file = files.trustStore(endpoint + ".truststore.p12", password.toCharArray(), trusted);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("security.ssl." + endpoint + ".truststore", installed.apply(file));
            options.put("security.ssl." + endpoint + ".truststore-password", password);
            options.put("security.ssl." + endpoint + ".truststore-type", "PKCS12");
            return options;
        }
    }
}
