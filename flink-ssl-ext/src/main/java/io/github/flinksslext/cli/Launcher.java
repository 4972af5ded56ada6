package io.github.flinksslext.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The jar's {@code Main-Class}. With {@code java -jar} only this jar is on the class path, and the
 * commands need Flink's classes; so this class, which uses nothing but the JDK, finds Flink's
 * {@code lib/} (the folder this jar is in, else {@code $FLINK_HOME/lib}), builds a class loader over
 * this jar and Flink's jars in the order Flink's scripts give them, and runs {@link FlinkSslExtCli}
 * inside it: the commands see the classes a Flink process of that installation sees.
 */
public final class Launcher {

    /** Exit code for usage errors, as for the commands. */
    static final int USAGE = 2;

    private static final String COMMANDS = "io.github.flinksslext.cli.FlinkSslExtCli";
    private static final String FLINK_MARKER = "org/apache/flink/configuration/GlobalConfiguration.class";

    /**
     * Flink's scripts put {@code lib/*.jar} on the class path sorted by name, {@code flink-dist}
     * last: so this jar's faces come before Flink's classes, and a jar whose name sorts first wins
     * where two bring the same resource (Flink's tcnative jar, see the README).
     */
    private static final Comparator<Path> FLINKS_ORDER = (a, b) -> {
        boolean distA = a.getFileName().toString().startsWith("flink-dist");
        boolean distB = b.getFileName().toString().startsWith("flink-dist");
        return distA != distB ? (distA ? 1 : -1) : a.getFileName().toString().compareTo(b.getFileName().toString());
    };

    private Launcher() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path ownJar;
        try {
            ownJar = ownJar();
        } catch (IOException e) {
            System.err.println("flink-ssl-ext: " + e.getMessage());
            return USAGE;
        }
        List<Path> flinkJars = new ArrayList<>();
        String searched;
        try {
            Path besideUs = ownJar.toAbsolutePath().getParent();
            searched = "'" + besideUs + "'";
            flinkJars = flinkJars(besideUs, ownJar);
            String flinkHome = System.getenv("FLINK_HOME");
            if (flinkJars.isEmpty() && flinkHome != null && !flinkHome.isEmpty()) {
                Path lib = Paths.get(flinkHome, "lib");
                searched += " and '" + lib + "' (FLINK_HOME)";
                flinkJars = flinkJars(lib, ownJar);
            }
        } catch (IOException e) {
            System.err.println("flink-ssl-ext: cannot list Flink's lib/ folder: " + e.getMessage());
            return USAGE;
        }
        if (flinkJars.isEmpty()) {
            System.err.println("flink-ssl-ext: no Flink jars found in " + searched + ". Run the jar from Flink's lib/"
                    + " folder (java -jar $FLINK_HOME/lib/" + ownJar.getFileName() + " ...) or set FLINK_HOME.");
            return USAGE;
        }
        // the order Flink's scripts give lib/: by name, flink-dist last; this jar where its name puts it
        List<Path> classPath = new ArrayList<>(flinkJars);
        classPath.add(ownJar);
        classPath.sort(FLINKS_ORDER);
        List<URL> urls = new ArrayList<>();
        try {
            for (Path jar : classPath) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            System.err.println("flink-ssl-ext: " + e.getMessage());
            return USAGE;
        }
        // The platform loader as parent: the application loader holds this jar alone, without Flink.
        URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        if (loader.findResource(FLINK_MARKER) == null) {
            System.err.println("flink-ssl-ext: the jars in " + searched + " do not hold Flink's classes ("
                    + FLINK_MARKER + "); point FLINK_HOME at a Flink installation.");
            return USAGE;
        }
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Method run = Class.forName(COMMANDS, true, loader).getMethod("run", String[].class);
            return (Integer) run.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            System.err.println("flink-ssl-ext: " + cause);
            cause.printStackTrace();
            return 1;
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("flink-ssl-ext: cannot start the command line over the Flink jars in " + searched + ": " + e);
            return USAGE;
        }
    }

    private static Path ownJar() throws IOException {
        CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("cannot tell where this jar is; run it with java -jar");
        }
        try {
            Path path = Paths.get(source.getLocation().toURI());
            if (!Files.isRegularFile(path)) {
                throw new IOException("'" + path + "' is not a jar; run the drop-in jar with java -jar");
            }
            // the path as given to java -jar: a link in Flink's lib/ names the lib/ it is in
            String given = System.getProperty("java.class.path", "");
            if (!given.isEmpty() && !given.contains(java.io.File.pathSeparator)
                    && Files.isRegularFile(Paths.get(given)) && Files.isSameFile(Paths.get(given), path)) {
                return Paths.get(given);
            }
            return path;
        } catch (URISyntaxException e) {
            throw new IOException("cannot read this jar's location " + source.getLocation(), e);
        }
    }

    /** Every jar in {@code lib} but this one; none where none of them is Flink's. */
    private static List<Path> flinkJars(Path lib, Path ownJar) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(lib)) {
            return jars;
        }
        boolean anyFlink = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : entries) {
                if (Files.isRegularFile(jar) && !sameFile(jar, ownJar)) {
                    jars.add(jar);
                    anyFlink |= jar.getFileName().toString().startsWith("flink-")
                            && !jar.getFileName().toString().startsWith("flink-ssl-ext");
                }
            }
        }
        if (!anyFlink) {
            jars.clear();
            return jars;
        }
        return jars;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
