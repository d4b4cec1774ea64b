package io.github.cometlyexport.domain.archfixture;

import io.github.cometlyexport.app.CometlyExportConfig;

/** Deliberately bad: nothing outside the app may depend on the app. */
public final class DomainUsesApp {
    private DomainUsesApp() {
    }

    static boolean s3(CometlyExportConfig config) {
        return config.hasLedger();
    }
}
