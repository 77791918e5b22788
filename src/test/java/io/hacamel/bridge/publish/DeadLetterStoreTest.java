package io.hacamel.bridge.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.publish.DeadLetterStore.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterStoreTest {

    @TempDir
    Path directory;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void deadLettersSurviveARestartOldestFirst() throws Exception {
        DeadLetterStore store = new DeadLetterStore(directory.resolve("dead"), json);
        assertThat(store.list()).isEmpty();
        WebhookDelivery first = delivery("light.a");
        WebhookDelivery second = delivery("light.b");
        store.save(DeadLetter.of(second, 3, "HTTP 500"));
        store.save(DeadLetter.of(first, 1, "HTTP 404"));

        DeadLetterStore restarted = new DeadLetterStore(directory.resolve("dead"), json);

        assertThat(restarted.count()).isEqualTo(2);
        assertThat(restarted.list()).extracting(DeadLetter::entityId).containsExactly("light.a", "light.b");
        DeadLetter letter = restarted.get(second.id()).orElseThrow();
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.lastError()).isEqualTo("HTTP 500");
        assertThat(letter.payload()).isEqualTo(second.payload());
        assertThat(letter.delivery().replay()).isTrue();
        assertThat(letter.delivery().id()).isEqualTo(second.id());
    }

    @Test
    void aReplaceKeepsTheCountAndADeleteLowersIt() throws Exception {
        DeadLetterStore store = new DeadLetterStore(directory, json);
        WebhookDelivery delivery = delivery("light.a");
        store.save(DeadLetter.of(delivery, 1, "first"));

        store.save(store.get(delivery.id()).orElseThrow().replayFailed("again"));

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.get(delivery.id()).orElseThrow()).extracting(DeadLetter::replays, DeadLetter::attempts,
                DeadLetter::lastError).containsExactly(1, 2, "again");
        assertThat(store.delete(delivery.id())).isTrue();
        assertThat(store.delete(delivery.id())).isFalse();
        assertThat(store.count()).isZero();
    }

    @Test
    void aWriteTheBridgeDidNotFinishIsRemovedAndAnUnreadableFileIsSkipped() throws Exception {
        Files.writeString(directory.resolve(".0190-half.json.tmp"), "{\"id\":");
        Files.writeString(directory.resolve("0190-broken.json"), "not json");

        DeadLetterStore store = new DeadLetterStore(directory, json);

        assertThat(directory.resolve(".0190-half.json.tmp")).doesNotExist();
        assertThat(store.list()).isEmpty();
        try (var files = Files.list(directory)) {
            assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly("0190-broken.json");
        }
    }

    @Test
    void idsAreVersion7UuidsThatSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(WebhookDelivery.newId());
        }
        assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
                .isSorted().doesNotHaveDuplicates();
    }

    private static WebhookDelivery delivery(String entityId) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("event_type", "state_changed")
                .put("entity_id", entityId);
        payload.putObject("new_state").put("state", "on");
        return new WebhookDelivery(WebhookDelivery.newId(), "home", entityId, payload, Instant.now(), false);
    }
}
