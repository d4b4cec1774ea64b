package io.github.cometlyexport.adapter.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3LocationTest {
    @Test
    void givenSpellingsOfOnePrefix_whenAStoreIsMadeForEach_thenOneCanonicalLocation() {
        for (String spelling : new String[] {"s3://b-1/p/q", "s3://b-1/p/q/", "s3://b-1//p//q//", "s3://b-1/p/q///"}) {
            try (S3StorageAdapter store = S3StorageAdapter.create(S3Location.parse(spelling),
                    URI.create("http://127.0.0.1:1"), true)) {
                assertThat(store.location()).as(spelling).isEqualTo("s3://b-1/p/q");
            }
        }
        assertThat(S3Location.parse("s3://b-1/").toString()).isEqualTo("s3://b-1");
        assertThat(S3Location.parse("s3://b-1//a//b/").key("x")).isEqualTo("a/b/x");
    }
}
