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
    @UriParam(label = "advanced", defaultValue = "10000", description = "Milliseconds for connect and auth handshake")
    private long handshakeTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "5000", description = "Milliseconds to wait for a command's result")
    private long requestTimeout = 5_000;
    @UriParam(label = "advanced", defaultValue = "30000", description = "Milliseconds between heartbeat pings")
    private long pingInterval = 30_000;
    @UriParam(label = "advanced", defaultValue = "10000", description = "Milliseconds to wait for a pong before "
                                                                        + "the connection is declared dead")
    private long pongTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "1000", description = "Milliseconds before the first reconnect")
    private long reconnectInitialDelay = 1_000;
    @UriParam(label = "advanced", defaultValue = "2.0", description = "Growth of the reconnect delay per attempt")
    private double reconnectMultiplier = 2.0;
    @UriParam(label = "advanced", defaultValue = "60000", description = "Cap on the reconnect delay in milliseconds")
    private long reconnectMaxDelay = 60_000;
    @UriParam(label = "advanced", defaultValue = "0.1", description = "Random part of each reconnect delay (fraction)")
    private double reconnectJitter = 0.1;
    @UriParam(label = "advanced", defaultValue = "0", description = "Reconnect attempts before giving up; 0 = forever")
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
                .handshakeTimeout(Duration.ofMillis(handshakeTimeout))
                .requestTimeout(Duration.ofMillis(requestTimeout))
                .pingInterval(Duration.ofMillis(pingInterval))
                .pongTimeout(Duration.ofMillis(pongTimeout))
                .reconnect(Duration.ofMillis(reconnectInitialDelay), reconnectMultiplier,
                        Duration.ofMillis(reconnectMaxDelay), reconnectJitter, reconnectMaxAttempts)
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

    public long getHandshakeTimeout() {
        return handshakeTimeout;
    }

    public void setHandshakeTimeout(long handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(long pingInterval) {
        this.pingInterval = pingInterval;
    }

    public long getPongTimeout() {
        return pongTimeout;
    }

    public void setPongTimeout(long pongTimeout) {
        this.pongTimeout = pongTimeout;
    }

    public long getReconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    public void setReconnectInitialDelay(long reconnectInitialDelay) {
        this.reconnectInitialDelay = reconnectInitialDelay;
    }

    public double getReconnectMultiplier() {
        return reconnectMultiplier;
    }

    public void setReconnectMultiplier(double reconnectMultiplier) {
        this.reconnectMultiplier = reconnectMultiplier;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
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
