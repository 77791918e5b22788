package io.hacamel.bridge.observability;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port opened to the network (camel.management.host = 0.0.0.0) with a user name and password: a WARN
 * at the start, every path asks for them (basic authentication, as Hawtio's connect dialog sends it), and with them
 * Hawtio can still read and draw the routes, but nothing can create an endpoint, change state or read what tells
 * about the machine's users or the process.
 */
class ManagementPortTest extends BridgeTestSupport {

    private static final String USER = "hawtio";
    private static final String PASSWORD = "mgmt-pass-6a3f90";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LogCapture logs;

    private ApiClient management;
    private String contextMBean;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void passwordNeverLogged() {
        logs.close();
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(PASSWORD));
    }

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("camel.management.host", "0.0.0.0");
        properties.put("management.username", USER);
        properties.put("management.password", PASSWORD);
    }

    @Test
    void exposedOnlyWithAPasswordAndSaidSoAndTheInfoTellsNoUserOrProcess() {
        awaitReady();
        management = new ApiClient(managementPort);
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("The management port "
                + "listens on 0.0.0.0:" + managementPort + " (camel.management.host), reachable from the network"));
        for (String path : new String[] {"/observe/jolokia/version", "/observe/health", "/observe/info",
            "/observe/metrics"}) {
            Answer anonymous = management.get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(get(path, USER, "wrong").status()).as(path).isEqualTo(401);
            assertThat(get(path, USER, PASSWORD).status()).as(path).isEqualTo(200);
        }
        assertThat(api.get("/status").body().path("configuration").path("management.password").asText())
                .isEqualTo("****");

        Answer info = get("/observe/info", USER, PASSWORD);
        assertThat(info.body().path("camel").path("name").asText()).isEqualTo("ha-camel-bridge");
        assertThat(info.body().path("camel").path("status").asText()).isEqualTo("Started");
        assertThat(info.body().path("java").path("version").asText()).isEqualTo(System.getProperty("java.version"));
        String pid = String.valueOf(ProcessHandle.current().pid());
        assertThat(info.text()).as("no user, directory or process id").doesNotContain(System.getProperty("user.home"),
                System.getProperty("user.dir"), "\"user\"", "\"pid\"", "\"home\"", "\"dir\"")
                .doesNotContainPattern("\\b" + pid + "\\b");
    }

    @Test
    void hawtioCanShowTheRoutesAndNothingMore() {
        findTheContext();
        assertThat(call(request("version")).path("value").path("agent").asText()).isNotEmpty();
        assertThat(call(request("list").put("path", "org.apache.camel")).path("status").asInt()).isEqualTo(200);
        assertThat(read(contextMBean, "State").path("value").asText()).isEqualTo("Started");
        assertThat(exec(contextMBean, "dumpRoutesAsXml()").path("value").asText())
                .contains("<route id=\"ha-events\"");
        assertThat(exec(contextMBean, "dumpRoutesStatsAsXml(boolean,boolean)", true, true).path("value").asText())
                .contains("ha-events");
        assertThat(exec(route("ha-events"), "dumpRouteStatsAsXml(boolean,boolean)", true, true).path("value")
                .asText()).contains("ha-events");
        JsonNode components = exec(contextMBean, "componentNames()");
        assertThat(components.path("status").asInt()).isEqualTo(200);
        assertThat(components.path("value").toString()).contains("platform-http");
        String restRegistry = search("org.apache.camel:type=services,name=DefaultRestRegistry,*").get(0);
        assertThat(exec(restRegistry, "listRestServices()").path("status").asInt()).isEqualTo(200);
        JsonNode threads = exec("java.lang:type=Threading", "dumpAllThreads(boolean,boolean)", false, false);
        assertThat(threads.path("status").asInt()).isEqualTo(200);
        assertThat(read("java.lang:type=Runtime", "Uptime").path("value").asLong()).isPositive();
        assertThat(read("java.lang:type=Runtime", "VmVersion").path("status").asInt()).isEqualTo(200);

        // nothing can create an endpoint, change state or tell about the machine's users or the process
        List<JsonNode> refused = new ArrayList<>();
        refused.add(exec(contextMBean, "canSendToEndpoint(java.lang.String)", "file:/tmp/ha-camel-bridge-probe"));
        refused.add(exec(contextMBean, "createEndpoint(java.lang.String)", "file:/tmp/ha-camel-bridge-probe"));
        refused.add(exec(contextMBean, "sendStringBody(java.lang.String,java.lang.String)", "direct:call-service",
                "{}"));
        refused.add(exec(contextMBean, "stop()"));
        refused.add(exec(route("ha-events"), "stop()"));
        refused.add(call(request("write").put("mbean", contextMBean).put("attribute", "Tracing").put("value", true)));
        for (String attribute : new String[] {"Name", "Pid", "ClassPath", "SystemProperties", "InputArguments"}) {
            refused.add(read("java.lang:type=Runtime", attribute));
        }
        assertThat(refused).allSatisfy(answer -> assertThat(answer.path("status").asInt()).as(answer.toString())
                .isEqualTo(403));

        assertThat(exec(contextMBean, "componentNames()").path("value").toString()).doesNotContain("\"file\"");
        assertThat(search("org.apache.camel:type=endpoints,*")).noneMatch(name -> name.contains("name=\"file:"));
        assertThat(read(route("ha-events"), "State").path("value").asText()).isEqualTo("Started");
    }

    private void findTheContext() {
        awaitReady();
        management = new ApiClient(managementPort);
        List<String> contexts = search("org.apache.camel:type=context,*");
        assertThat(contexts).hasSize(1);
        contextMBean = contexts.get(0);
    }

    private Answer get(String path, String user, String password) {
        ApiClient client = new ApiClient(managementPort);
        return client.send(HttpRequest.newBuilder(client.uri(path)).header("Authorization", basic(user, password))
                .GET());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private List<String> search(String pattern) {
        List<String> names = new ArrayList<>();
        call(request("search").put("mbean", pattern)).path("value").forEach(name -> names.add(name.asText()));
        return names;
    }

    private String route(String routeId) {
        return contextMBean.replaceFirst("type=context", "type=routes").replaceFirst("name=\"[^\"]*\"",
                "name=\"" + routeId + "\"");
    }

    private JsonNode read(String mbean, String attribute) {
        return call(request("read").put("mbean", mbean).put("attribute", attribute));
    }

    private JsonNode exec(String mbean, String operation, Object... arguments) {
        ObjectNode request = request("exec").put("mbean", mbean).put("operation", operation);
        ArrayNode values = request.putArray("arguments");
        for (Object argument : arguments) {
            values.add(JSON.<JsonNode>valueToTree(argument));
        }
        return call(request);
    }

    private static ObjectNode request(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private JsonNode call(ObjectNode request) {
        return management.send(HttpRequest.newBuilder(management.uri("/observe/jolokia/"))
                .header("Authorization", basic(USER, PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))).body();
    }
}
