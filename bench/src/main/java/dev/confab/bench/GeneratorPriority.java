package dev.confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lowers the CPU priority (nice value) of this generator's threads, all but the calling one, so that on a
 * machine shared with the server the kernel runs the server first and the generator on what the server leaves
 * idle, roughly as if the clients ran on other machines. Linux keeps a nice value per thread: threads started
 * later by a lowered thread inherit it, while the calling thread, and a server process it starts, keep theirs.
 * Uses {@code renice}; without it (or off Linux) nothing changes.
 */
final class GeneratorPriority {
    private GeneratorPriority() {
    }

    /** Sets {@code nice} on every thread of this JVM except the caller; returns what was done, for the log. */
    static String lower(int nice) {
        try {
            String caller = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
            int threads = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String tid = task.getFileName().toString();
                    if (!tid.equals(caller)) {
                        command.add(tid);
                        threads++;
                    }
                }
            }
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return "renice timed out";
            }
            return renice.exitValue() == 0 ? "nice " + nice + " on " + threads + " generator threads"
                    : "renice failed (exit " + renice.exitValue() + ")";
        } catch (IOException | RuntimeException e) {
            return "not lowered: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not lowered: interrupted";
        }
    }
}
