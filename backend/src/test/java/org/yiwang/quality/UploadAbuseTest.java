package org.yiwang.quality;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.identity.PersonalDataCipher;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hostile material uploads on a fresh draft: each gets a clean 4xx problem detail, and neither the
 * application nor the storage folder keeps anything of them.
 */
@IntegrationTest
class UploadAbuseTest {

    private static final int MB = 1024 * 1024;

    @LocalServerPort
    int port;
    @Value("${yiwang.storage.dir:./data/materials}")
    String storageDir;
    @Autowired
    PersonalDataCipher cipher;

    /** Written into every payload, so that a stored file of this run is recognisable among other runs' files. */
    private final byte[] marker = ("upload-abuse-" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);

    record Abuse(String name, int status, Api.Response response) {
    }

    @Test
    void hostileUploadsAreRefusedAndLeaveNothingBehind() throws IOException {
        Journeys journeys = new Journeys(port);
        JsonNode item = journeys.haikouLicensingItem();
        JsonNode material = item.path("materials").get(0);
        String materialId = material.path("id").asText();
        Api applicant = Personas.login(port, "applicant");
        String no = journeys.draft(applicant, item, "4601");
        String target = "/api/v1/applications/" + no + "/materials";
        Instant started = Instant.now();
        List<Path> filesBefore = storedFiles();

        List<Abuse> abuses = new ArrayList<>();
        Map<String, String> fields = Map.of("materialId", materialId);
        abuses.add(new Abuse("empty file", 400, applicant.upload(target, "scan.png", new byte[0], "image/png", fields)));
        abuses.add(new Abuse("Windows executable named .pdf", 415,
                applicant.upload(target, "scan.pdf", executable(), "application/pdf", fields)));
        abuses.add(new Abuse("ZIP named .png", 415, applicant.upload(target, "scan.png", zip(1), "image/png", fields)));
        byte[] bomb = zip(256L * MB);
        abuses.add(new Abuse("zip bomb (" + bomb.length / 1024 + " KB, 512 MB inflated) named .pdf", 415,
                applicant.upload(target, "scan.pdf", bomb, "application/pdf", fields)));
        abuses.add(new Abuse("zip bomb named .zip", 415, applicant.upload(target, "scan.zip", bomb, "application/zip", fields)));
        int maxSizeMb = material.path("maxSizeMb").asInt();
        abuses.add(new Abuse("PNG over the material's " + maxSizeMb + " MB", 413,
                applicant.upload(target, "scan.png", png((maxSizeMb + 1) * MB), "image/png", fields)));
        abuses.add(new Abuse("PNG over the 50 MB multipart limit", 413, applicant.send(streamedUpload(applicant, target,
                materialId, 51L * MB))));
        for (String name : List.of("../../x.png", "..\\x.png", "scan\u0000.png", "a".repeat(296) + ".png")) {
            abuses.add(new Abuse("name " + (name.length() > 40 ? name.length() + " chars" : name.replace("\u0000", "\\0")), 400,
                    applicant.upload(target, name, png(1024), "image/png", fields)));
        }
        abuses.add(new Abuse("materialId of another item", 400,
                applicant.upload(target, "scan.png", png(1024), "image/png", Map.of("materialId", foreignMaterialId(journeys, item)))));

        List<String> wrong = new ArrayList<>();
        for (Abuse a : abuses) {
            System.out.printf("UploadAbuseTest: %s -> %d %s%n", a.name(), a.response().status(), a.response().body());
            ApiFuzzTest.check(a.name(), a.response()).ifPresent(problem -> wrong.add(a.name() + ": " + problem));
            if (a.response().status() != a.status()) {
                wrong.add(a.name() + ": expected " + a.status() + ", got " + a.response().status() + " " + a.response().body());
            }
        }
        // Softly: what was left behind matters even when a refusal came out wrong.
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(wrong).as("refusals").isEmpty();
        softly.assertThat(journeys.application(applicant, no).path("materials")).as("materials of the draft").isEmpty();
        List<Path> leftovers = new ArrayList<>();
        for (Path p : storedFiles()) {
            if (!filesBefore.contains(p) && Files.getLastModifiedTime(p).toInstant().isAfter(started.minusSeconds(1)) && ours(p)) {
                leftovers.add(p);
            }
        }
        System.out.printf("UploadAbuseTest: %d files in %s before, %d after%n", filesBefore.size(), storageDir, storedFiles().size());
        softly.assertThat(leftovers).as("files of refused uploads left in the storage folder").isEmpty();
        softly.assertAll();
    }

