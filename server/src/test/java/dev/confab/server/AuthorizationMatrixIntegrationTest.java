package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.HttpTestClient;
import dev.confab.server.support.ServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every request type against every kind of caller that must be refused: no token, a forged token, a revoked
 * token, a non-member, a removed member. Each gets the expected code, and no error text leaks internals or data.
 */
@Timeout(90)
class AuthorizationMatrixIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension();

    private HttpTestClient http;
    private String alice;
    private String revoked;
    private String outsider;
    private String removed;
    private long group;
    private long direct;

    private String login(String user) {
        return ((Reply.LoginOk) http.rpc(new Request.Login("l", user, "password-" + user, "d"), null).frame()).token();
    }

    private Reply call(Request r, String token) {
        return (Reply) http.rpc(r, token).frame();
    }

    @BeforeEach
    void world() {
        http = server.http();
        for (String u : List.of("alice", "bob", "eve", "mallory")) {
            http.rpc(new Request.Register("r", u, "password-" + u, null), null);
        }
        alice = login("alice");
        revoked = login("bob");
        call(new Request.Logout("bye"), revoked);
        outsider = login("eve");
        removed = login("mallory");
        group = ((Reply.GroupOk) call(new Request.CreateGroup("g", "Secret", List.of("bob", "mallory"), null), alice))
                .conversation().conversationId();
        call(new Request.Send("s", null, group, "g1", "group secret"), alice);
        direct = ((Reply.SendOk) call(new Request.Send("s", "bob", null, "d1", "direct secret"), alice)).conversationId();
        assertThat(call(new Request.RemoveMember("rm", group, "mallory"), alice)).isInstanceOf(Reply.GroupOk.class);
    }

    /** Requests that need a session, whatever conversation they name. */
    private List<Request> signedInRequests(long conversation) {
        return List.of(new Request.Whoami("1"), new Request.Send("2", null, conversation, "x", "hi"),
                new Request.History("3", conversation, null, null), new Request.Sync("4", 0, null),
                new Request.Mark("5", conversation, 1L, 1L), new Request.Receipts("6", conversation),
                new Request.Conversations("7"), new Request.RenameGroup("8", conversation, "mine"),
                new Request.AddMembers("9", conversation, List.of("eve")),
                new Request.RemoveMember("10", conversation, "bob"), new Request.LeaveGroup("11", conversation),
                new Request.FindUser("12", "alice"), new Request.Contacts("13"), new Request.AddContact("14", "alice"),
                new Request.RemoveContact("15", "alice"), new Request.SetProfile("16", "x"),
                new Request.GetSettings("17"), new Request.SetSettings("18", Map.of("k", "v")),
                new Request.Typing("19", conversation), new Request.SetPresence("20", "away"),
                new Request.Devices("21"), new Request.RevokeDevice("22", 1),
                new Request.ChangePassword("23", "password-x", "password-y"), new Request.Logout("24"));
    }

    @Test
    void withoutAValidTokenEveryRequestIsUnauthenticated() {
        List<String> failures = new ArrayList<>();
        for (String token : new String[] {null, "forged-token", revoked}) {
            for (Request r : signedInRequests(group)) {
                Reply reply = call(r, token);
                if (!(reply instanceof Reply.Error e && e.code() == ErrorCode.UNAUTHENTICATED)) {
                    failures.add(r.getClass().getSimpleName() + " with " + token + " -> " + reply);
                }
                assertNoLeak(reply);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(http.events("after=0&wait=0", revoked).status()).isEqualTo(401);
    }

    @Test
    void nonMembersAndRemovedMembersAreForbiddenFromEveryConversationRequest() {
        LongFunction<List<Request>> scoped = c -> List.of(new Request.Send("2", null, c, "x", "hi"),
                new Request.History("3", c, null, null), new Request.Mark("5", c, 1L, 1L), new Request.Receipts("6", c),
                new Request.RenameGroup("8", c, "mine"), new Request.AddMembers("9", c, List.of("eve")),
                new Request.RemoveMember("10", c, "bob"), new Request.LeaveGroup("11", c), new Request.Typing("19", c));
        List<String> failures = new ArrayList<>();
        for (String token : new String[] {outsider, removed}) {
            for (long conversation : new long[] {group, direct, 987_654}) {
                for (Request r : scoped.apply(conversation)) {
                    Reply reply = call(r, token);
                    if (!(reply instanceof Reply.Error e && e.code() == ErrorCode.FORBIDDEN)) {
                        failures.add(r.getClass().getSimpleName() + " on " + conversation + " -> " + reply);
                    }
                    assertNoLeak(reply);
                    assertThat(reply.toString()).doesNotContain("secret").doesNotContain("Secret");
                }
            }
        }
        assertThat(failures).isEmpty();
        Reply.ConversationsOk mine = (Reply.ConversationsOk) call(new Request.Conversations("c"), outsider);
        assertThat(mine.conversations()).isEmpty();
        Reply.SyncOk removedStream = (Reply.SyncOk) call(new Request.Sync("s", 0, null), removed);
        assertThat(removedStream.events().toString()).as("nothing after removal").doesNotContain("group secret 2");
    }

    @Test
    void aMemberCannotRevokeSomeoneElsesDevice() {
        Reply reply = call(new Request.RevokeDevice("r", 2), outsider);

        assertThat(reply).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(call(new Request.Whoami("w"), alice)).isInstanceOf(Reply.WhoamiOk.class);
    }

    private static void assertNoLeak(Reply reply) {
        if (reply instanceof Reply.Error e) {
            assertThat(e.message()).doesNotContain("dev.confab").doesNotContain("Exception").doesNotContain("at ")
                    .doesNotContain("SQL").doesNotContain("password-");
        }
    }
}
