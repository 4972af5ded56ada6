package io.github.flinksslext.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for Flink processes that other processes must know before they start (the JobManager's RPC
 * port, a TaskManager's data port). A port found free by binding port 0 comes from the kernel's
 * ephemeral range, and any process's next outgoing connection or bind to port 0 may take it before
 * the Flink process binds it (seen in CI: a JobManager's REST endpoint lost its port that way).
 * These ports come from below that range, where the kernel never hands out a port by itself; each
 * is checked free on loopback and given out once per JVM.
 */
public final class FreePorts {

    /** Below the ephemeral range of Linux (32768-60999 by default), above the well-known services. */
    private static final int LOWEST = 20000;
    private static final AtomicInteger NEXT = new AtomicInteger(-1);

    private FreePorts() {}

    /** A loopback port free now and outside the range the kernel gives out by itself. */
    public static int next() {
        int below = ephemeralRangeStart();
        if (below <= LOWEST) {
            return ephemeral(); // an unusual range: no room below it, fall back to what the kernel picks
        }
        int span = below - LOWEST;
        NEXT.compareAndSet(-1, ThreadLocalRandom.current().nextInt(span)); // parallel builds start apart
        for (int tried = 0; tried < span; tried++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement(), span);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + below);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        Path range = Paths.get("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            return Integer.parseInt(new String(Files.readAllBytes(range), StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 49152; // IANA's dynamic range, which macOS and Windows use
        }
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
