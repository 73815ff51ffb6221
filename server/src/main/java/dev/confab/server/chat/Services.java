package dev.confab.server.chat;

/** The domain services the dispatcher serves requests with; built once in the composition root. */
public record Services(Accounts accounts, ChatService chat, GroupService groups, PeopleService people,
                       ReceiptService receipts, TypingService typing, Presence presence, Memberships memberships,
                       Connections connections) {
}
