package io.github.flinksslext.packaging;

import org.apache.flink.runtime.io.network.netty.SSLHandlerFactory;
import org.apache.flink.runtime.net.SSLUtils;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in SSLUtils has exactly the public and package-private members of Flink's own:
 * names, parameter and return types, static-ness and visibility.
 */
class SslUtilsSignatureTest {

    @Test
    void standInComesFromTheDropInJar() {
        URL location = SSLUtils.class.getProtectionDomain().getCodeSource().getLocation();
        assertThat(location.getPath()).endsWith(".jar").contains("flink-ssl-ext");
    }

    @Test
    void sameNonPrivateMembersAsFlinksSslUtils() throws Exception {
        Class<?> flinks = flinksOwnSslUtils();
        assertThat(flinks).isNotSameAs(SSLUtils.class);
        assertThat(nonPrivateMembers(SSLUtils.class)).isEqualTo(nonPrivateMembers(flinks)).isNotEmpty();
        assertThat(Modifier.toString(SSLUtils.class.getModifiers())).isEqualTo(Modifier.toString(flinks.getModifiers()));
        assertThat(SSLUtils.class.getSuperclass()).isEqualTo(flinks.getSuperclass());
    }

    private static Set<String> nonPrivateMembers(Class<?> type) {
        Set<String> members = new TreeSet<>();
        for (Method method : type.getDeclaredMethods()) {
            if (!Modifier.isPrivate(method.getModifiers()) && !method.isSynthetic()) {
                members.add(describe(method) + " -> " + method.getReturnType().getName());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (!Modifier.isPrivate(constructor.getModifiers())) {
                members.add(describe(constructor));
            }
        }
        Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isPrivate(f.getModifiers()) && !f.isSynthetic())
                .forEach(f -> members.add(Modifier.toString(f.getModifiers()) + " field " + f.getName()));
        // Flink's only nested class (ConfiguringSSLServerSocketFactory) is private: not part of the contract.
        return members;
    }

    private static String describe(Executable member) {
        String visibility = Modifier.isPublic(member.getModifiers()) ? "public"
                : Modifier.isProtected(member.getModifiers()) ? "protected" : "package";
        return visibility + (Modifier.isStatic(member.getModifiers()) ? " static " : " ") + member.getName()
                + Arrays.toString(Arrays.stream(member.getParameterTypes()).map(Class::getName).toArray())
                + " throws " + new TreeSet<>(Arrays.asList(Arrays.stream(member.getExceptionTypes()).map(Class::getName).toArray()));
    }

    /** Flink's own class, read from flink-runtime's jar into a loader of its own. */
    private static Class<?> flinksOwnSslUtils() throws Exception {
        String jar = SSLHandlerFactory.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        byte[] bytes;
        try (ZipFile zip = new ZipFile(jar)) {
            ZipEntry entry = zip.getEntry("org/apache/flink/runtime/net/SSLUtils.class");
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = in.readAllBytes();
            }
        }
        ClassLoader parent = SslUtilsSignatureTest.class.getClassLoader();
        return new ClassLoader(parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("org.apache.flink.runtime.net.SSLUtils")) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass("org.apache.flink.runtime.net.SSLUtils");
    }
}
