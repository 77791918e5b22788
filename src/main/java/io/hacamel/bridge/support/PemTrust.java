package io.hacamel.bridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS that trusts the CA certificates of one PEM file (a server with a private CA), and nothing else. */
public final class PemTrust {

    private PemTrust() {
    }

    /** @param setting the setting that named the file, for the error when it cannot be read or holds no certificate */
    public static X509TrustManager trustManager(Path caFile, String setting) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(caFile)) {
            throw new IOException(setting + " " + caFile + " cannot be read");
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new GeneralSecurityException(setting + " " + caFile + " holds no PEM certificate");
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        for (TrustManager manager : trust.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK made no X.509 trust manager for " + caFile);
    }

    public static SSLSocketFactory socketFactory(Path caFile, String setting) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager(caFile, setting)}, null);
        return context.getSocketFactory();
    }
}
