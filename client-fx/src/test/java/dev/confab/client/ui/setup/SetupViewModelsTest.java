package dev.confab.client.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.ServerException;
import dev.confab.protocol.ErrorCode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SetupViewModelsTest {

    @Test
    void serverAddressesAreNormalised() {
        assertThat(ServerAddress.parse("chat.local")).contains(URI.create("http://chat.local:8080"));
        assertThat(ServerAddress.parse(" 10.0.0.5:9000 ")).contains(URI.create("http://10.0.0.5:9000"));
        assertThat(ServerAddress.parse("https://x.example/path")).contains(URI.create("https://x.example:443"));
        assertThat(ServerAddress.parse("ftp://x")).isEmpty();
        assertThat(ServerAddress.parse("  ")).isEmpty();
    }

    @Test
    void connectProbesTheServerAndReportsWhenNothingAnswers() {
        List<ServerChoice> chosen = new ArrayList<>();
        AtomicBoolean answers = new AtomicBoolean(false);
        ServerChoiceViewModel vm = new ServerChoiceViewModel(uri -> CompletableFuture.completedFuture(answers.get()),
                lan -> CompletableFuture.completedFuture(URI.create("http://127.0.0.1:8080")), ServerFinder.none(),
                chosen::add);
        vm.addressProperty().set("chat.local");
        vm.connect();
        assertThat(vm.errorProperty().get()).contains("No Confab server answers at chat.local:8080");
        assertThat(chosen).isEmpty();

        answers.set(true);
        vm.connect();
        assertThat(chosen).containsExactly(new ServerChoice(URI.create("http://chat.local:8080"), false, false));

        vm.lanProperty().set(false);
        vm.hostHere();
        assertThat(chosen.get(1)).isEqualTo(new ServerChoice(URI.create("http://127.0.0.1:8080"), true, false));
    }

    @Test
    void creatingAnAccountRegistersThenSignsIn() {
        List<String> calls = new ArrayList<>();
        AtomicBoolean signedIn = new AtomicBoolean();
        SignInViewModel vm = new SignInViewModel(new Accounts() {
            @Override
            public CompletableFuture<Void> register(String username, String password, String displayName) {
                calls.add("register " + username + " " + displayName);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> login(String username, String password, String deviceName) {
                calls.add("login " + username + " " + deviceName);
                return CompletableFuture.completedFuture(null);
            }
        }, "Server: x", "laptop", () -> signedIn.set(true));
        vm.creatingProperty().set(true);
        vm.usernameProperty().set("Alice");
        vm.passwordProperty().set("short");
        vm.submit();
        assertThat(vm.errorProperty().get()).contains("at least 8");

        vm.passwordProperty().set("correct horse");
        vm.displayNameProperty().set("Alice A.");
        vm.submit();
        assertThat(calls).containsExactly("register alice Alice A.", "login alice laptop");
        assertThat(signedIn).isTrue();
        assertThat(vm.passwordProperty().get()).isEmpty();
    }

    @Test
    void wrongPasswordIsSaidPlainly() {
        AtomicReference<String> user = new AtomicReference<>();
        SignInViewModel vm = new SignInViewModel(new Accounts() {
            @Override
            public CompletableFuture<Void> register(String username, String password, String displayName) {
                throw new AssertionError();
            }

            @Override
            public CompletableFuture<Void> login(String username, String password, String deviceName) {
                user.set(username);
                return CompletableFuture.failedFuture(new ServerException(ErrorCode.INVALID_CREDENTIALS, "bad"));
            }
        }, "Server: x", "laptop", () -> { });
        vm.usernameProperty().set("bob");
        vm.passwordProperty().set("whatever1");
        vm.submit();
        assertThat(vm.errorProperty().get()).isEqualTo("Wrong username or password.");
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
