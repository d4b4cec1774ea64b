package io.github.cometlyexport.adapter.jdbc.archfixture;

import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;

/** Deliberately bad: the ledger adapter reaching into the HTTP adapter. */
public final class JdbcUsesHttp {
    private JdbcUsesHttp() {
    }

    static Class<?> download() {
        return HttpDownloadAdapter.class;
    }
}
