package dev.confab.protocol;

/**
 * Turns frames into text and back. Implementations are thread safe.
 * Decoding never throws anything but {@link ProtocolException}.
 */
public interface Codec {
    String encode(Request request);

    String encode(ServerFrame frame);

    /** Writes the same text as {@link #encode(ServerFrame)}, UTF-8 encoded, to {@code utf8}; does not close it. */
    default void encode(ServerFrame frame, java.io.OutputStream utf8) throws java.io.IOException {
        utf8.write(encode(frame).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The exact number of bytes {@link #encode(ServerFrame, java.io.OutputStream)} writes for this frame when that
     * is known without encoding it (so a caller can size its buffer once), else -1.
     */
    default int encodedLength(ServerFrame frame) {
        return -1;
    }

    Request decodeRequest(String text);

    ServerFrame decodeServerFrame(String text);

    /** The {@code id} of a frame that failed to decode, if one can be read; else null. */
    String peekId(String text);
}
