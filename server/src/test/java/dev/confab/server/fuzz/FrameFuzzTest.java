package dev.confab.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Codec;
import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Request;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the decoder: whatever text arrives, decoding either yields a valid request or throws a
 * {@link ProtocolException} with a code; never anything else, and a decoded request re-encodes to itself.
 */
class FrameFuzzTest {
    static final List<String> SEEDS = List.of(
            "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1}",
            "{\"type\":\"login\",\"id\":\"3\",\"username\":\"alice\",\"password\":\"correct horse\",\"deviceName\":\"d\"}",
            "{\"type\":\"send\",\"id\":\"5\",\"to\":\"bob\",\"clientMsgId\":\"c1\",\"body\":\"hi \\u00e9\"}",
            "{\"type\":\"send\",\"id\":\"6\",\"conversationId\":7,\"clientMsgId\":\"c2\",\"body\":\"x\"}",
            "{\"type\":\"history\",\"id\":\"7\",\"conversationId\":7,\"before\":120,\"limit\":50}",
            "{\"type\":\"sync\",\"id\":\"8\",\"after\":41,\"limit\":200}",
            "{\"type\":\"create_group\",\"id\":\"9\",\"name\":\"g\",\"members\":[\"bob\",\"carol\"]}",
            "{\"type\":\"set_settings\",\"id\":\"10\",\"settings\":{\"theme\":\"dark\",\"x\":null}}",
            "{\"type\":\"mark\",\"id\":\"11\",\"conversationId\":7,\"read\":3}");

    private final Codec codec = new JacksonCodec();

    @Property(tries = 3000)
    void arbitraryTextNeverBreaksTheDecoder(@ForAll("frames") String text) {
        try {
            Request request = codec.decodeRequest(text);
            Statistics.collect("decoded");
            assertThat(codec.decodeRequest(codec.encode(request))).isEqualTo(request);
        } catch (ProtocolException e) {
            Statistics.collect(e.code());
            assertThat(e.code()).isNotNull();
            assertThat(e.getMessage()).isNotBlank().doesNotContain("com.fasterxml").doesNotContain("dev.confab");
        }
        assertThat(codec.peekId(text) == null || codec.peekId(text).length() <= 64).isTrue();
    }

    @Provide
    Arbitrary<String> frames() {
        return Arbitraries.oneOf(mutatedSeeds(), Arbitraries.strings().ofMaxLength(300), nested(), hugeNumbers(),
                invalidSurrogates());
    }

    /** Valid frames with bytes flipped, inserted, deleted, or fields swapped for other JSON values. */
    static Arbitrary<String> mutatedSeeds() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 200);
        Arbitrary<String> insert = Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "null", "true", "-1",
                "1e309", "\\u0000", "\"type\":\"send\",", "\"id\":7,", "99999999999999999999", "\\ud800", " ");
        return Combinators.combine(seed, position, insert, Arbitraries.integers().between(0, 3))
                .as((s, pos, ins, op) -> {
                    int p = Math.min(pos, s.length());
                    return switch (op) {
                        case 0 -> s.substring(0, p) + ins + s.substring(p);
                        case 1 -> s.substring(0, p) + s.substring(Math.min(s.length(), p + 3));
                        case 2 -> s.replace("\"bob\"", ins);
                        default -> s.substring(0, p);
                    };
                });
    }

    static Arbitrary<String> nested() {
        return Arbitraries.integers().between(1, 2000)
                .map(depth -> "{\"type\":\"ping\",\"id\":\"n\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    }

    static Arbitrary<String> hugeNumbers() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400)
                .map(digits -> "{\"type\":\"sync\",\"id\":\"h\",\"after\":" + digits + "}");
    }

    static Arbitrary<String> invalidSurrogates() {
        return Arbitraries.of("\\ud800", "\\udfff", "\\ud800\\ud800", "\\udc00\\ud800", "\\u0000")
                .map(s -> "{\"type\":\"send\",\"id\":\"u\",\"to\":\"bob\",\"clientMsgId\":\"c\",\"body\":\"a" + s + "\"}");
    }
}
