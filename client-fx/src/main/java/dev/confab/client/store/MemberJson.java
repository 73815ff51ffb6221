package dev.confab.client.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.protocol.Info;
import java.util.List;

/** A conversation's member list as JSON in one column (it is always read and written whole). Thread safe. */
final class MemberJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<List<Info.Member>> MEMBERS = new TypeReference<>() {
    };

    private MemberJson() {
    }

    static String write(List<Info.Member> members) {
        try {
            return MAPPER.writeValueAsString(members);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode members", e);
        }
    }

    static List<Info.Member> read(String json) {
        try {
            return MAPPER.readValue(json, MEMBERS);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot decode members", e);
        }
    }
}
