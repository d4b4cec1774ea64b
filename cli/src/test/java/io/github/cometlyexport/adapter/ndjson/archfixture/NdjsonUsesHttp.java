package io.github.cometlyexport.adapter.ndjson.archfixture;

import org.apache.hc.core5.http.ContentType;

/** Deliberately bad: reading lines needs no HTTP type. */
public final class NdjsonUsesHttp {
    private NdjsonUsesHttp() {
    }

    static Object contentType() {
        return ContentType.APPLICATION_JSON;
    }
}
