package dev.confab.client.ui.setup;

import java.util.concurrent.CompletableFuture;

/** Creating an account and signing this device in; futures complete on the FX thread. */
public interface Accounts {
    CompletableFuture<Void> register(String username, String password, String displayName);

    /** Signs in as a new device called {@code deviceName} and starts connecting. */
    CompletableFuture<Void> login(String username, String password, String deviceName);
}
