package io.github.flinksslext.cluster;

import javax.net.ssl.SSLContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A REST client that is not Flink: the JDK's HttpClient, with the host name checked as browsers do. */
public final class RestProbe {

    /** The answer and the TLS session it came over. */
    public static final class Answer {
        public final int status;
        public final String body;
        public final String protocol;
        public final String cipherSuite;

        Answer(int status, String body, String protocol, String cipherSuite) {
            this.status = status;
            this.body = body;
            this.protocol = protocol;
            this.cipherSuite = cipherSuite;
        }
    }

    private RestProbe() {}

    /**
     * Asks until the endpoint answers 200: right after start the REST server answers 503 until its
     * dispatcher is elected. Fails with the last answer after {@code timeout}.
     */
    public static Answer getWhenReady(SSLContext tls, URI rest, String path, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer answer = get(tls, rest, path);
        while (answer.status != 200 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // poll interval, not a synchronisation
            answer = get(tls, rest, path);
        }
        return answer;
    }

    public static Answer get(SSLContext tls, URI rest, String path) throws Exception {
        return get(tls, tls.getDefaultSSLParameters(), rest, path);
    }

    /** @param offered the protocols and suites the client offers, e.g. what Flink without the jar offers */
    public static Answer get(SSLContext tls, javax.net.ssl.SSLParameters offered, URI rest, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).sslParameters(offered)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("https://localhost:" + rest.getPort() + path);
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.body(),
                response.sslSession().map(s -> s.getProtocol()).orElse(null),
                response.sslSession().map(s -> s.getCipherSuite()).orElse(null));
    }
}
