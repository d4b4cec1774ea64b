package io.github.cometlyexport.adapter.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    @Test
    void givenTheStandardCheckInput_whenSummed_thenTheKnownValueBigEndianInBase64() {
        // CRC-32C of "123456789" is 0xE3069283 (RFC 3720, appendix B.4); S3 wants its 4 bytes big-endian, Base64.
        byte[] nine = "123456789xyz".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.base64(nine, 9)).isEqualTo("4waSgw==");
        assertThat(Crc32c.base64(new byte[0], 0)).isEqualTo("AAAAAA==");
    }
}
