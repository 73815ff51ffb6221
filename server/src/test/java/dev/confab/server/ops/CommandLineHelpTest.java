package dev.confab.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every option a parser accepts (its {@code case "--x"} labels in the source) is explained by its --help. */
class CommandLineHelpTest {
    private static final Pattern OPTION = Pattern.compile("\"(--[a-z-]+)\"");

    @Test
    void serverHelpExplainsEveryOption() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }
        assertDocumentsEveryOption("dev/confab/server/Main.java", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void backupAndRestoreHelpExplainEveryOption() throws Exception {
        assertDocumentsEveryOption("dev/confab/server/ops/BackupCommand.java", help(true));
        assertDocumentsEveryOption("dev/confab/server/ops/RestoreCommand.java", help(false));
    }

    private static String help(boolean backup) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = backup ? BackupCommand.run(new String[] {"--help"}, Path.of("d"), "test", print, print)
                : RestoreCommand.run(new String[] {"--help"}, Path.of("d"), print, print);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertDocumentsEveryOption(String source, String help) throws Exception {
        String code = Files.readString(Path.of("src/main/java").resolve(source));
        List<String> options = code.lines().filter(l -> l.trim().startsWith("case \"--"))
                .flatMap(l -> {
                    Matcher m = OPTION.matcher(l);
                    return m.results().map(r -> r.group(1));
                }).toList();
        assertThat(options).as("options parsed in " + source).isNotEmpty();
        for (String option : options) {
            assertThat(help).as("--help of " + source).containsPattern("(?m)^\\s*" + Pattern.quote(option) + "\\b");
        }
    }
}
