package io.github.flinksslext.trust;

import org.apache.flink.shaded.netty4.io.netty.handler.ssl.util.SimpleTrustManagerFactory;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;

import java.security.KeyStore;

/** Hands one ready trust manager to Netty's context builder, which takes factories. */
public final class SingleTrustManagerFactory extends SimpleTrustManagerFactory {

    private final TrustManager[] managers;

    public SingleTrustManagerFactory(TrustManager manager) {
        this.managers = new TrustManager[] {manager};
    }

    @Override
    protected void engineInit(KeyStore keyStore) {
        // already built from its truststore
    }

    @Override
    protected void engineInit(ManagerFactoryParameters parameters) {
        // already built from its truststore
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        return managers.clone();
    }
}
