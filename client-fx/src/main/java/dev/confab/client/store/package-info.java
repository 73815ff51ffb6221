/** The client's durable state (session, event cursor, outbox, received messages) in embedded H2. */
package dev.confab.client.store;
