package dev.confab.protocol;

/**
 * Turns frames into text and back. Implementations are thread safe.
 * Decoding never throws anything but {@link ProtocolException}.
 */
public interface Codec {
    String encode(Request request);

    String encode(ServerFrame frame);

    Request decodeRequest(String text);

    ServerFrame decodeServerFrame(String text);

    /** The {@code id} of a frame that failed to decode, if one can be read; else null. */
    String peekId(String text);
}
