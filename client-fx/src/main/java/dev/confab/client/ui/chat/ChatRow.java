package dev.confab.client.ui.chat;

import dev.confab.client.ui.core.Delivery;

/** One row of the message list: a day separator or a message. Immutable, so a changed row is a new row. */
public sealed interface ChatRow {

    record Day(String label) implements ChatRow {
    }

    /**
     * A message; {@code seq == 0} while it waits in the outbox.
     *
     * @param showSender whether the row starts a run of one sender's messages in a group (name and avatar)
     * @param delivery for the user's own messages; null for others'
     */
    record Msg(long seq, String clientMsgId, String sender, String senderName, String body, String time,
               boolean own, boolean showSender, Delivery delivery) implements ChatRow {
    }
}
