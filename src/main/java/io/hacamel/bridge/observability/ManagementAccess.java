package io.hacamel.bridge.observability;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.hacamel.bridge.Settings;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.BasicAuthHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach the management port ({@code camel.management.*}): Jolokia can read every MBean, so the port stays on
 * this machine unless a user name and password guard it. On another address without them the bridge does not start;
 * with them every path of the port asks for HTTP basic authentication, which Hawtio's connect dialog sends.
 */
final class ManagementAccess implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementAccess.class);
    private static final String REALM = "ha-camel-bridge management";

    private final byte[] username;
    private final byte[] password;

    private ManagementAccess(String username, String password) {
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the management server's address against the credentials, and guards it when there are any. */
    static void configure(CamelContext context, Settings settings) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            return;
        }
        String username = settings.get("management.username");
        String password = settings.get("management.password");
        if (username.isEmpty() != password.isEmpty()) {
            throw new IllegalArgumentException("Set both management.username and management.password, or neither");
        }
        String address = server.getHost() + ":" + server.getPort();
        if (!isLoopback(server.getHost())) {
            if (username.isEmpty()) {
                throw new IllegalArgumentException("camel.management.host = " + server.getHost() + " opens the "
                        + "management port (Jolokia, which reads every MBean) to the network: set "
                        + "management.username and management.password, or camel.management.host = 127.0.0.1");
            }
            LOG.warn("The management port listens on {} (camel.management.host), reachable from the network: "
                    + "everything on it asks for management.username and its password", address);
        }
        if (!username.isEmpty()) {
            server.getConfiguration().getAuthenticationConfig().getEntries()
                    .add(basicAuthentication(new ManagementAccess(username, password)));
            server.getConfiguration().getAuthenticationConfig().setEnabled(true);
        }
    }

    /** Loopback addresses and names that resolve to one; anything that cannot be resolved counts as open. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static AuthenticationConfigEntry basicAuthentication(ManagementAccess access) {
        AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> access);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return BasicAuthHandler.create(provider, REALM);
            }
        });
        return entry;
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
        if (credentials instanceof UsernamePasswordCredentials given && given.getUsername() != null
                && given.getPassword() != null) {
            // both compared, in constant time: the answer tells nothing about which was wrong or how much of it
            boolean user = MessageDigest.isEqual(username, given.getUsername().getBytes(StandardCharsets.UTF_8));
            boolean secret = MessageDigest.isEqual(password, given.getPassword().getBytes(StandardCharsets.UTF_8));
            if (user & secret) {
                return Future.succeededFuture(User.fromName(given.getUsername()));
            }
        }
        return Future.failedFuture("wrong user name or password");
    }

    @Override
    public void authenticate(JsonObject credentials, Handler<AsyncResult<User>> resultHandler) {
        authenticate(new UsernamePasswordCredentials(credentials)).onComplete(resultHandler);
    }
}
