package io.hacamel.bridge.homeassistant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatorOptions;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/homeassistant-component.md says what the catalog metadata says: its option and header tables are made from
 * the JSON that camel-package-maven-plugin generates from the component's annotations, and its YAML examples are
 * routes Camel takes. After changing an annotation,
 * {@code mvn test -Dtest=ComponentReferenceTest -Dreference.write=true} writes the tables anew.
 */
class ComponentReferenceTest {

    private static final Path PAGE = Path.of("docs/homeassistant-component.md");
    private static final String CATALOG = "/META-INF/io/hacamel/bridge/homeassistant/homeassistant.json";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SECTION =
            Pattern.compile("(<!-- generated: (\\S+) -->\\n)(.*?)(<!-- end of generated -->)", Pattern.DOTALL);

    @Test
    void thePageListsEveryOptionAndHeaderOfTheCatalog() throws IOException {
        JsonNode catalog;
        try (InputStream in = getClass().getResourceAsStream(CATALOG)) {
            catalog = new ObjectMapper().readTree(in);
        }
        Map<String, String> tables = Map.of(
                "component-options", table(catalog.get("componentProperties"), true),
                "endpoint-options", table(catalog.get("properties"), false),
                "headers", headers(catalog.get("headers")));
        String page = Files.readString(PAGE);
        Matcher sections = SECTION.matcher(page);
        StringBuilder rendered = new StringBuilder();
        int found = 0;
        while (sections.find()) {
            String table = tables.get(sections.group(2));
            assertThat(table).as("a table named %s", sections.group(2)).isNotNull();
            sections.appendReplacement(rendered, Matcher.quoteReplacement(sections.group(1) + table + sections.group(4)));
            found++;
        }
        sections.appendTail(rendered);
        assertThat(found).as("generated sections in " + PAGE).isEqualTo(tables.size());
        if (Boolean.getBoolean("reference.write")) {
            Files.writeString(PAGE, rendered.toString());
        }
        assertThat(page).as(PAGE + " against the catalog (write it with -Dreference.write=true)")
                .isEqualTo(rendered.toString());
    }

    @Test
    void everyYamlExampleOfThePageIsARouteCamelTakes() throws Exception {
        Matcher blocks = YAML_BLOCK.matcher(Files.readString(PAGE));
        List<String> examples = new ArrayList<>();
        while (blocks.find()) {
            examples.add(blocks.group(1));
        }
        assertThat(examples).as("YAML examples").hasSizeGreaterThanOrEqualTo(10);
        try (HaSimulator simulator = HaSimulator.start(new SimulatorOptions().token("reference-token"));
             DefaultCamelContext context = new DefaultCamelContext()) {
            HomeAssistantComponent component = new HomeAssistantComponent();
            component.getConfiguration().setUrl(simulator.httpUrl());
            component.getConfiguration().setToken("reference-token");
            context.addComponent("homeassistant", component);
            context.setAutoStartup(false); // made (endpoints, expressions, placeholders, triggers), not run
            for (int i = 0; i < examples.size(); i++) {
                PluginHelper.getRoutesLoader(context).loadRoutes(
                        ResourceHelper.fromString("example-" + i + ".camel.yaml", examples.get(i)));
            }
            context.start();
            assertThat(context.getRoutes()).hasSize(examples.size());
        }
    }

    /** Component options as camel.component.homeassistant keys; endpoint options as URI parameters. */
    private static String table(JsonNode options, boolean component) {
        StringBuilder table = new StringBuilder("| option | group | default | type | description |\n"
                + "| --- | --- | --- | --- | --- |\n");
        options.fields().forEachRemaining(entry -> {
            JsonNode option = entry.getValue();
            String name = component ? "camel.component.homeassistant." + kebab(entry.getKey())
                    : entry.getKey() + (option.path("kind").asText().equals("path") ? " (path)" : "");
            table.append("| `").append(name).append("` | ").append(option.path("group").asText())
                    .append(" | ").append(option.has("defaultValue") ? "`" + option.get("defaultValue").asText() + "`" : "")
                    .append(" | ").append(type(option))
                    .append(" | ").append(cell(option.path("description").asText()))
                    .append(option.path("required").asBoolean() ? " **Required.**" : "")
                    .append(option.path("secret").asBoolean() ? " **Secret.**" : "").append(" |\n");
        });
        return table.toString();
    }

    private static String headers(JsonNode headers) {
        StringBuilder table = new StringBuilder("| header | set by | type | description |\n| --- | --- | --- | --- |\n");
        headers.fields().forEachRemaining(entry -> table.append("| `").append(entry.getKey()).append("` | ")
                .append(entry.getValue().path("label").asText().isEmpty() ? "consumer, producer"
                        : entry.getValue().path("label").asText())
                .append(" | `").append(entry.getValue().path("javaType").asText()).append("` | ")
                .append(cell(entry.getValue().path("description").asText())).append(" |\n"));
        return table.toString();
    }

    private static String type(JsonNode option) {
        if (option.has("enum")) {
            StringBuilder values = new StringBuilder();
            option.get("enum").forEach(value -> values.append(values.isEmpty() ? "" : ", ").append(value.asText()));
            return "one of " + values;
        }
        return option.path("type").asText();
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
