package dev.confab.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generator JVM for {@code conn} (one process stays under the 20,000 open-files limit). Reads commands on
 * stdin: {@code OPEN n} opens connections until n are held and answers {@code OPENED open failed};
 * {@code QUIT} answers {@code BYE stillOpen} and exits. Client j uses user (offset + j) mod users.
 */
final class ConnWorker {
    private ConnWorker() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse("conn-worker", args);
        int port = o.integer("port", 0);
        int offset = o.integer("clients", 0);
        boolean subscribe = !o.flag("no-subscribe");
        List<User> users = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(o.string("work-dir", "")))) {
            String[] f = line.split("\t");
            users.add(new User(users.size(), f[0], UserPool.PASSWORD, Long.parseLong(f[1]), f[2]));
        }
        List<WsClient> clients = new ArrayList<>();
        long failed = 0;
        WsClient.Listener ignore = (client, event, now) -> { };
        try (WsTransport transport = new WsTransport(port, 32);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("OPEN ")) {
                    int target = Integer.parseInt(line.substring(5).trim());
                    List<User> rotated = new ArrayList<>();
                    for (int j = clients.size(); j < target; j++) {
                        rotated.add(users.get((offset + j) % users.size()));
                    }
                    if (!rotated.isEmpty()) {
                        try {
                            clients.addAll(WsDmLink.connectAll(transport, rotated, rotated.size(), ignore, subscribe));
                        } catch (Exception e) {
                            System.err.println("conn-worker: " + e);
                        }
                    }
                    long open = clients.stream().filter(WsClient::isOpen).count();
                    failed = target - open;
                    System.out.println("OPENED " + open + " " + failed);
                } else if (line.equals("QUIT")) {
                    System.out.println("BYE " + clients.stream().filter(WsClient::isOpen).count());
                    break;
                }
            }
            clients.forEach(WsClient::close);
        }
        System.exit(0);
    }
}
