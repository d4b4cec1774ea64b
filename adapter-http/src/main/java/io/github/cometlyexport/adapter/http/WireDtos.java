package io.github.cometlyexport.adapter.http;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** The JSON shapes of the export API, bound with JSON-B. Unknown keys are ignored by design. */
final class WireDtos {
    private WireDtos() {
    }

    /** The body of {@code POST /events/exports}; null members are left out. */
    public static final class CreateBody {
        @JsonbProperty("date")
        public String date;
        @JsonbProperty("query_mode")
        public String queryMode;
        @JsonbProperty("event_names")
        public List<String> eventNames;
        @JsonbProperty("sources")
        public List<String> sources;
        @JsonbProperty("attribution_model")
        public String attributionModel;
        @JsonbProperty("attribution_window")
        public Integer attributionWindow;
        @JsonbProperty("fields")
        public List<String> fields;
    }

    /** The answer to a create. */
    public static final class CreateReply {
        @JsonbProperty("export_id")
        public Long exportId;
        @JsonbProperty("status")
        public String status;
        @JsonbProperty("message")
        public String message;
    }

    /** The answer to a status request. */
    public static final class StatusReply {
        @JsonbProperty("export_id")
        public Long exportId;
        @JsonbProperty("status")
        public String status;
        @JsonbProperty("created_at")
        public String createdAt;
        @JsonbProperty("message")
        public String message;
        @JsonbProperty("download_url")
        public String downloadUrl;
        @JsonbProperty("completed_at")
        public String completedAt;
        @JsonbProperty("expires_at")
        public String expiresAt;
    }
}
