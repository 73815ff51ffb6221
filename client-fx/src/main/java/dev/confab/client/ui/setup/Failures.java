package dev.confab.client.ui.setup;

import dev.confab.client.net.ServerException;
import dev.confab.protocol.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What to tell a person when a request failed. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ServerException e) {
            ErrorCode code = e.code();
            if (code == ErrorCode.USERNAME_TAKEN) {
                return "That username is already taken.";
            }
            if (code == ErrorCode.INVALID_CREDENTIALS) {
                return "Wrong username or password.";
            }
            if (code == ErrorCode.NOT_FOUND) {
                return "No such user.";
            }
            if (code == ErrorCode.FORBIDDEN) {
                return "You are not allowed to do that.";
            }
            if (code == ErrorCode.LIMIT_EXCEEDED) {
                return "A server limit was reached: " + e.getMessage();
            }
            return e.getMessage() == null ? "The server refused: " + code : e.getMessage();
        }
        if (t instanceof dev.confab.client.net.OfflineException) {
            return "You are offline: this needs a connection to the server.";
        }
        if (t instanceof java.io.IOException) {
            return "Can't reach the server. Check your connection and try again.";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
