package dev.confab.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Confab wire format as an outside client sees it: JSON frames with {@code type} and {@code id}.
 * The bench deliberately does not use the server's protocol classes, so it measures the contract
 * (docs/protocol.md), not the implementation.
 */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    /** A request frame; {@code fields} is a JSON object body without braces (may be empty). */
    static String request(String type, String id, String fields) {
        StringBuilder b = new StringBuilder(64 + fields.length())
                .append("{\"type\":\"").append(type).append("\",\"id\":\"").append(id).append('"');
        if (!fields.isEmpty()) {
            b.append(',').append(fields);
        }
        return b.append('}').toString();
    }

    static String str(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String send(String to, String clientMsgId, String body) {
        return "\"to\":" + str(to) + ",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":" + str(body);
    }

    static String sendToConversation(long conversationId, String clientMsgId, String body) {
        return "\"conversationId\":" + conversationId + ",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":" + str(body);
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("server sent a frame that is not JSON: " + clip(text), e);
        }
    }

    static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** A reply of type {@code error}, or a reply of an unexpected type. */
    static final class ServerError extends RuntimeException {
        final String code;

        ServerError(String code, String message) {
            super(code + ": " + message, null, false, false);
            this.code = code;
        }

        static ServerError of(JsonNode reply) {
            return new ServerError(reply.path("code").asText("?"), reply.path("message").asText(reply.toString()));
        }
    }
}
