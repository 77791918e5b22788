package io.hacamel.bridge.homeassistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.hacamel.bridge.client.HaClientOptions;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** How the component reaches one Home Assistant instance. All endpoints of a component share its one session. */
@UriParams
public class HomeAssistantConfiguration {

    @UriParam(description = "Home Assistant's address: http(s)://host:8123, ws(s)://host:8123 or the full "
                            + "ws(s)://host:8123/api/websocket")
    @Metadata(required = true)
    private String url;
    @UriParam(label = "security", secret = true, description = "A long-lived access token")
    private String token;
    @UriParam(label = "security", description = "A file holding the access token (read at every connect); "
                                                 + "takes precedence over token")
    private String tokenFile;
    @UriParam(label = "security", description = "A PEM file with the CA certificate(s) Home Assistant's TLS "
                                                 + "certificate is signed by, for wss:// with a private CA")
    private String caFile;
    @UriParam(label = "security", defaultValue = "false", description = "Accept any TLS certificate. Testing only.")
    private boolean insecure;
    @UriParam(label = "advanced", defaultValue = "10s", description = "The connect and auth handshake must finish "
                                                                      + "within this time")
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    @UriParam(label = "advanced", defaultValue = "5s", description = "How long a command waits for its result "
                                                                     + "(then it fails with a timeout: outcome unknown)")
    private Duration requestTimeout = Duration.ofSeconds(5);
    @UriParam(label = "advanced", defaultValue = "30s", description = "Time between heartbeat pings")
    private Duration pingInterval = Duration.ofSeconds(30);
    @UriParam(label = "advanced", defaultValue = "10s", description = "How long to wait for a pong before the "
                                                                      + "connection is declared dead and re-opened")
    private Duration pongTimeout = Duration.ofSeconds(10);
    @UriParam(label = "advanced", defaultValue = "1s", description = "The first reconnect after a failure waits this "
                                                                     + "long")
    private Duration reconnectInitialDelay = Duration.ofSeconds(1);
    @UriParam(label = "advanced", defaultValue = "2.0", description = "Each next reconnect waits this many times longer")
    private double reconnectMultiplier = 2.0;
    @UriParam(label = "advanced", defaultValue = "60s", description = "A reconnect never waits longer than this")
    private Duration reconnectMaxDelay = Duration.ofSeconds(60);
    @UriParam(label = "advanced", defaultValue = "0.1", description = "Each reconnect delay is shortened by a random "
                                                                      + "part of up to this fraction")
    private double reconnectJitter = 0.1;
    @UriParam(label = "advanced", defaultValue = "0", description = "Failed reconnects before giving up; 0 = never "
                                                                    + "give up")
    private int reconnectMaxAttempts;
    @UriParam(label = "advanced", defaultValue = "16777216", description = "Largest frame accepted from Home "
                                                                           + "Assistant, in bytes")
    private int maxFrameSize = 16 * 1024 * 1024;

    /** The token to authenticate with: the token file's content when one is set, else the token. */
    public String accessToken() {
        if (tokenFile != null && !tokenFile.isBlank()) {
            try {
                return Files.readString(Path.of(tokenFile)).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + tokenFile + ": " + e.getMessage(), e);
            }
        }
        return token;
    }

    public boolean hasToken() {
        return (tokenFile != null && !tokenFile.isBlank()) || (token != null && !token.isBlank());
    }

    HaClientOptions toClientOptions() {
        return new HaClientOptions()
                .url(url)
                .token(this::accessToken)
                .handshakeTimeout(handshakeTimeout)
                .requestTimeout(requestTimeout)
                .pingInterval(pingInterval)
                .pongTimeout(pongTimeout)
                .reconnect(reconnectInitialDelay, reconnectMultiplier, reconnectMaxDelay, reconnectJitter,
                        reconnectMaxAttempts)
                .maxFrameSize(maxFrameSize)
                .trustedCaFile(caFile == null || caFile.isBlank() ? null : Path.of(caFile))
                .insecure(insecure);
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(String tokenFile) {
        this.tokenFile = tokenFile;
    }

    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public boolean isInsecure() {
        return insecure;
    }

    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public Duration getHandshakeTimeout() {
        return handshakeTimeout;
    }

    public void setHandshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public Duration getPongTimeout() {
        return pongTimeout;
    }

    public void setPongTimeout(Duration pongTimeout) {
        this.pongTimeout = pongTimeout;
    }

    public Duration getReconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    public void setReconnectInitialDelay(Duration reconnectInitialDelay) {
        this.reconnectInitialDelay = reconnectInitialDelay;
    }

    public double getReconnectMultiplier() {
        return reconnectMultiplier;
    }

    public void setReconnectMultiplier(double reconnectMultiplier) {
        this.reconnectMultiplier = reconnectMultiplier;
    }

    public Duration getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(Duration reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public double getReconnectJitter() {
        return reconnectJitter;
    }

    public void setReconnectJitter(double reconnectJitter) {
        this.reconnectJitter = reconnectJitter;
    }

    public int getReconnectMaxAttempts() {
        return reconnectMaxAttempts;
    }

    public void setReconnectMaxAttempts(int reconnectMaxAttempts) {
        this.reconnectMaxAttempts = reconnectMaxAttempts;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }
}
