package io.hacamel.bridge.api;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aTlsFailureWithTheRestApiIsABadGatewayThatSaysWhereTheCaBelongs() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new SSLHandshakeException("PKIX path building failed"));

        new ApiErrors(json).respond(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(502);
        JsonNode body = json.readTree(exchange.getMessage().getBody(byte[].class));
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("error").asText()).isEqualTo("TLS with Home Assistant's REST API failed: PKIX path "
                + "building failed (a private CA belongs in ha.ca-file)");
    }
}
