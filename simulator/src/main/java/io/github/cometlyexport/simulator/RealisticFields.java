package io.github.cometlyexport.simulator;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * The keys {@link LineProfile#REALISTIC} adds to an event line: what an export that asked for every field carries
 * besides the documented keys. Values mix repeated vocabulary (compresses well) with random ids and tokens
 * (does not), as real exports do, so that the gzip ratio is near a real file's.
 */
final class RealisticFields {
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
            + "Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile "
            + "Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
            + "Safari/605.1.15",
    };
    private static final String[] PLACES = {"São Paulo, BR", "München, DE", "東京, JP", "Kraków, PL", "Austin, US",
        "Zürich, CH", "Malmö, SE", "Montréal, CA"};
    private static final String[] PAGES = {"products/winter-jacket", "checkout/step-2", "blog/how-we-ship",
        "landing/black-friday", "pricing"};
    private static final String[] MODELS = {"first_touch", "last_touch", "linear", "u_shaped"};

    private RealisticFields() {
    }

    static void append(StringBuilder b, SplittableRandom r, Set<String> keep) {
        if (want(keep, "ip_address")) {
            b.append(",\"ip_address\":\"").append(r.nextInt(223) + 1).append('.').append(r.nextInt(256))
                    .append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('"');
        }
        if (want(keep, "user_agent")) {
            // Browser builds vary as much as in real traffic.
            b.append(",\"user_agent\":").append(EventFile.quote(USER_AGENTS[r.nextInt(USER_AGENTS.length)]
                    .replace("124.0", "1" + (10 + r.nextInt(20)) + "." + r.nextInt(10))));
        }
        if (want(keep, "location")) {
            b.append(",\"location\":").append(EventFile.quote(PLACES[r.nextInt(PLACES.length)]));
        }
        if (want(keep, "page_url")) {
            b.append(",\"page_url\":\"https://shop.example.com/").append(PAGES[r.nextInt(PAGES.length)])
                    .append("?utm_campaign=bf_").append(r.nextInt(40)).append("&fbclid=")
                    .append(Long.toHexString(r.nextLong())).append(Long.toHexString(r.nextLong())).append('"');
        }
        if (want(keep, "attribution")) {
            int touches = 1 + r.nextInt(3);
            b.append(",\"attribution\":{\"model\":\"").append(MODELS[r.nextInt(MODELS.length)])
                    .append("\",\"credits\":[");
            for (int i = 0; i < touches; i++) {
                b.append(i > 0 ? "," : "").append(r.nextInt(100) / 100.0);
            }
            b.append("]}");
        }
    }

    private static boolean want(Set<String> keep, String key) {
        return keep.isEmpty() || keep.contains(key);
    }
}
