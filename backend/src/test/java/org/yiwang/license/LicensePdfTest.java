package org.yiwang.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfArray;
import com.lowagie.text.pdf.PdfContentParser;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

class LicensePdfTest {

    static final License LICENSE = new License(1, "HN46010020261127000001Z", "ABCDEFGHJKMNPQRS", 1, 2, "黎小明",
            "4601**********1234", "食品经营许可证核发", "海口市市场监督管理局", 3, LocalDateTime.of(2026, 11, 27, 10, 0),
            LocalDate.of(2031, 11, 27), "VALID");

    private final LicensePdf pdf = new LicensePdf("https://zwfw.hainan.gov.cn/");

    @Test
    void anA4PageWithTheLicenceInChinese() throws Exception {
        byte[] bytes = pdf.render(LICENSE);
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(bytes);
        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        assertThat(reader.getPageSize(1).getWidth()).isEqualTo(595);
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("HN46010020261127000001Z", "ABCDEFGHJKMNPQRS",
                "https://zwfw.hainan.gov.cn/verify?code=ABCDEFGHJKMNPQRS");
        assertThat(chineseText(reader)).contains("电子证照", "食品经营许可证核发", "持证人", "黎小明", "海口市市场监督管理局", "发证日期",
                "有效期至", "核验码", "扫码核验真伪");
    }

    /** A licence is shown to anyone; the end of the holder's identity number is what the public progress query asks for. */
    @Test
    void theHolderIsNamedButNoPartOfTheIdentityNumberIsPrinted() throws Exception {
        PdfReader reader = new PdfReader(pdf.render(LICENSE));
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).doesNotContain("1234").doesNotContain("4601*");
        assertThat(chineseText(reader)).contains("黎小明").doesNotContain("证件号码");
    }

    /**
     * The Chinese runs of the page. OpenPDF's text extractor reads only fonts with a ToUnicode map, which a
     * predefined CJK font has not; but with the UniGB-UCS2-H CMap each character code is the character's UCS-2
     * value, so the strings shown in the CJK font decode as UTF-16BE.
     */
    static String chineseText(PdfReader reader) throws IOException {
        PdfDictionary fonts = reader.getPageN(1).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.FONT);
        PdfContentParser parser = new PdfContentParser(new PRTokeniser(reader.getPageContent(1)));
        StringBuilder text = new StringBuilder();
        boolean cjk = false;
        for (List<PdfObject> operands = new ArrayList<>(); !parser.parse(operands).isEmpty();) {
            String operator = operands.get(operands.size() - 1).toString();
            if (operator.equals("Tf")) {
                PdfDictionary font = fonts.getAsDict((PdfName) operands.get(0));
                cjk = PdfName.decodeName(font.getAsName(PdfName.ENCODING).toString()).equals("UniGB-UCS2-H");
            } else if (cjk && (operator.equals("Tj") || operator.equals("TJ"))) {
                List<PdfObject> shown = operator.equals("Tj") ? List.of(operands.get(0)) : ((PdfArray) operands.get(0)).getElements();
                shown.stream().filter(PdfObject::isString)
                        .forEach(o -> text.append(new String(o.getBytes(), StandardCharsets.UTF_16BE)));
            }
        }
        return text.toString();
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
