package org.yiwang.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of identity numbers, phone numbers, application form data and material files: AES-256-GCM with a random 12-byte IV per value,
 * stored as {@code v1:} + base64(iv || ciphertext || tag). The version prefix lets a later key or algorithm
 * coexist with rows written under this one. A separate HMAC key gives a keyed lookup hash, so an account can be
 * found by its identity number without decrypting every row, and without the hash being reversible by anyone
 * who only has the database (identity numbers are too few to resist a dictionary against a plain hash).
 * Thread-safe: JCE objects are created per call.
 */
public final class PersonalDataCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TAMPERED = "个人数据无法解密：数据已损坏或密钥不匹配";

    /** Starts every sealed material file; a file without it was stored in the clear before files were encrypted. */
    private static final byte[] FILE_MAGIC = { 'Y', 'W', 'F', '1' };

    private final SecretKeySpec dataKey;
    private final SecretKeySpec hashKey;
    private final SecretKeySpec fileKey;
    private final SecretKeySpec addressKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param dataKeyBase64 the AES key, exactly 32 bytes ({@code yiwang.security.data-key})
     * @param hashKeyBase64 the HMAC-SHA256 key, at least 32 bytes and different from the AES key
     *                      ({@code yiwang.security.hash-key})
     */
    public PersonalDataCipher(String dataKeyBase64, String hashKeyBase64) {
        byte[] data = decodeKey(dataKeyBase64, "yiwang.security.data-key");
        byte[] hash = decodeKey(hashKeyBase64, "yiwang.security.hash-key");
        if (data.length != 32) {
            throw new IllegalArgumentException(
                    "yiwang.security.data-key must be 32 bytes (AES-256) in base64, got " + data.length + " bytes");
        }
        if (hash.length < 32) {
            throw new IllegalArgumentException(
                    "yiwang.security.hash-key must be at least 32 bytes in base64, got " + hash.length + " bytes");
        }
        if (MessageDigest.isEqual(data, hash)) {
            throw new IllegalArgumentException("yiwang.security.data-key and yiwang.security.hash-key must differ");
        }
        this.dataKey = new SecretKeySpec(data, "AES");
        this.hashKey = new SecretKeySpec(hash, "HmacSHA256");
        // Files get keys of their own, derived so that no extra secret has to be configured and a file key
        // never decrypts a database column (nor the reverse).
        this.fileKey = new SecretKeySpec(hkdf(data, "yiwang material file encryption v1"), "AES");
        this.addressKey = new SecretKeySpec(hkdf(hash, "yiwang material content address v1"), "HmacSHA256");
    }

    /** A material file sealed for the storage folder: magic, 12-byte random IV, AES-256-GCM ciphertext and tag. */
    public byte[] sealFile(byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, fileKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(FILE_MAGIC);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(FILE_MAGIC.length + IV_BYTES + sealed.length).put(FILE_MAGIC).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The plaintext of a stored material file; a file without the magic is one stored in the clear before
     * encryption and is answered as it is (material files are PDF and images, which never start with it).
     *
     * @throws IllegalStateException when a sealed file was altered or sealed under another key
     */
    public byte[] openFile(byte[] stored) {
        if (stored.length < FILE_MAGIC.length
                || !Arrays.equals(stored, 0, FILE_MAGIC.length, FILE_MAGIC, 0, FILE_MAGIC.length)) {
            return stored;
        }
        int body = FILE_MAGIC.length + IV_BYTES;
        if (stored.length < body + TAG_BITS / 8) {
            throw new IllegalStateException("材料文件无法解密：文件已损坏或密钥不匹配");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, fileKey, new GCMParameterSpec(TAG_BITS, stored, FILE_MAGIC.length, IV_BYTES));
            cipher.updateAAD(FILE_MAGIC);
            return cipher.doFinal(stored, body, stored.length - body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("材料文件无法解密：文件已损坏或密钥不匹配");
        }
    }

    /**
     * The storage address of a file's content within one owner's files: a keyed hash (HMAC-SHA256) of the owner
     * and the plaintext. Equal content of one owner gets one address; without the key nobody can tell from an
     * address whether it holds a file they guess, nor link equal files of different owners.
     */
    public String contentAddress(long owner, byte[] plain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(addressKey);
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(owner).array());
            return HexFormat.of().formatHex(mac.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) with an empty salt, 32 bytes of output for one purpose. */
    private static byte[] hkdf(byte[] inputKey, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] prk = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF failed", e);
        }
    }

    /** Encrypts a value; null stays null, so optional columns need no special case. */
    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a value written by {@link #encrypt}; null stays null.
     *
     * @throws IllegalStateException when the value is malformed, was altered, or was written under another key;
     *                               the message does not say which, nor echo the value
     */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException(TAMPERED);
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(TAMPERED);
        }
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException(TAMPERED);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TAMPERED);
        }
    }

    /**
     * Hex HMAC-SHA256 of the trimmed, upper-cased value, so {@code ...002x} and {@code ...002X} find the same
     * account; null stays null.
     */
    public String lookupHash(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            byte[] digest = mac.doFinal(plain.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    private static byte[] decodeKey(String base64, String property) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(property + " is not set (a base64-encoded random key)");
        }
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            // The cause names the offending character, a piece of the key, so it is left out.
            throw new IllegalArgumentException(property + " is not valid base64");
        }
    }
}
