package io.github.flinksslext.bootstrap;

import io.github.flinksslext.config.SslConfigurationException;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;

/**
 * The jar's early hook. Every Flink process (JobManager, TaskManager, CLI) calls
 * {@code FileSystem.initialize}, which configures each {@link FileSystemFactory} listed in
 * {@code META-INF/services} with the process's configuration, before security set-up and before
 * RPC starts, and lets an exception stop the process with its message. That is the only place
 * that runs code from {@code lib/} that early without any configuration entry. This factory uses
 * it for {@link ProcessStart} and is no file system: the scheme it claims is one nobody writes by
 * accident, and asking it for a file system fails.
 */
public final class TlsBootstrapFileSystemFactory implements FileSystemFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TlsBootstrapFileSystemFactory.class);

    /** Claimed so that Flink has a key to list the factory under; not a file system. */
    public static final String SCHEME = "flink-ssl-ext-bootstrap";

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public void configure(Configuration config) {
        try {
            ProcessStart.run(config);
        } catch (SslConfigurationException e) {
            // a TaskManager lets this escape main() unlogged: the process's log says it first
            LOG.error("{}", e.getMessage());
            throw e;
        }
    }

    @Override
    public FileSystem create(URI uri) throws IOException {
        throw new IOException("'" + SCHEME + "' is not a file system: flink-ssl-ext registers the scheme only to run"
                + " its TLS checks when a Flink process starts");
    }
}
