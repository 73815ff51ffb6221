package dev.confab.client.ui.notify;

/**
 * An in-app notification for a new message: one per conversation, showing the newest message.
 *
 * @param seq the newest message it announces; a read marker at or past it withdraws the toast
 * @param count how many new messages of the conversation it stands for
 */
public record Toast(long conversationId, long seq, String title, String body, int count, long shownAt) {
}
