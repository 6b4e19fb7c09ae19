package org.yiwang.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hash that links each audit row to the one before it: hex HMAC-SHA256 over the row's canonical content and
 * the previous row's hash. Keyed, so someone with only the database can neither alter a row nor forge a
 * consistent chain. The key is derived from {@code yiwang.security.hash-key} for this one purpose, so an audit
 * hash never equals a lookup hash of personal data. Changing the hash key makes the existing chain unverifiable.
 */
@Component
class AuditChain {

    /** The hash "before" the first chained row (the genesis, also the head's initial value in V27). */
    static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final SecretKeySpec key;

    AuditChain(@Value("${yiwang.security.hash-key:}") String hashKey) {
        if (hashKey.isBlank()) {
            throw new IllegalStateException("Set yiwang.security.hash-key (YIWANG_SECURITY_HASH_KEY, base64): "
                    + "it keys the audit trail's hash chain.");
        }
        byte[] master;
        try {
            master = Base64.getDecoder().decode(hashKey.trim());
        } catch (IllegalArgumentException e) {
            // The cause names the offending character, a piece of the key, so it is left out.
            throw new IllegalStateException("yiwang.security.hash-key is not valid base64");
        }
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(master, "HmacSHA256"),
                "yiwang audit chain v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    /** One chained row's content, as stored (times to the second: the column keeps no fraction). */
    record Row(long seq, LocalDateTime at, Long actorId, String actor, String action, String target, String detail,
            String address, String regionCode) {
    }

    String hash(Row row, String previousHash) {
        StringBuilder canonical = new StringBuilder("v1");
        // Length-prefixed fields: no choice of separator inside a value can make two rows read alike.
        for (Object field : new Object[] { row.seq(), AT.format(row.at()), row.actorId(), row.actor(), row.action(),
                row.target(), row.detail(), row.address(), row.regionCode(), previousHash }) {
            if (field == null) {
                canonical.append("|-");
            } else {
                String text = field.toString();
                canonical.append('|').append(text.length()).append(':').append(text);
            }
        }
        return HexFormat.of().formatHex(hmac(key, canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }
}
