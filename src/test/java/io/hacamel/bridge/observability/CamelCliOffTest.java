package io.hacamel.bridge.observability;

import io.hacamel.bridge.testing.BridgeTestSupport;
import org.apache.camel.spi.CliConnector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** By default the bridge writes no status file for Camel JBang: walking every route's MBeans each second costs CPU. */
class CamelCliOffTest extends BridgeTestSupport {

    @Test
    void theCamelJBangStatusWriterIsOffByDefault() {
        assertThat(context.hasService(CliConnector.class)).isNull();
    }
}
