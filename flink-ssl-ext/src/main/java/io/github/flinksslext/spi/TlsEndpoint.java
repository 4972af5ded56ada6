package io.github.flinksslext.spi;

/** Which of Flink's TLS endpoints a context is for. */
public enum TlsEndpoint {
    /** TaskManager data plane, blob server and client, RPC. Always mutual TLS. */
    INTERNAL,
    /** The REST endpoint and its clients (CLI, web UI, RestClusterClient). */
    REST
}
