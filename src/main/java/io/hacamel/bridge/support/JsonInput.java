package io.hacamel.bridge.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads JSON that callers send: HTTP bodies, MQTT commands, hub messages. Jackson's stream constraints bound what one
 * document may hold, so that a body of 64 KB cannot be nested thousands of levels deep (a stack overflow, or a tree
 * the rest of the bridge would walk for as long) or hold a number of thousands of digits (slow to convert). Home
 * Assistant's own frames are read with Jackson's defaults: its states are larger and trusted more.
 */
public final class JsonInput {

    /** Deeper than anything a service call, a hub message or a broadcast needs (Home Assistant's run to about 6). */
    public static final int MAX_DEPTH = 64;
    /** Digits and signs of one number; a longer one is not a number anybody means. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private JsonInput() {
    }

    /** A mapper whose parsers refuse documents nested deeper, numbers longer or strings longer than the limits. */
    public static ObjectMapper mapper(int maxStringLength) {
        StreamReadConstraints constraints = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(maxStringLength).build();
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(constraints).build());
    }

    /**
     * What is wrong with a document the parser refused, to complete "the body is …": one line for the caller, e.g.
     * {@code over a limit: Document nesting depth (65) exceeds the maximum allowed (64)}.
     */
    public static String problem(JsonProcessingException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                // Jackson names the Java method that holds the limit, which means nothing to a caller
                return "over a limit: " + limit.getOriginalMessage().replaceAll(", from `[^`]*`", "");
            }
        }
        JsonLocation location = error.getLocation();
        return "not valid JSON: " + error.getOriginalMessage() + (location == null ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr());
    }
}
