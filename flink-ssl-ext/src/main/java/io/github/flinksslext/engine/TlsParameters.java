package io.github.flinksslext.engine;

import java.util.List;

/** The protocols and cipher suites a context enables, after checking them against the engine. */
public final class TlsParameters {

    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final List<String> droppedCipherSuites;
    private final List<String> keyExchangeGroups;

    TlsParameters(List<String> protocols, List<String> cipherSuites, List<String> droppedCipherSuites,
            List<String> keyExchangeGroups) {
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.droppedCipherSuites = droppedCipherSuites;
        this.keyExchangeGroups = keyExchangeGroups;
    }

    /** The groups the context offers, in order (BoringSSL's names); empty: the JDK engine's own. */
    public List<String> keyExchangeGroups() {
        return keyExchangeGroups;
    }

    public List<String> protocols() {
        return protocols;
    }

    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** Configured suites the engine lacks; empty for the default list. */
    public List<String> droppedCipherSuites() {
        return droppedCipherSuites;
    }

    public String[] protocolArray() {
        return protocols.toArray(new String[0]);
    }
}
