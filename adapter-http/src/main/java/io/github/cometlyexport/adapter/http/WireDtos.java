package io.github.cometlyexport.adapter.http;

import jakarta.json.bind.annotation.JsonbProperty;

/** The JSON shapes of the export API's answers, bound with JSON-B. Unknown keys are ignored by design. */
final class WireDtos {
    private WireDtos() {
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
