package io.github.flinksslext.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The operator's command line: {@code check}, {@code pins} and {@code generate}. Exit codes: 0 ok,
 * 1 problems found, 2 usage errors. Runs with Flink's jars on the class path ({@link Launcher}
 * puts them there for {@code java -jar}).
 */
@Command(
        name = "java -jar flink-ssl-ext.jar",
        mixinStandardHelpOptions = true,
        versionProvider = FlinkSslExtCli.Version.class,
        subcommands = {CheckCommand.class, PinsCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class},
        description = {"Checks Flink's TLS configuration without starting a cluster, prints certificate pins, and generates TLS material with a Flink configuration for it.", "Exit codes: 0 ok, 1 problems found, 2 usage errors."})
public final class FlinkSslExtCli implements Runnable {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command: check, pins or generate.");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command; returns its exit code. */
    public static int run(String[] args) {
        quietLogging();
        CommandLine commandLine = new CommandLine(new FlinkSslExtCli()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((error, cli, parsed) -> {
            cli.getErr().println(cli.getColorScheme().errorText("flink-ssl-ext: " + ConfigurationCheck.causes(error)));
            return PROBLEMS;
        });
        return commandLine.execute(args);
    }

    /**
     * The jar's classes log through Flink's logging; without a configuration of the user's, nothing
     * of it reaches the terminal: the commands report everything themselves.
     */
    private static void quietLogging() {
        if (System.getProperty("log4j.configurationFile") == null && System.getProperty("log4j2.configurationFile") == null
                && System.getProperty("log4j2.level") == null) {
            System.setProperty("log4j2.level", "OFF");
        }
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = FlinkSslExtCli.class.getResourceAsStream(
                    "/META-INF/maven/io.github.flinksslext/flink-ssl-ext/pom.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"flink-ssl-ext " + properties.getProperty("version", "(version unknown)")};
        }
    }
}
