package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's streaming reader of pushed frames, against frames as docs/protocol.md describes them. */
class EventsFrameTest {
    @Test
    void readsSeqTypeAndBodyOfEveryEventInOrder() {
        String frame = "{\"type\":\"events\",\"events\":["
                + "{\"type\":\"message\",\"seq\":41,\"message\":{\"conversationId\":7,\"seq\":12,\"from\":\"alice\","
                + "\"to\":\"bob\",\"clientMsgId\":\"c1\",\"body\":\"g|3|\\\"x\\\" 👋\",\"sentAt\":1764115200000}},"
                + "{\"type\":\"receipt\",\"seq\":42,\"conversationId\":7,\"username\":\"bob\",\"delivered\":12,\"read\":0},"
                + "{\"seq\":43,\"message\":{\"body\":\"later\",\"extra\":[1,{\"a\":null}]},\"type\":\"message\",\"new\":{}}]}";

        assertThat(EventsFrame.read(frame)).containsExactly(
                new EventsFrame.Event(41, "message", "g|3|\"x\" 👋"),
                new EventsFrame.Event(42, "receipt", null),
                new EventsFrame.Event(43, "message", "later"));
    }

    @Test
    void framesOfOtherTypesAreLeftToTheReplyPath() {
        assertThat(EventsFrame.read("{\"type\":\"send_ok\",\"id\":\"5\",\"conversationId\":7,\"seq\":12}")).isNull();
        assertThat(EventsFrame.read("{\"id\":\"5\",\"events\":[],\"type\":\"sync_ok\"}")).isNull();
        assertThat(EventsFrame.read("{\"type\":\"events\",\"events\":[]}")).isEqualTo(List.of());
    }

    @Test
    void aFrameThatIsNotAJsonObjectIsReportedWithItsText() {
        assertThatThrownBy(() -> EventsFrame.read("[1]")).hasMessageContaining("[1]");
        assertThatThrownBy(() -> EventsFrame.read("{\"type\":\"events\",\"events\":[{\"seq\":")).hasMessageContaining("not JSON");
    }
}
