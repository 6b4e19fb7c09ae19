package org.yiwang.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** The e-licence file itself, read back with PDFBox as a viewer or an archive would read it. */
class LicensePdfTest {

    static final License LICENSE = new License(1, "HN46010020261127000001Z", "ABCDEFGHJKMNPQRS", 1, 2,
            "海口椰风餐饮管理有限公司", "9146****************", "食品经营许可证核发", "海口市市场监督管理局", 3,
            LocalDateTime.of(2026, 11, 27, 10, 0), LocalDate.of(2031, 11, 26), "VALID", License.COMPANY, null,
            "热食类食品制售、冷食类食品制售");
    static final License PERSON = new License(2, "HN46010020261127000002Z", "BCDEFGHJKMNPQRST", 2, 4, "黎小明",
            "4601**********1234", "医师执业注册", "海南省卫生健康委员会", 5, LocalDateTime.of(2026, 11, 27, 10, 0),
            LocalDate.of(2031, 11, 26), "VALID", License.PERSON, null, null);

    private final LicensePdf pdf = new LicensePdf("https://zwfw.hainan.gov.cn/");

    @Test
    void titledAsTheLicenceItIsWithItsLegalFields() throws Exception {
        String text = text(pdf.render(LICENSE, "海南省海口市龙华区滨海大道 88 号 1 层"));
        assertThat(text).startsWith("食品经营许可证").contains("（电子证照）")
                .contains("证照编号 HN46010020261127000001Z")
                .contains("名称 海口椰风餐饮管理有限公司")
                .contains("经营场所 海南省海口市龙华区滨海大道 88 号 1 层")
                .contains("许可范围 热食类食品制售、冷食类食品制售")
                .contains("许可事项 食品经营许可证核发")
                .contains("有效期限 2026年11月27日 至 2031年11月26日")
                .contains("发证机关 海口市市场监督管理局")
                .contains("核验码 ABCDEFGHJKMNPQRS")
                .contains("电子证照专用章", "扫码核验真伪")
                .contains("https://zwfw.hainan.gov.cn/verify?code=ABCDEFGHJKMNPQRS");
    }

    @Test
    void aPersonsLicenceNamesTheHolderButPrintsNoPartOfTheIdentityNumber() throws Exception {
        String text = text(pdf.render(PERSON, null));
        assertThat(text).startsWith("医师执业证书").contains("持证人 黎小明", "住所 —", "许可范围 医师执业注册")
                .doesNotContain("1234").doesNotContain("4601*").doesNotContain("证件号码");
    }

    /** Fonts travel with the file (PDF/A-1b asks for it), so the licence renders the same on any machine. */
    @Test
    void everyFontIsEmbeddedAndTheFileDeclaresPdfA() throws Exception {
        byte[] bytes = pdf.render(LICENSE, "海南省海口市龙华区滨海大道 88 号");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(595);
            var resources = doc.getPage(0).getResources();
            int fonts = 0;
            for (var name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                fonts++;
            }
            assertThat(fonts).isPositive();
            assertThat(new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8))
                    .contains("pdfaid:part", "1");
            assertThat(doc.getDocumentCatalog().getOutputIntents()).isNotEmpty();
        }
    }

    /** A QR code pointing at localhost would send whoever scans a real licence nowhere. */
    @Test
    void refusesToStartWithALocalPublicAddressOutsideTheDemoAndTestProfiles() {
        assertThatThrownBy(() -> new LicensePdf("http://localhost:8080", new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("YIWANG_PUBLIC_BASE_URL");
        assertThatThrownBy(() -> new LicensePdf("http://127.0.0.1/", new MockEnvironment().withProperty("x", "y")))
                .isInstanceOf(IllegalStateException.class);
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThat(new LicensePdf("http://localhost:8080", demo).verificationUrl("X")).isEqualTo("http://localhost:8080/verify?code=X");
        assertThat(new LicensePdf("https://zwfw.hainan.gov.cn", new MockEnvironment()).verificationUrl("X"))
                .isEqualTo("https://zwfw.hainan.gov.cn/verify?code=X");
    }

    /** The page's text in reading order, each field's label and value on one line, runs of spaces as one. */
    static String text(byte[] pdfBytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdfBytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc).replaceAll("[ \\t\u00a0]+", " ").strip();
        }
    }

    @Test
    void theQrCodeCarriesThePublicVerificationUrl() throws Exception {
        String url = pdf.verificationUrl(LICENSE.verificationCode());
        assertThat(url).isEqualTo("https://zwfw.hainan.gov.cn/verify?code=ABCDEFGHJKMNPQRS");
        BitMatrix matrix = LicensePdf.qr(url);
        // Rasterise the modules as a scanner would see them: 4 pixels each, with a 4-module white quiet zone.
        int scale = 4, quiet = 4, size = (matrix.getWidth() + 2 * quiet) * scale;
        int[] pixels = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int col = x / scale - quiet, row = y / scale - quiet;
                boolean dark = col >= 0 && row >= 0 && col < matrix.getWidth() && row < matrix.getHeight() && matrix.get(col, row);
                pixels[y * size + x] = dark ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertThat(decoded).isEqualTo(url);
    }
}
