package io.github.cometlyexport.adapter.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/** Builds the pooled HttpClient 5 instances the adapters' {@code create(config)} shortcuts use. */
final class HttpClients5 {
    private HttpClients5() {
    }

    /**
     * A client that sends no cookies, follows no redirects (so a credential never follows a redirect to another
     * host) and does not retry by itself (the adapters decide what may be retried).
     */
    static CloseableHttpClient create(Duration connect, Duration socket, int maxConnections, String userAgent) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connect.toMillis(), TimeUnit.MILLISECONDS))
                .setSocketTimeout(Timeout.of(socket.toMillis(), TimeUnit.MILLISECONDS))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connection)
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(socket.toMillis(), TimeUnit.MILLISECONDS))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .setUserAgent(userAgent)
                .build();
    }

    /** @return {@code cometly-export/<version>} */
    static String userAgent() {
        String version = HttpClients5.class.getPackage().getImplementationVersion();
        return "cometly-export/" + (version == null ? "dev" : version) + " (Java " + Runtime.version().feature() + ")";
    }
}
