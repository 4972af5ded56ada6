package io.github.flinksslext.engine;

import java.util.List;

/** The protocols and cipher suites a context enables, after checking them against the engine. */
public final class TlsParameters {

    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final List<String> droppedCipherSuites;

    TlsParameters(List<String> protocols, List<String> cipherSuites, List<String> droppedCipherSuites) {
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.droppedCipherSuites = droppedCipherSuites;
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
