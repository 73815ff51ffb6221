package dev.confab.client.ui.setup;

import java.net.URI;

/**
 * The server the user chose on first start.
 *
 * @param hosted the server runs inside this app ("host a server on this computer")
 * @param lan a hosted server accepts other computers on the network, not only this one
 */
public record ServerChoice(URI address, boolean hosted, boolean lan) {
}
