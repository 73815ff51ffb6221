package dev.confab.server.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.confab.server.chat.PasswordHasher;

/** Argon2id (RFC 9106) through Password4j, with a random 16-byte salt per hash, stored in PHC format. */
public final class Argon2PasswordHasher implements PasswordHasher {
    /** OWASP's minimum recommendation: 19 MiB, 2 passes, 1 lane. */
    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;

    private final Argon2Function function;

    public Argon2PasswordHasher(int memoryKib, int iterations) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID, 19);
    }

    @Override
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    @Override
    public boolean verify(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
