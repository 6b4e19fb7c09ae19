package org.yiwang.application;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises a file by its first bytes rather than its name, so a renamed executable or archive is not
 * accepted as a scan.
 */
final class FileTypes {

    private static final Map<String, String> CONTENT_TYPES = Map.of("pdf", "application/pdf", "png", "image/png",
            "jpg", "image/jpeg", "jpeg", "image/jpeg");

    private FileTypes() {
    }

    /** The extension the bytes really are, or null when they are none of the accepted kinds. */
    static String sniff(byte[] head) {
        if (startsWith(head, "%PDF-".getBytes())) {
            return "pdf";
        }
        if (startsWith(head, new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a })) {
            return "png";
        }
        if (startsWith(head, new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff })) {
            return "jpg";
        }
        return null;
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static boolean sameKind(String extension, String sniffed) {
        return extension.equals(sniffed) || extension.equals("jpeg") && "jpg".equals(sniffed);
    }

    static String contentType(String sniffed) {
        return CONTENT_TYPES.getOrDefault(sniffed, "application/octet-stream");
    }

    static boolean accepted(String acceptTypes, String extension) {
        return Arrays.stream(acceptTypes.split(",")).map(String::trim).anyMatch(extension::equals);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
