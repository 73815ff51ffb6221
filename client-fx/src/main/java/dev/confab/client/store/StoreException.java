package dev.confab.client.store;

/** The local database failed (disk full, file locked by another process, corrupted file). */
public final class StoreException extends RuntimeException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
