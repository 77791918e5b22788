package io.hacamel.bridge.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The token is revoked while the bridge runs: Home Assistant drops the connection and answers the reconnect with
 * auth_invalid. The bridge must say so (health 503, AUTH_FAILED), never send the rejected token again (Home
 * Assistant bans addresses that keep failing), go on serving cached states flagged stale, and pick up a new token
 * from its token file without a restart.
 */
class TokenRevokedTest extends FaultTestSupport {

    private static final String NEW_TOKEN = "fault-rotated-token-e4a7";

    private Path tokenFile;

    @Override
    protected void bridgeProperties(Properties properties) {
        tokenFile = dataDir.resolve("ha-token");
        write(TOKEN);
        properties.remove("ha.token");
        properties.put("ha.token-file", tokenFile.toString());
    }

    @Test
    void aRevokedTokenStopsTheRetriesAndARotatedTokenFileRecovers() {
        awaitReady();
        simulator.load().start(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.accepted() > 100);

        simulator.faults().revokeToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").body().path("home_assistant")
                .path("state").asText().equals("AUTH_FAILED"));
        simulator.load().stop();
        long connections = simulator.stats().totalConnections();
        await().during(BACKOFF_CAP.multipliedBy(2)).atMost(BACKOFF_CAP.multipliedBy(3))
                .until(() -> simulator.stats().totalConnections() == connections);
        assertThat(simulator.stats().authFailures()).as("the rejected token was sent once").isEqualTo(1);
        assertThat(api.get("/api/v1/states/light.hallway").body().path("stale").asBoolean()).isTrue();

        simulator.faults().acceptToken(NEW_TOKEN);
        Instant cleared = Instant.now();
        write(NEW_TOKEN);
        Duration recovery = awaitRecovery(cleared);

        assertThat(simulator.stats().authFailures()).isEqualTo(1);
        report("05-token-revoked", "Token revoked (connection closed, auth_invalid on reconnect), then rotated in "
                        + "ha.token-file",
                "AUTH_FAILED in /health, the rejected token never sent again, cached states served stale; the new "
                        + "token was read within the backoff cap, then reconnected and resynced",
                recovery, 0);
    }

    private void write(String token) {
        try {
            Files.writeString(tokenFile, token + "\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
