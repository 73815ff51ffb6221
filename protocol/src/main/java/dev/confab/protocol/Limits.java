package dev.confab.protocol;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Limits every peer enforces, and the checks the wire records run in their constructors. */
public final class Limits {
    /** The protocol version this build speaks. */
    public static final int PROTOCOL_VERSION = 1;
    /** Largest frame (UTF-8 bytes) a server accepts; larger ones get {@code frame_too_large}. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Largest message body in UTF-8 bytes. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_ID_CHARS = 64;
    public static final int MAX_CLIENT_MSG_ID_CHARS = 64;
    public static final int MIN_PASSWORD_CHARS = 8;
    public static final int MAX_PASSWORD_CHARS = 256;
    public static final int MAX_DEVICE_NAME_CHARS = 64;
    public static final int MAX_DISPLAY_NAME_CHARS = 64;
    public static final int MAX_GROUP_NAME_CHARS = 64;
    /** Most usernames one create_group or add_members may name (the member limit itself is a server setting). */
    public static final int MAX_USERNAMES_PER_REQUEST = 1000;
    public static final int MAX_SETTINGS = 50;
    public static final int MAX_SETTING_KEY_CHARS = 64;
    public static final int MAX_SETTING_VALUE_CHARS = 1024;
    public static final int MAX_HISTORY_PAGE = 100;
    public static final int DEFAULT_HISTORY_PAGE = 50;
    public static final int MAX_EVENTS_PAGE = 500;
    public static final int DEFAULT_EVENTS_PAGE = 200;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_CLIENT_MSG_ID_CHARS + "}");

    private Limits() {
    }

    static String requestId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_CHARS) {
            throw invalid("id must be 1-" + MAX_ID_CHARS + " characters");
        }
        requireWellFormed("id", id);
        return id;
    }

    /** True for an id a reply may echo: 1-64 characters of well-formed Unicode. */
    static boolean isEchoableId(String id) {
        try {
            requestId(id);
            return true;
        } catch (ProtocolException e) {
            return false;
        }
    }

    /** Usernames: 3-32 characters, lower-case letters, digits, '_', '.', '-', starting with a letter or digit. */
    public static String username(String field, String value) {
        if (value == null || !USERNAME.matcher(value).matches()) {
            throw invalid(field + " must be 3-32 characters of a-z, 0-9, '_', '.', '-', starting with a letter or digit");
        }
        return value;
    }

    static String password(String value) {
        if (value == null || value.length() < MIN_PASSWORD_CHARS || value.length() > MAX_PASSWORD_CHARS
                || value.isBlank()) {
            throw invalid("password must be " + MIN_PASSWORD_CHARS + "-" + MAX_PASSWORD_CHARS
                    + " characters and not only spaces");
        }
        requireWellFormed("password", value);
        return value;
    }

    static String text(String field, String value, int maxChars, boolean required) {
        if (value == null) {
            if (required) {
                throw invalid(field + " is required");
            }
            return null;
        }
        if (value.isBlank() || value.length() > maxChars) {
            throw invalid(field + " must be 1-" + maxChars + " characters and not blank");
        }
        requireWellFormed(field, value);
        return value;
    }

    static String clientMsgId(String value) {
        if (value == null || !CLIENT_MSG_ID.matcher(value).matches()) {
            throw invalid("clientMsgId must be 1-" + MAX_CLIENT_MSG_ID_CHARS + " characters of A-Z, a-z, 0-9, '_', '-'");
        }
        return value;
    }

    static String body(String value) {
        if (value == null || value.isEmpty()) {
            throw invalid("body is required and must not be empty");
        }
        if (value.length() > MAX_BODY_BYTES || value.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw invalid("body must be at most " + MAX_BODY_BYTES + " bytes of UTF-8");
        }
        requireWellFormed("body", value);
        return value;
    }

    /** Refuses unpaired UTF-16 surrogates (e.g. a lone "\ud800" escape), which have no UTF-8 form. */
    private static void requireWellFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(field + " contains an unpaired surrogate (not valid Unicode)");
            }
        }
    }

    static int pageSize(String field, Integer value, int defaultValue, int max) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1 || value > max) {
            throw invalid(field + " must be 1-" + max);
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw invalid(field + " must not be negative");
        }
        return value;
    }

    static void positive(String field, long value) {
        if (value <= 0) {
            throw invalid(field + " must be positive");
        }
    }

    static java.util.List<String> usernames(String field, java.util.List<String> values) {
        if (values == null) {
            throw invalid(field + " is required");
        }
        if (values.size() > MAX_USERNAMES_PER_REQUEST) {
            throw invalid(field + " may name at most " + MAX_USERNAMES_PER_REQUEST + " users");
        }
        for (String v : values) {
            text(field, v, 32, true);
        }
        return java.util.List.copyOf(new java.util.LinkedHashSet<>(values));
    }

    static java.util.Map<String, String> settings(java.util.Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            throw invalid("settings must name at least one key");
        }
        if (values.size() > MAX_SETTINGS) {
            throw invalid("at most " + MAX_SETTINGS + " settings");
        }
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> {
            text("settings key", k, MAX_SETTING_KEY_CHARS, true);
            if (v != null) {
                if (v.length() > MAX_SETTING_VALUE_CHARS) {
                    throw invalid("settings values must be at most " + MAX_SETTING_VALUE_CHARS + " characters");
                }
                requireWellFormed("settings value", v);
            }
            copy.put(k, v);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    static ProtocolException invalid(String message) {
        return new ProtocolException(ErrorCode.INVALID_REQUEST, message);
    }
}
