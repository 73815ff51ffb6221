package dev.confab.server.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Server logging: everything (our slf4j lines through slf4j-jdk14, and Grizzly, Tyrus, JmDNS, Flyway) goes
 * through java.util.logging to the console, as before, and to rotating files in {@code <data-dir>/logs/}:
 * {@code confab-server.0.log} is the newest, at most {@value #FILES} files of {@value #LIMIT_BYTES} bytes.
 */
public final class ServerLogging {
    public static final int LIMIT_BYTES = 10 * 1024 * 1024;
    public static final int FILES = 5;
    public static final String FILE_PATTERN = "confab-server.%g.log";

    private ServerLogging() {
    }

    /** One-line console format, and the rotating file handler on the root logger. Returns the log directory. */
    public static Path toFiles(Path dataDir) throws IOException {
        install(DataDir.logs(dataDir), LIMIT_BYTES, FILES);
        return DataDir.logs(dataDir);
    }

    /** Returns the file handler it added to the root logger (tests remove it again). */
    static FileHandler install(Path logDir, int limitBytes, int files) throws IOException {
        Files.createDirectories(logDir);
        Logger root = Logger.getLogger("");
        OneLine format = new OneLine();
        for (Handler h : root.getHandlers()) {
            h.setFormatter(format);
        }
        String pattern = logDir.toAbsolutePath().toString().replace("%", "%%") + "/" + FILE_PATTERN;
        FileHandler file = new FileHandler(pattern, limitBytes, files, true);
        file.setFormatter(format);
        file.setEncoding("UTF-8");
        root.addHandler(file);
        return file;
    }

    /** {@code 2025-11-26 01:02:03.456 INFO  [thread] logger - message}, then the stack trace if any. */
    static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder(160)
                    .append(TIME.format(r.getInstant())).append(' ')
                    .append(String.format("%-7s", r.getLevel().getName())).append(" [")
                    .append(Thread.currentThread().getName()).append("] ")
                    .append(r.getLoggerName()).append(" - ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
