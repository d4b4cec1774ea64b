package io.github.cometlyexport.adapter.storage.local.archfixture;

import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;

/** Deliberately bad: a store using the HTTP adapter. */
public final class LocalUsesHttp {
    private LocalUsesHttp() {
    }

    static Object downloader() {
        return HttpDownloadAdapter.class;
    }
}
