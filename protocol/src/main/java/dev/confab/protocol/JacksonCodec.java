package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.stream.Collectors;

/** The JSON codec, built on Jackson. Strict: no scalar coercion, no trailing tokens, bounded nesting. */
public final class JacksonCodec implements Codec {
    private static final int MAX_NESTING = 32;

    private final ObjectMapper mapper;
    private final ObjectWriter utf8Writer;
    private final ObjectReader requestReader;
    private final ObjectReader serverFrameReader;
    private final ObjectWriter writer;
    private final MessageSerializer messages;

    public JacksonCodec() {
        // Messages are encoded once and spliced into every frame that carries them (a group message goes out to
        // each member's connections): the plain mapper encodes a Message, the main one reuses that text.
        // The plain mapper runs inside the main one's serialization, on the same thread. With Jackson's default
        // (thread-local) buffer recycler the outer generator already holds that thread's buffers, so every nested
        // encode allocated fresh ones (a 2,000-char buffer and more per message: 38 % of the server's allocation
        // samples at 10k msg/s). Its own pool lets both reuse their buffers.
        ObjectMapper plain = configured(JsonMapper.builder(factory(JsonRecyclerPools.newConcurrentDequePool())));
        this.messages = new MessageSerializer(plain.writerFor(Message.class));
        this.mapper = configured(JsonMapper.builder(factory(JsonRecyclerPools.defaultPool()))
                .addModule(new SimpleModule("encoded-once").addSerializer(Message.class, messages)));
        this.requestReader = mapper.readerFor(Request.class);
        this.serverFrameReader = mapper.readerFor(ServerFrame.class);
        this.writer = mapper.writer();
        this.utf8Writer = writer.without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private static JsonFactory factory(RecyclerPool<BufferRecycler> buffers) {
        return JsonFactory.builder()
                .recyclerPool(buffers)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(40)
                        .maxStringLength(Limits.MAX_FRAME_BYTES)
                        .build())
                .build();
    }

    private static ObjectMapper configured(JsonMapper.Builder builder) {
        ObjectMapper mapper = builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // Strings must be JSON strings: refuse 42 or true where text is expected.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    @Override
    public String encode(Request request) {
        return write(request);
    }

    @Override
    public String encode(ServerFrame frame) {
        return write(frame);
    }

    /** Straight to UTF-8 bytes: no intermediate String (one less copy and allocation per frame on the server). */
    @Override
    public void encode(ServerFrame frame, java.io.OutputStream utf8) throws java.io.IOException {
        if (frame instanceof ServerFrame.Events events && MessageEvents.all(events)) {
            MessageEvents.write(events, messages, utf8);
            return;
        }
        try {
            utf8Writer.writeValue(utf8, frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + frame.getClass().getSimpleName(), e);
        }
    }

    @Override
    public int encodedLength(ServerFrame frame) {
        try {
            return frame instanceof ServerFrame.Events events && MessageEvents.all(events)
                    ? MessageEvents.length(events, messages) : -1;
        } catch (IOException e) {
            return -1; // encoding the message failed; encode() will report it
        }
    }

    @Override
    public Request decodeRequest(String text) {
        return read(requestReader, text);
    }

    @Override
    public ServerFrame decodeServerFrame(String text) {
        return read(serverFrameReader, text);
    }

    @Override
    public String peekId(String text) {
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name) && value == JsonToken.VALUE_STRING) {
                    String id = parser.getText();
                    return Limits.isEchoableId(id) ? id : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String write(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String text) {
        if (text == null || !startsWithObject(text)) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "a frame must be one JSON object");
        }
        try {
            return reader.readValue(text);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ProtocolException pe) {
                throw pe;
            }
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "invalid fields" + at(e));
        } catch (InvalidTypeIdException e) {
            String typeId = e.getTypeId();
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    typeId == null ? "type is required" : "unknown type '" + clip(typeId) + "'");
        } catch (InputCoercionException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a number is out of range");
        } catch (StreamReadException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "malformed JSON: " + clip(e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "wrong or missing field" + at(e));
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "unreadable frame");
        }
    }

    private static boolean startsWithObject(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static String at(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : " at '" + clip(path) + "'";
    }

    /** Shortens input echoed in an error message and replaces what could not be sent as UTF-8. */
    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String shown = text.length() <= 80 ? text : text.substring(0, 80) + "...";
        StringBuilder safe = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1))) {
                safe.append(c).append(shown.charAt(++i));
            } else {
                safe.append(Character.isSurrogate(c) || Character.isISOControl(c) ? '\uFFFD' : c);
            }
        }
        return safe.toString();
    }
}
