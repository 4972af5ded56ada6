package io.github.flinksslext.trust;

import io.github.flinksslext.stores.Certificates;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The HTTPS rules of RFC 2818 / RFC 6125, as the JDK applies them: an IP address must equal an IP
 * SAN; a name must match a DNS SAN, with a wildcard only as the whole left-most label; the
 * subject's CN counts only when the certificate has no DNS SAN.
 */
final class HostnameMatcher {

    private static final int DNS = 2;
    private static final int IP = 7;

    private HostnameMatcher() {}

    static void check(X509Certificate cert, String host) throws CertificateException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipLiteral = isIpLiteral(name);
        List<String> dnsNames = new ArrayList<>();
        for (List<?> san : sans(cert)) {
            Object type = san.get(0);
            String value = String.valueOf(san.get(1));
            if (ipLiteral && Integer.valueOf(IP).equals(type) && sameAddress(value, name)) {
                return;
            }
            if (Integer.valueOf(DNS).equals(type)) {
                dnsNames.add(value);
            }
        }
        if (!ipLiteral) {
            List<String> candidates = dnsNames.isEmpty() ? commonNames(cert) : dnsNames;
            for (String candidate : candidates) {
                if (matches(name, candidate)) {
                    return;
                }
            }
        }
        throw new CertificateException("No subject alternative name of '" + Certificates.subject(cert) + "' matches '"
                + host + "' (its names: " + Certificates.subjectAlternativeNames(cert) + ")");
    }

    private static boolean matches(String host, String pattern) {
        String h = host.toLowerCase(Locale.ROOT);
        String p = pattern.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("*.")) {
            return h.equals(p);
        }
        String suffix = p.substring(1);
        int firstDot = h.indexOf('.');
        // "*.example.com" needs a label of its own and two labels after it
        return firstDot > 0 && h.substring(firstDot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }

    private static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static boolean sameAddress(String san, String host) {
        try {
            return java.net.InetAddress.getByName(san).equals(java.net.InetAddress.getByName(host));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Collection<List<?>> sans(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        return sans == null ? new ArrayList<>() : sans;
    }

    private static List<String> commonNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // no usable CN
        }
        return names;
    }
}
