package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A big installation: get_states of 10,000 entities is one frame of more than 4 MiB, as Home Assistant sends it. */
class LargeStatesTest extends SimulatorTestSupport {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    @Test
    void sendsGetStatesOfTenThousandEntitiesAsOneFrame() throws Exception {
        HaSimulator simulator = start(new SimulatorOptions().home(SimulatedHome.generated(10_000, 42)));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
            .setMaxFrameSize(SIXTEEN_MIB).setMaxMessageSize(SIXTEEN_MIB));
        closing(client::close);
        BlockingQueue<WebSocketFrame> frames = new LinkedBlockingQueue<>();
        ClientWebSocket ws = client.webSocket();
        ws.frameHandler(frames::add);
        TestClient.await(ws.connect(simulator.port(), "127.0.0.1", "/api/websocket")
            .toCompletionStage().toCompletableFuture());
        closing(() -> TestClient.await(ws.close().toCompletionStage().toCompletableFuture()));

        // Like a robust client, authenticate without waiting for auth_required.
        ws.writeTextMessage("{\"type\":\"auth\",\"access_token\":\"" + SimulatorOptions.DEFAULT_TOKEN + "\"}");
        WebSocketFrame frame = nextTextFrame(frames);
        if (frame.textData().contains("auth_required")) {
            frame = nextTextFrame(frames);
        }
        assertThat(frame.textData()).contains("auth_ok");
        ws.writeTextMessage("{\"id\":1,\"type\":\"get_states\"}");
        WebSocketFrame states = nextTextFrame(frames);

        assertThat(states.isFinal()).isTrue();
        assertThat(states.binaryData().length()).isGreaterThan(4 * 1024 * 1024).isLessThan(SIXTEEN_MIB);
        JsonNode result = TestClient.parse(states.textData()).path("result");
        assertThat(result).hasSize(10_000);
        assertThat(List.of(result.get(0).fieldNames().next())).containsExactly("entity_id");
    }

    private static WebSocketFrame nextTextFrame(BlockingQueue<WebSocketFrame> frames) throws InterruptedException {
        while (true) {
            WebSocketFrame frame = frames.poll(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", TestClient.WAIT).isNotNull();
            if (frame.isText()) {
                return frame;
            }
        }
    }
}
