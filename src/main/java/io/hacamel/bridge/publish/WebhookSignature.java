package io.hacamel.bridge.publish;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a webhook receiver checks: HMAC-SHA256 with the target's secret over {@code <timestamp>.<body>}, sent
 * as {@code X-Bridge-Signature: sha256=<hex>} beside {@code X-Bridge-Timestamp: <unix seconds>}. Signing the time
 * with the body lets a receiver refuse old requests replayed by someone who captured one.
 */
final class WebhookSignature {

    static final String SIGNATURE_HEADER = "X-Bridge-Signature";
    static final String TIMESTAMP_HEADER = "X-Bridge-Timestamp";

    private WebhookSignature() {
    }

    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
