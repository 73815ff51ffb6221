package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One entry of a user's event stream; {@code seq} is dense per user (1, 2, 3, ...). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Event.MessageEvent.class, name = "message"),
})
public sealed interface Event {
    long seq();

    /** A message in one of the user's conversations, including the user's own from any device. */
    record MessageEvent(long seq, Message message) implements Event {
    }
}
