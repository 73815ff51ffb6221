package dev.confab.server.lan;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes PEM certificates and keys (PKCS#8 or traditional RSA/EC keys; not encrypted ones). */
final class PemFiles {
    private PemFiles() {
    }

    static KeyAndChain read(Path certificateFile, Path keyFile) throws IOException {
        return new KeyAndChain(readKey(keyFile), readChain(certificateFile));
    }

    static List<X509Certificate> readChain(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IOException(file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey readKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item; (item = parser.readObject()) != null; ) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a PEM private key: " + e.getMessage(), e);
        }
        throw new IOException(file + " holds no unencrypted PEM private key (encrypted keys are not supported)");
    }

    /** Writes the key (PKCS#8, readable by the owner only) and then the certificate, each atomically. */
    static void write(KeyAndChain identity, Path certificateFile, Path keyFile) throws IOException {
        writeAtomically(keyFile, true, writer -> writer.writeObject(new JcaPKCS8Generator(identity.key(), null)));
        writeAtomically(certificateFile, false, writer -> {
            for (X509Certificate c : identity.chain()) {
                writer.writeObject(c);
            }
        });
    }

    private interface PemWork {
        void write(JcaPEMWriter writer) throws IOException;
    }

    private static void writeAtomically(Path file, boolean secret, PemWork work) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (secret) {
            ownerOnly(tmp, "rw-------");
        }
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII);
             JcaPEMWriter writer = new JcaPEMWriter(out)) {
            work.write(writer);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the data directory's ACL applies
        }
    }
}
