package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Stable error codes sent in {@code error} replies. The wire form is {@link #wire()}; never rename one. */
public enum ErrorCode {
    /** The frame is not valid JSON, or not a JSON object. */
    BAD_FRAME("bad_frame"),
    /** The frame's {@code type} is missing or not a known request type. */
    UNKNOWN_TYPE("unknown_type"),
    /** A field is missing, has the wrong JSON type, or breaks a limit. */
    INVALID_REQUEST("invalid_request"),
    /** The frame is larger than {@link Limits#MAX_FRAME_BYTES}. */
    FRAME_TOO_LARGE("frame_too_large"),
    /** The client's protocol version is not supported by this server. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** A WebSocket client sent a request before {@code hello}. */
    HELLO_REQUIRED("hello_required"),
    /** The request needs a signed-in device and there is none, or the token is unknown or revoked. */
    UNAUTHENTICATED("unauthenticated"),
    /** The caller is signed in but may not do this (for example, not a member of the conversation). */
    FORBIDDEN("forbidden"),
    /** The named user or conversation does not exist. */
    NOT_FOUND("not_found"),
    /** Registration with a username that is already in use. */
    USERNAME_TAKEN("username_taken"),
    /** Wrong username or password. Deliberately does not say which. */
    INVALID_CREDENTIALS("invalid_credentials"),
    /** The event cursor is beyond the newest event of the stream (for example, after a server restore). */
    BAD_CURSOR("bad_cursor"),
    /** A server-side limit was reached (group member limit, connections per account). */
    LIMIT_EXCEEDED("limit_exceeded"),
    /** Too many requests of this kind; slow down and retry later. */
    RATE_LIMITED("rate_limited"),
    /** The server is shutting down or its storage is failing (e.g. disk full); retry later with the same request. */
    UNAVAILABLE("unavailable"),
    /** An unexpected server fault. The request may be retried; nothing stored was damaged. */
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a wire code; unknown codes map to {@link #INTERNAL} so old clients survive new codes. */
    @JsonCreator
    public static ErrorCode fromWire(String wire) {
        for (ErrorCode code : values()) {
            if (code.wire.equals(wire)) {
                return code;
            }
        }
        return INTERNAL;
    }
}
