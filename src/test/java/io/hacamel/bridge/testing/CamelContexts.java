package io.hacamel.bridge.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CliConnectorFactory;

/** Camel contexts the tests start themselves, without the bridge's configuration class. */
public final class CamelContexts {

    private CamelContexts() {
    }

    /**
     * The context without Camel's CLI connector (on the classpath for `camel get`): started with the context, its
     * first task reads the dev consoles while the context is still starting them, a ConcurrentModificationException
     * that stops the start on a busy machine (Camel 4.17). The bridge starts it once the context has started.
     */
    public static <C extends CamelContext> C withoutCliConnector(C context) {
        CliConnectorFactory cli = context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class);
        if (cli != null) {
            cli.setEnabled(false);
        }
        return context;
    }
}
