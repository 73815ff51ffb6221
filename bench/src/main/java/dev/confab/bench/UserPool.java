package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Accounts for a run. Registering and logging in cost one Argon2 hash each (~50 ms of server CPU at the
 * defaults), so a pool of N users is made once, concurrently, in a server data directory that is kept under
 * {@code <work-dir>/prep/users-N} with the tokens in {@code users.tsv}; every run starts from a copy of it.
 */
final class UserPool {
    static final String PASSWORD = "bench-password-1";
    private static final int CONCURRENCY = 8;

    private UserPool() {
    }

    /** The prepared users; their data directory has been copied to {@code runDataDir}. */
    static List<User> prepared(Options options, Bench bench, int count, Path runDataDir) throws Exception {
        Path prep = options.workDir().resolve("prep").resolve("users-" + count);
        Path tsv = prep.resolve("users.tsv");
        if (!Files.isRegularFile(tsv)) {
            deleteTree(prep);
            Path data = prep.resolve("data");
            Files.createDirectories(data);
            long started = System.nanoTime();
            try (ServerProcess server = ServerProcess.start(bench.serverJar, bench.serverJvmOptions, data, 0)) {
                List<User> users = create(server.port(), "bench", count);
                server.terminate();
                Files.write(prep.resolve("users.tmp"), users.stream()
                        .map(u -> u.username() + "\t" + u.userId() + "\t" + u.token()).toList());
                Files.move(prep.resolve("users.tmp"), tsv, StandardCopyOption.ATOMIC_MOVE);
            }
            bench.log("prepared %d users in %.1f s (kept in %s)", count, (System.nanoTime() - started) / 1e9, prep);
        }
        copyTree(prep.resolve("data"), runDataDir);
        List<User> users = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            users.add(new User(users.size(), f[0], PASSWORD, Long.parseLong(f[1]), f[2]));
        }
        return users;
    }

    /** Registers and logs in {@code count} users over HTTP, {@value #CONCURRENCY} at a time. */
    static List<User> create(int port, String prefix, int count) throws Exception {
        User[] users = new User[count];
        Semaphore permits = new Semaphore(CONCURRENCY);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        try (HttpApi http = new HttpApi(port)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                String name = String.format("%s%05d", prefix, i);
                permits.acquire();
                CompletableFuture<Void> done = http.rpc(null, "register",
                                "\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"")
                        .thenCompose(r -> http.rpc(null, "login", "\"username\":\"" + name
                                + "\",\"password\":\"" + PASSWORD + "\",\"deviceName\":\"bench\""))
                        .thenAccept((JsonNode ok) -> users[index] = new User(index, name, PASSWORD,
                                ok.path("userId").asLong(), ok.path("token").asText()))
                        .whenComplete((v, e) -> permits.release());
                all.add(done);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30 + count / 5, TimeUnit.SECONDS);
        }
        return List.of(users);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
