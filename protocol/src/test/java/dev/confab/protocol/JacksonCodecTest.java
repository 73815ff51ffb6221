package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codec against the golden JSON in src/test/resources/fixtures: the wire format must not drift. */
class JacksonCodecTest {
    private final Codec codec = new JacksonCodec();

    static String fixture(String name) {
        try (InputStream in = JacksonCodecTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello.json", "register.json", "login.json", "auth.json", "send.json",
            "send-conversation.json", "history.json", "sync.json", "subscribe.json", "ping.json"})
    void requestFixturesDecodeAndEncodeBackToTheSameJson(String name) {
        String json = fixture(name);

        Request request = codec.decodeRequest(json);

        assertThat(codec.encode(request)).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"send_ok.json", "events.json", "error.json", "login_ok.json", "sync_ok.json",
            "history_ok.json"})
    void serverFrameFixturesDecodeAndEncodeBackToTheSameJson(String name) {
        String json = fixture(name);

        ServerFrame frame = codec.decodeServerFrame(json);

        assertThat(codec.encode(frame)).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"send_ok.json", "events.json", "error.json", "login_ok.json", "sync_ok.json",
            "history_ok.json"})
    void encodingStraightToUtf8GivesTheSameText(String name) throws Exception {
        ServerFrame frame = codec.decodeServerFrame(fixture(name));
        java.io.ByteArrayOutputStream utf8 = new java.io.ByteArrayOutputStream();

        codec.encode(frame, utf8);
        codec.encode(frame, utf8); // the stream stays open for more

        String once = codec.encode(frame);
        assertThat(utf8.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(once + once);
    }

    @Test
    void messageOnlyEventsFramesAreWrittenByteForByteAsJacksonWritesThem() throws Exception {
        Message plain = new Message(7, 12, "alice", "bob", "0b6f1c2e-7a", "Hi Bob 👋", 1764115200000L);
        Message group = new Message(Long.MAX_VALUE, 1, "zoë", null, "c-\"quoted\"", "tab\tnew\nline \\ \u0001 \u2028 é 漢字 🎉", 0);
        List<List<Event>> frames = List.of(
                List.of(new Event.MessageEvent(1, plain)),
                List.of(new Event.MessageEvent(Long.MAX_VALUE, group)),
                List.of(new Event.MessageEvent(0, plain), new Event.MessageEvent(9, group), new Event.MessageEvent(10, plain)),
                List.of(new Event.MessageEvent(-3, group)),
                List.of(new Event.MessageEvent(5, plain), new Event.ContactEvent(6, "added", null)));
        assertThat(codec.encodedLength(new ServerFrame.Events(frames.get(2)))).isPositive();
        assertThat(codec.encodedLength(new ServerFrame.Events(frames.get(4)))).isEqualTo(-1);
        for (List<Event> events : frames) {
            ServerFrame frame = new ServerFrame.Events(events);
            java.io.ByteArrayOutputStream utf8 = new java.io.ByteArrayOutputStream();

            codec.encode(frame, utf8);

            String jackson = new JacksonCodec().encode(frame); // a fresh codec: nothing cached yet
            assertThat(utf8.toString(StandardCharsets.UTF_8)).isEqualTo(jackson);
            assertThat(codec.encodedLength(frame)).isIn(utf8.size(), -1);
            assertThat(codec.decodeServerFrame(jackson)).isEqualTo(frame);
        }
    }

    @Test
    void sendFixtureDecodesToTheExpectedRecord() {
        assertThat(codec.decodeRequest(fixture("send.json")))
                .isEqualTo(new Request.Send("5", "bob", null, "0b6f1c2e-7a", "Hi Bob 👋"));
    }

    @Test
    void eventsFixtureDecodesToAMessageEvent() {
        ServerFrame frame = codec.decodeServerFrame(fixture("events.json"));

        assertThat(frame).isEqualTo(new ServerFrame.Events(List.of(new Event.MessageEvent(42,
                new Message(7, 12, "alice", "bob", "0b6f1c2e-7a", "Hi Bob 👋", 1764115200000L)))));
    }

    @Test
    void aMessageSharedByManyFramesIsEncodedTheSameEveryTime() {
        Message shared = new Message(7, 12, "alice", "bob", "0b6f1c2e-7a", "Hi Bob 👋", 1764115200000L);
        String first = codec.encode(new ServerFrame.Events(List.of(new Event.MessageEvent(42, shared))));
        String again = codec.encode(new ServerFrame.Events(List.of(new Event.MessageEvent(42, shared))));
        String equalCopy = codec.encode(new ServerFrame.Events(List.of(new Event.MessageEvent(42,
                new Message(7, 12, "alice", "bob", "0b6f1c2e-7a", "Hi Bob 👋", 1764115200000L)))));

        assertThat(first).isEqualTo(fixture("events.json")).isEqualTo(again).isEqualTo(equalCopy);
    }

    @Test
    void distinctMessagesNeverShareAnEncoding() {
        for (int i = 0; i < 5_000; i++) {
            Message m = new Message(1, i, "alice", null, "c" + i, "body " + i, i);
            assertThat(codec.decodeServerFrame(codec.encode(new Reply.HistoryOk("h" + i, 1, List.of(m), false))))
                    .isEqualTo(new Reply.HistoryOk("h" + i, 1, List.of(m), false));
        }
    }

    @Test
    void errorCodesUseTheirWireNames() {
        assertThat(codec.encode(new Reply.Error("x", ErrorCode.FRAME_TOO_LARGE, "m")))
                .isEqualTo("{\"type\":\"error\",\"id\":\"x\",\"code\":\"frame_too_large\",\"message\":\"m\"}");
        assertThat(ErrorCode.fromWire("some_future_code")).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void defaultsAreFilledForOptionalPageSizes() {
        Request.History history = (Request.History) codec.decodeRequest(
                "{\"type\":\"history\",\"id\":\"h\",\"conversationId\":3}");
        Request.Sync sync = (Request.Sync) codec.decodeRequest("{\"type\":\"sync\",\"id\":\"s\",\"after\":0}");

        assertThat(history.limit()).isEqualTo(Limits.DEFAULT_HISTORY_PAGE);
        assertThat(history.before()).isNull();
        assertThat(sync.after()).isZero();
        assertThat(sync.limit()).isEqualTo(Limits.DEFAULT_EVENTS_PAGE);
    }

    @Test
    void primitiveFieldsAreRequired() {
        for (String json : List.of("{\"type\":\"sync\",\"id\":\"s\"}", "{\"type\":\"subscribe\",\"id\":\"s\"}",
                "{\"type\":\"hello\",\"id\":\"h\"}", "{\"type\":\"history\",\"id\":\"h\"}",
                "{\"type\":\"sync\",\"id\":\"s\",\"after\":null}")) {
            assertThatThrownBy(() -> codec.decodeRequest(json)).as(json).isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        assertThat(codec.decodeRequest("{\"type\":\"ping\",\"id\":\"p\",\"newField\":{\"a\":[1,2]}}"))
                .isEqualTo(new Request.Ping("p"));
    }

    @Test
    void peekIdFindsTheIdOfAFrameThatFailsValidation() {
        assertThat(codec.peekId("{\"type\":\"send\",\"id\":\"abc\",\"body\":1}")).isEqualTo("abc");
        assertThat(codec.peekId("{\"type\":\"send\",\"id\":7}")).isNull();
        assertThat(codec.peekId("garbage")).isNull();
    }

    @Test
    void validationErrorsCarryTheirCode() {
        assertThatThrownBy(() -> codec.decodeRequest(
                "{\"type\":\"send\",\"id\":\"s\",\"to\":\"bob\",\"conversationId\":3,\"clientMsgId\":\"c\",\"body\":\"b\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("exactly one of to and conversationId");
                });
        assertThatThrownBy(() -> codec.decodeRequest("{\"type\":\"send\",\"id\":\"s\",\"to\":\"bob\","
                + "\"clientMsgId\":\"has space\",\"body\":\"b\"}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void deeplyNestedInputIsRefusedAsBadFrame() {
        String deep = "{\"type\":\"ping\",\"id\":\"p\",\"x\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";

        assertThatThrownBy(() -> codec.decodeRequest(deep)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
    }
}
