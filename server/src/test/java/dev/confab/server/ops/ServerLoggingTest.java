package dev.confab.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ServerLoggingTest {
    @TempDir
    Path logs;

    @Test
    void slf4jAndJulLinesLandInRotatingFiles() throws Exception {
        Logger root = Logger.getLogger("");
        Formatter[] before = Stream.of(root.getHandlers()).map(Handler::getFormatter).toArray(Formatter[]::new);
        FileHandler handler = ServerLogging.install(logs, 4_000, 3);
        try {
            LoggerFactory.getLogger("dev.confab.test").info("through slf4j {}", 1);
            Logger.getLogger("org.glassfish.grizzly.test").info("through java.util.logging");
            for (int i = 0; i < 200; i++) {
                LoggerFactory.getLogger("dev.confab.test").info("line {} of a log that has to rotate", i);
            }
            handler.flush();
        } finally {
            root.removeHandler(handler);
            handler.close();
            Handler[] handlers = root.getHandlers();
            for (int i = 0; i < handlers.length && i < before.length; i++) {
                handlers[i].setFormatter(before[i]);
            }
        }
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")))
                    .containsExactlyInAnyOrder("confab-server.0.log", "confab-server.1.log", "confab-server.2.log");
        }
        String newest = Files.readString(logs.resolve("confab-server.0.log"));
        assertThat(newest).contains("INFO", "dev.confab.test - line 199 of a log that has to rotate");
        assertThat(Files.size(logs.resolve("confab-server.1.log"))).isLessThanOrEqualTo(4_000 + 200);
    }
}
