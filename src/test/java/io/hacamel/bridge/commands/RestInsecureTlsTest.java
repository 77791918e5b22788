package io.hacamel.bridge.commands;

import java.util.Properties;

/** ha.insecure=true instead of the CA: the REST API, like the session, then accepts any certificate. */
class RestInsecureTlsTest extends RestTlsTest {

    @Override
    protected void serviceCallProperties(Properties properties) {
        super.serviceCallProperties(properties);
        properties.remove("ha.ca-file");
        properties.put("ha.insecure", "true");
    }
}
