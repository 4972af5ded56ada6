package io.github.flinksslext.hook;

import io.github.flinksslext.config.OptionValue;
import io.github.flinksslext.config.SslConfigurationException;
import io.github.flinksslext.config.SslOptions;
import io.github.flinksslext.spi.SslContextFactory;

import org.apache.flink.configuration.Configuration;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Finds and instantiates the factory named by {@code security.ssl.context-factory}, once per class. */
final class SslContextFactoryLoader {

    private static final Map<String, SslContextFactory> INSTANCES = new ConcurrentHashMap<>();

    private SslContextFactoryLoader() {}

    static SslContextFactory load(Configuration config) {
        OptionValue className = SslOptions.CONTEXT_FACTORY.lookupOrDefault(config).get();
        SslContextFactory known = INSTANCES.get(className.value());
        if (known != null) {
            return known;
        }
        SslContextFactory created = instantiate(className);
        SslContextFactory raced = INSTANCES.putIfAbsent(className.value(), created);
        return raced != null ? raced : created;
    }

    private static SslContextFactory instantiate(OptionValue className) {
        Class<?> type = findClass(className);
        if (!SslContextFactory.class.isAssignableFrom(type)) {
            throw new SslConfigurationException(
                    className.key(),
                    "the class '" + className.value() + "' does not implement " + SslContextFactory.class.getName(),
                    "name a class that implements it");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new SslConfigurationException(
                    className.key(),
                    "the class '" + className.value() + "' is abstract",
                    "name a concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new SslConfigurationException(
                    className.key(),
                    "the class '" + className.value() + "' has no public no-argument constructor",
                    "give it one; the factory reads its settings from the request's configuration");
        }
        try {
            return (SslContextFactory) constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new SslConfigurationException(
                    className.key(),
                    "the constructor of '" + className.value() + "' failed: " + cause,
                    "fix the factory's constructor (see the cause below)",
                    cause);
        } catch (ReflectiveOperationException e) {
            throw new SslConfigurationException(
                    className.key(),
                    "the class '" + className.value() + "' cannot be instantiated: " + e,
                    "make the class and its no-argument constructor public",
                    e);
        }
    }

    /** Flink's lib/ loader first (where the jar and factories live), then the thread's. */
    private static Class<?> findClass(OptionValue className) {
        ClassNotFoundException notFound = null;
        for (ClassLoader loader : new ClassLoader[] {
                SslContextFactoryLoader.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(className.value(), true, loader);
            } catch (ClassNotFoundException e) {
                notFound = e;
            } catch (LinkageError e) {
                throw new SslConfigurationException(
                        className.key(),
                        "the class '" + className.value() + "' cannot be loaded: " + e,
                        "put the factory's jar and the jars it needs into Flink's lib/ folder",
                        e);
            }
        }
        throw new SslConfigurationException(
                className.key(),
                "the class '" + className.value() + "' is not on the classpath",
                "put the jar that contains it into Flink's lib/ folder, or correct the class name",
                notFound);
    }
}
