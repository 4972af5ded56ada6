package io.github.flinksslext.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code check}: every TLS check a Flink process runs when it starts, without starting one. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {"Reads Flink's configuration as Flink does and runs, for every endpoint and side whose TLS is on, the checks a Flink process runs when it starts (stores, passwords, keys, dates, trust, pins, protocols, suites, a handshake between two processes) and what Flink's RPC layer (Pekko) will be given, without opening a port. Prints what would be offered and trusted, the pins, and warnings.", "Exit codes: 0 no problem (warnings allowed), 1 problems found, 2 usage errors."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<conf dir or file>",
            description = "Flink's configuration folder (config.yaml; flink-conf.yaml on Flink 1.20), or a file, e.g. a snippet from generate. Default: $FLINK_CONF_DIR, else $FLINK_HOME/conf, else the conf/ folder beside the lib/ folder this jar is in.")
    Path location;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    enum Format { text, json }

    @Override
    public Integer call() throws Exception {
        Path dir = configurationFolder();
        Path temporary = null;
        String source;
        try {
            if (Files.isRegularFile(dir)) {
                // a file of another name (a snippet): read exactly as Flink reads config.yaml
                temporary = Files.createTempDirectory("flink-ssl-ext-check");
                Files.copy(dir, temporary.resolve("config.yaml"), StandardCopyOption.COPY_ATTRIBUTES);
                source = dir.toString();
                dir = temporary;
            } else {
                source = Files.exists(dir.resolve("config.yaml")) ? dir.resolve("config.yaml").toString()
                        : dir.resolve("flink-conf.yaml").toString();
            }
            Configuration config;
            try {
                config = GlobalConfiguration.loadConfiguration(dir.toString());
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "Cannot read Flink's configuration in '" + dir + "': "
                        + ConfigurationCheck.causes(e));
            }
            CheckReport report = ConfigurationCheck.run(config, source);
            spec.commandLine().getOut().print(format == Format.json ? Json.write(report.toJson()) : report.toText());
            spec.commandLine().getOut().flush();
            return report.exitCode();
        } finally {
            if (temporary != null) {
                try (Stream<Path> files = Files.walk(temporary)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** A folder, or a file whose name is not config.yaml / flink-conf.yaml (copied by the caller). */
    private Path configurationFolder() {
        Path given = location != null ? location : defaultFolder();
        if (Files.isDirectory(given)) {
            return given;
        }
        if (Files.isRegularFile(given)) {
            String name = given.getFileName().toString();
            if (name.equals("config.yaml") || name.equals("flink-conf.yaml")) {
                return given.toAbsolutePath().getParent(); // Flink reads its folder
            }
            return given;
        }
        throw new ParameterException(spec.commandLine(), "No such file or folder: '" + given + "'");
    }

    private Path defaultFolder() {
        String confDir = System.getenv("FLINK_CONF_DIR");
        if (confDir != null && !confDir.isEmpty()) {
            return Paths.get(confDir);
        }
        String home = System.getenv("FLINK_HOME");
        if (home != null && !home.isEmpty()) {
            return Paths.get(home, "conf");
        }
        CodeSource source = CheckCommand.class.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null) {
                Path lib = Paths.get(source.getLocation().toURI()).toAbsolutePath().getParent();
                if (lib != null && lib.getParent() != null) {
                    return lib.getParent().resolve("conf");
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new ParameterException(spec.commandLine(),
                "Name Flink's configuration folder, or set FLINK_CONF_DIR or FLINK_HOME.");
    }

}
