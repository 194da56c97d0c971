package org.pacscluster.pacs;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS set-up for PACS connections: the JDK's trust store, plus optionally the CA certificates of a PEM file (a
 * hospital's internal CA). Host names are still verified; nothing here ever trusts everything.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /** An SSLContext trusting the JDK's CAs and those in {@code pemFile}. */
    public static SSLContext withExtraCa(Path pemFile) throws IOException {
        try {
            List<X509Certificate> cas = readPem(pemFile);
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            for (int i = 0; i < cas.size(); i++) ks.setCertificateEntry("ca-" + i, cas.get(i));
            X509ExtendedTrustManager extra = trustManager(ks);
            X509ExtendedTrustManager jdk = trustManager(null);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new EitherTrustManager(extra, jdk)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with CA file " + pemFile + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> readPem(Path pemFile) throws IOException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IOException("CA file " + pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : certs) if (c instanceof X509Certificate x) out.add(x);
        if (out.isEmpty()) throw new IOException("CA file " + pemFile + " holds no X.509 certificate");
        return out;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) return x;
        }
        throw new GeneralSecurityException("no X509 trust manager available");
    }

    /** Trusts a server chain when either delegate does (each checks the chain and the host name itself). */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @FunctionalInterface
        private interface Check { void run(X509ExtendedTrustManager tm) throws CertificateException; }

        private void either(Check check) throws CertificateException {
            try {
                check.run(first);
            } catch (CertificateException e) {
                try {
                    check.run(second);
                } catch (CertificateException e2) {
                    e2.addSuppressed(e);
                    throw e2;
                }
            }
        }

        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { either(tm -> tm.checkServerTrusted(c, a, s)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { either(tm -> tm.checkServerTrusted(c, a, e)); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { either(tm -> tm.checkServerTrusted(c, a)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { either(tm -> tm.checkClientTrusted(c, a, s)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { either(tm -> tm.checkClientTrusted(c, a, e)); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { either(tm -> tm.checkClientTrusted(c, a)); }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
