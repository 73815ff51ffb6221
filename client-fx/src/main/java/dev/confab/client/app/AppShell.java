package dev.confab.client.app;

import dev.confab.client.net.ClientRuntime;
import dev.confab.client.ui.core.Theme;
import dev.confab.client.ui.notify.Toast;
import dev.confab.client.ui.notify.TrayNotifier;
import dev.confab.client.ui.setup.ServerChoice;
import dev.confab.client.ui.setup.ServerChoiceView;
import dev.confab.client.ui.setup.ServerChoiceViewModel;
import dev.confab.client.ui.setup.ServerFinder;
import dev.confab.client.ui.setup.SignInView;
import dev.confab.client.ui.setup.SignInViewModel;
import dev.confab.client.ui.shell.MainView;
import dev.confab.client.ui.shell.MainViewModel;
import dev.confab.client.ui.shell.Windows;
import java.net.URI;
import java.time.Clock;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The composition root of the desktop app: which screen the window shows (server choice, sign-in, chats),
 * the engine session, the hosted server and the preferences. Everything here runs on the FX thread.
 */
final class AppShell implements AutoCloseable {
    private final Stage stage;
    private final DataDirs dirs;
    private final AppPrefs prefs;
    private final ServerFinder finder;
    private final Clock clock;
    private final ClientRuntime runtime = ClientRuntime.system(Platform::runLater);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final BooleanProperty notifications = new SimpleBooleanProperty(true);
    private final HostedServer hosted;
    private final Scene scene;
    private Consumer<Toast> tray = toast -> { };
    private Session session;
    private MainView main;

    AppShell(Stage stage, DataDirs dirs, ServerFinder finder, Clock clock) {
        this.stage = stage;
        this.dirs = dirs;
        this.prefs = AppPrefs.load(dirs.prefsFile());
        this.finder = finder;
        this.clock = clock;
        this.hosted = new HostedServer(dirs.hostedServer());
        theme.set(prefs.theme());
        theme.get().apply();
        theme.addListener((obs, old, t) -> {
            t.apply();
            prefs.setTheme(t);
        });
        notifications.set(prefs.notifications());
        notifications.addListener((obs, old, on) -> prefs.setNotifications(on));
        scene = new Scene(new javafx.scene.layout.StackPane(), 1100, 720);
        scene.getStylesheets().add(Theme.STYLESHEET);
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(500);
        stage.setTitle("Confab");
        IdleWatcher.watch(scene, clock, away -> {
            if (session != null && session.signedIn()) {
                session.gateway().setAway(away);
            }
        });
    }

    /** Opens straight into the chats when a server and session are remembered; else asks. */
    void start() {
        if (prefs.server().isPresent()) {
            openServer(prefs.server().get(), prefs.hosted());
        } else {
            showServerChoice();
        }
        stage.show();
    }

    /** Where system notifications go once the tray is ready (it is set up after the window shows). */
    void setTray(TrayNotifier notifier) {
        tray = notifier;
    }

    private void showServerChoice() {
        ServerChoiceViewModel vm = new ServerChoiceViewModel(
                uri -> HostInfo.probe(uri).thenApplyAsync(ok -> ok, Platform::runLater),
                lan -> hosted.start(lan, 0).thenApplyAsync(uri -> uri, Platform::runLater),
                finder, this::chosen);
        show(new ServerChoiceView(vm));
    }

    private void chosen(ServerChoice choice) {
        prefs.setServer(choice.address(), choice.hosted(), choice.lan(), choice.address().getPort());
        openServer(choice.address(), choice.hosted());
    }

    private void openServer(URI server, boolean hostedHere) {
        session = new Session(runtime, server, hostedHere ? dirs.hostedStore() : dirs.store(server), HostInfo.hostName());
        if (hostedHere && !hosted.running()) {
            hosted.start(prefs.hostedLan(), prefs.hostedPort()).thenAcceptAsync(this::hostedStarted, Platform::runLater);
        }
        if (session.signedIn()) {
            showMain();
        } else {
            showSignIn();
        }
    }

    private void hostedStarted(URI actual) {
        if (!actual.equals(session.server())) {
            prefs.setServer(actual, true, prefs.hostedLan(), actual.getPort());
            session.moveTo(actual);
            if (main != null) {
                showMain();
            }
        } else {
            session.retryNow();
        }
    }

    private void showSignIn() {
        disposeMain();
        SignInViewModel vm = new SignInViewModel(session, "Server: " + session.server().getAuthority()
                + (prefs.hosted() ? " (hosted on this computer)" : ""), HostInfo.hostName(), this::showMain);
        show(new SignInView(vm, this::changeServer));
    }

    private void showMain() {
        disposeMain();
        MainViewModel vm = new MainViewModel(session.gateway(), clock, clock.getZone(), toast -> tray.accept(toast));
        vm.notifications().enabledProperty().bind(notifications);
        Windows windows = new Windows(session.gateway(), vm, notifications, theme, this::showSignIn);
        main = new MainView(vm, windows);
        vm.start();
        stage.titleProperty().bind(vm.titleProperty());
        vm.setWindowFocused(stage.isFocused());
        show(main);
    }

    private void changeServer() {
        closeSession();
        hosted.close();
        prefs.forgetServer();
        showServerChoice();
    }

    private void show(Parent root) {
        scene.setRoot(root);
    }

    private void disposeMain() {
        if (main != null) {
            main.dispose();
            main = null;
            stage.titleProperty().unbind();
            stage.setTitle("Confab");
        }
    }

    private void closeSession() {
        disposeMain();
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        closeSession();
        finder.close();
        hosted.close();
        runtime.close();
    }
}
