package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private static final String DATA_KEY = key(32, 1);
    private static final String HASH_KEY = key(32, 2);

    private final PersonalDataCipher cipher = new PersonalDataCipher(DATA_KEY, HASH_KEY);

    private static String key(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void valuesSurviveARoundTrip() {
        for (String plain : new String[] {"11010519491231002X", "13812345678", "海南省乐东黎族自治县 张三", "", "😀"}) {
            String stored = cipher.encrypt(plain);
            assertThat(stored).startsWith("v1:");
            assertThat(cipher.decrypt(stored)).isEqualTo(plain);
        }
        assertThat(cipher.encrypt("11010519491231002X")).doesNotContain("11010519491231002X");
        assertThat(cipher.encrypt(null)).isNull();
        assertThat(cipher.decrypt(null)).isNull();
    }

    @Test
    void theStoredFormIsTheIvFollowedByCiphertextAndTag() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("13812345678").substring(3));
        assertThat(raw).hasSize(12 + 11 + 16);
    }

    @Test
    void theSamePlaintextEncryptsDifferentlyEachTime() {
        String first = cipher.encrypt("11010519491231002X");
        String second = cipher.encrypt("11010519491231002X");
        assertThat(first).isNotEqualTo(second);
        assertThat(cipher.decrypt(first)).isEqualTo(cipher.decrypt(second));
    }

    @Test
    void anAlteredValueIsRefusedWithoutSayingWhatItHeld() {
        String stored = cipher.encrypt("11010519491231002X");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        for (int position : new int[] {0, 12, raw.length - 1}) {
            byte[] altered = raw.clone();
            altered[position] ^= 1;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> cipher.decrypt(tampered))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("个人数据无法解密：数据已损坏或密钥不匹配")
                    .hasNoCause();
        }
        for (String malformed : new String[] {"11010519491231002X", "v1:not base64!", "v1:AAAA", "v2:" + stored.substring(3)}) {
            assertThatThrownBy(() -> cipher.decrypt(malformed))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining("1101");
        }
    }

    @Test
    void aValueWrittenUnderAnotherKeyIsRefused() {
        String stored = new PersonalDataCipher(key(32, 3), HASH_KEY).encrypt("13812345678");
        assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLookupHashIsStableHexAndIgnoresCaseAndSurroundingSpaces() {
        String hash = cipher.lookupHash("11010519491231002X");
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(cipher.lookupHash("11010519491231002x")).isEqualTo(hash);
        assertThat(cipher.lookupHash(" 11010519491231002X\n")).isEqualTo(hash);
        assertThat(new PersonalDataCipher(DATA_KEY, HASH_KEY).lookupHash("11010519491231002X")).isEqualTo(hash);
        assertThat(cipher.lookupHash("110105194912310029")).isNotEqualTo(hash);
        assertThat(cipher.lookupHash(null)).isNull();
    }

    @Test
    void theLookupHashDependsOnTheHashKeyOnly() {
        String hash = cipher.lookupHash("11010519491231002X");
        assertThat(new PersonalDataCipher(DATA_KEY, key(48, 4)).lookupHash("11010519491231002X")).isNotEqualTo(hash);
        assertThat(new PersonalDataCipher(key(32, 5), HASH_KEY).lookupHash("11010519491231002X")).isEqualTo(hash);
    }

    @Test
    void keysOfTheWrongLengthOrFormAreRefusedClearly() {
        assertThatThrownBy(() -> new PersonalDataCipher(key(16, 1), HASH_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("yiwang.security.data-key must be 32 bytes (AES-256) in base64, got 16 bytes");
        assertThatThrownBy(() -> new PersonalDataCipher(key(33, 1), HASH_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data-key must be 32 bytes");
        assertThatThrownBy(() -> new PersonalDataCipher(DATA_KEY, key(31, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("yiwang.security.hash-key must be at least 32 bytes in base64, got 31 bytes");
        assertThatThrownBy(() -> new PersonalDataCipher(DATA_KEY, DATA_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> new PersonalDataCipher(" ", HASH_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data-key is not set");
        assertThatThrownBy(() -> new PersonalDataCipher("secret-key-material!", HASH_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("yiwang.security.data-key is not valid base64")
                .hasNoCause();
    }

    @Test
    void materialFilesAreSealedAuthenticatedAndOlderClearFilesPassThrough() {
        byte[] pdf = "%PDF-1.7 申请书 13812345678".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] sealed = cipher.sealFile(pdf);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("YWF1").doesNotContain("%PDF");
        assertThat(sealed).hasSize(4 + 12 + pdf.length + 16).isNotEqualTo(cipher.sealFile(pdf));
        assertThat(cipher.openFile(sealed)).isEqualTo(pdf);
        assertThat(cipher.openFile(pdf)).as("a file stored before encryption").isEqualTo(pdf);

        byte[] tampered = sealed.clone();
        tampered[tampered.length - 20] ^= 1;
        assertThatThrownBy(() -> cipher.openFile(tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PersonalDataCipher(key(32, 3), HASH_KEY).openFile(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aContentAddressIsKeyedAndPerOwner() {
        byte[] file = "%PDF-1.7 same content".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String address = cipher.contentAddress(7, file);
        assertThat(address).matches("[0-9a-f]{64}").isEqualTo(cipher.contentAddress(7, file));
        assertThat(cipher.contentAddress(8, file)).as("another owner").isNotEqualTo(address);
        assertThat(new PersonalDataCipher(DATA_KEY, key(32, 4)).contentAddress(7, file)).as("another key").isNotEqualTo(address);
        assertThat(address).isNotEqualTo(java.util.HexFormat.of().formatHex(sha256(file)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