    /** Every file under the storage folder; other test runs may add their own meanwhile, so only ours count. */
    private List<Path> storedFiles() throws IOException {
        Path root = Path.of(storageDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Material files are encrypted at rest, so the marker is looked for in what the file decrypts to. */
    private boolean ours(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return true;
        }
        byte[] plain;
        try {
            plain = cipher.openFile(Files.readAllBytes(file));
        } catch (IllegalStateException sealedUnderAnotherKey) {
            return false;
        }
        return indexOf(java.util.Arrays.copyOf(plain, Math.min(plain.length, 4096)), marker) >= 0;
    }

    /** An MZ/PE header as Windows executables start, then our marker. */
    private byte[] executable() {
        ByteArrayOutputStream exe = new ByteArrayOutputStream();
        byte[] dos = new byte[64];
        dos[0] = 'M';
        dos[1] = 'Z';
        dos[60] = (byte) 0x80;
        exe.writeBytes(dos);
        exe.writeBytes(marker);
        exe.writeBytes(new byte[0x80 - 64 - marker.length]);
        exe.writeBytes(new byte[] { 'P', 'E', 0, 0, 0x4c, 0x01 });
        exe.writeBytes(new byte[1024]);
        return exe.toByteArray();
    }

    /** A ZIP archive of two entries of zeros named with our marker; a few hundred KB inflate to twice {@code entrySize}. */
    private byte[] zip(long entrySize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] zeros = new byte[MB];
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (int e = 0; e < 2; e++) {
                zip.putNextEntry(new ZipEntry(new String(marker, StandardCharsets.US_ASCII) + "-" + e + ".png"));
                for (long written = 0; written < entrySize; written += Math.min(zeros.length, entrySize - written)) {
                    zip.write(zeros, 0, (int) Math.min(zeros.length, entrySize - written));
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file that is a PNG by its first bytes, carrying our marker, padded to {@code size}. */
    private byte[] png(int size) {
        byte[] png = new byte[size];
        System.arraycopy(Journeys.PNG, 0, png, 0, Journeys.PNG.length);
        System.arraycopy(marker, 0, png, Journeys.PNG.length, marker.length);
        return png;
    }

    /** A multipart upload of a PNG of {@code size} bytes, generated while it is sent rather than held in memory. */
    private HttpRequest.Builder streamedUpload(Api api, String target, String materialId, long size) {
        String boundary = "abuse" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"materialId\"\r\n\r\n" + materialId + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] start = png(Journeys.PNG.length + marker.length);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long zeros = size - start.length;
        long length = head.length + size + tail.length;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                () -> new SequenceInputStream(java.util.Collections.enumeration(List.of(new java.io.ByteArrayInputStream(head),
                        new java.io.ByteArrayInputStream(start), new Zeros(zeros), new java.io.ByteArrayInputStream(tail))))), length);
        return HttpRequest.newBuilder(api.uri(target)).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body);
    }

    private static String foreignMaterialId(Journeys journeys, JsonNode item) {
        List<String> own = new ArrayList<>();
        item.path("materials").forEach(m -> own.add(m.path("id").asText()));
        JsonNode other = journeys.item(i -> !i.path("code").asText().equals(item.path("code").asText()));
        for (JsonNode m : other.path("materials")) {
            if (!own.contains(m.path("id").asText())) {
                return m.path("id").asText();
            }
        }
        throw new AssertionError("no material of another item: " + other);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code n} zero bytes, produced on demand. */
    private static final class Zeros extends InputStream {

        private long left;

        Zeros(long n) {
            this.left = n;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
