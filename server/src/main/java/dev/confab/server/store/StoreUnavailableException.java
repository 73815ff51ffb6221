package dev.confab.server.store;

/** The store cannot serve right now (for example, reopening after a full disk); retrying later may work. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
