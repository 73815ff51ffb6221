/**
 * The client's durable state in embedded H2: session, event cursor, outbox and refused messages, received
 * messages, the cached conversation list with unread counts, and members' delivery and read markers.
 */
package dev.confab.client.store;
