package io.github.flinksslext.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code openssl s_client} as a peer the jar does not build: lines written to its stdin are sent
 * (a line starting with R renegotiates), its stdout and stderr are read line by line.
 */
public final class OpensslClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 20;
    private static final String EOF = "\u0000<eof>";

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private OpensslClient(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            } finally {
                lines.add(EOF);
            }
        }, "openssl-s_client-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code openssl s_client -connect 127.0.0.1:port} plus {@code options}. */
    public static OpensslClient connect(int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        command.addAll(List.of(options));
        return new OpensslClient(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * Sends a line; false if s_client has already ended (the server closed the connection first),
     * so there was nobody to send it.
     */
    public boolean send(String line) throws IOException, InterruptedException {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return true;
        } catch (IOException e) {
            if (process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Reads output until a line matches, or until s_client ends.
     *
     * @return whether a matching line came before the output ended
     */
    public boolean awaitLine(Predicate<String> matching) throws InterruptedException {
        while (true) {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("s_client said nothing for " + WAIT_SECONDS + " s; so far:\n" + output());
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                return false;
            }
            seen.add(line);
            if (matching.test(line)) {
                return true;
            }
        }
    }

    /** Waits for s_client to exit by itself (the server closed the connection). */
    public boolean exitsWithoutInput() throws InterruptedException {
        return process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Everything read so far. */
    public String output() {
        return String.join("\n", seen);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
