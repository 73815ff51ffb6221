package dev.confab.client.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The delivery contract every scenario checks: each message sent by any device reaches every device of its
 * sender and recipient exactly once, in conversation order (dense seqs), each sender's messages in the order
 * sent, and no outbox keeps anything.
 */
public final class Deliveries {
    private Deliveries() {
    }

    /** The clientMsgIds a device of {@code user} must end up with. */
    public static Set<String> expectedFor(String user, Collection<Device> devices) {
        return devices.stream().flatMap(d -> d.sent().stream())
                .filter(s -> s.from().equals(user) || s.to().equals(user))
                .map(Device.Sent::clientMsgId)
                .collect(Collectors.toSet());
    }

    public static boolean caughtUp(Device device, Collection<Device> devices) {
        Set<String> got = device.received().stream().map(Message::clientMsgId).collect(Collectors.toSet());
        return got.containsAll(expectedFor(device.user(), devices));
    }

    /** Waits until every device has every message meant for it; returns how long that took in ms. */
    public static long awaitAllCaughtUp(Collection<Device> devices, Duration atMost) {
        long start = System.nanoTime();
        await().atMost(atMost).pollInterval(Duration.ofMillis(10))
                .until(() -> devices.stream().allMatch(d -> caughtUp(d, devices)));
        return (System.nanoTime() - start) / 1_000_000;
    }

    public static void assertExactlyOnceInOrder(Collection<Device> devices) {
        for (Device device : devices) {
            List<Message> got = device.received();
            String who = device.name();
            List<String> ids = got.stream().map(Message::clientMsgId).collect(Collectors.toList());
            assertThat(ids).as(who + ": no message twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).as(who + ": exactly the messages meant for it")
                    .isEqualTo(expectedFor(device.user(), devices));

            Map<Long, List<Long>> seqsByConversation = new LinkedHashMap<>();
            got.forEach(m -> seqsByConversation.computeIfAbsent(m.conversationId(), c -> new ArrayList<>()).add(m.seq()));
            seqsByConversation.forEach((conversation, seqs) -> {
                List<Long> dense = new ArrayList<>();
                for (long s = 1; s <= seqs.size(); s++) {
                    dense.add(s);
                }
                assertThat(seqs).as(who + ": conversation " + conversation + " in order, no gaps").isEqualTo(dense);
            });

            for (Device sender : devices) {
                List<String> sentOrder = sender.sent().stream().map(Device.Sent::clientMsgId)
                        .filter(ids::contains).collect(Collectors.toList());
                List<String> seenOrder = ids.stream().filter(sentOrder::contains).collect(Collectors.toList());
                assertThat(seenOrder).as(who + ": messages of one sending device in the order sent")
                        .isEqualTo(sentOrder);
            }
        }
        for (Device device : devices) {
            assertThat(device.client().outbox()).as(device.name() + ": outbox empty").isEmpty();
        }
    }
}
