package org.yiwang.license;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The e-licence as an A4 certificate: titled as the licence it is (食品经营许可证), its legal fields, the issuing
 * agency's electronic seal and a QR code to the public verification page. PDF/A-1b, every font embedded.
 */
@Component
class LicensePdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final Color SEAL_RED = new Color(0xC6, 0x28, 0x28);
    private static final float QR_SIZE = 110;
    private static final float SEAL_RADIUS = 62;

    /*
     * Noto Serif SC cut down to GB 2312 (resources/fonts/README.md), embedded as a subset of the glyphs used, so the
     * licence renders the same in any viewer and qualifies as PDF/A. A name with a character outside GB 2312 (a rare
     * 生僻字) falls back to the predefined, not embedded STSong-Light, and that licence is a plain PDF instead.
     */
    private static final BaseFont SERIF = serif();
    private static final BaseFont SONG = song();

    private final String publicBaseUrl;

    @Autowired
    LicensePdf(@Value("${yiwang.public-base-url:http://localhost:8080}") String publicBaseUrl, Environment env) {
        this(publicBaseUrl);
        if (local(this.publicBaseUrl) && !env.acceptsProfiles(Profiles.of("demo", "test"))) {
            throw new IllegalStateException("yiwang.public-base-url (YIWANG_PUBLIC_BASE_URL) is " + this.publicBaseUrl
                    + ": e-licences would print a QR code nobody else can open. Set the portal's public address.");
        }
    }

    LicensePdf(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    static boolean local(String url) {
        return url.matches("(?i)https?://(localhost|127\\.[0-9.]+|0\\.0\\.0\\.0|\\[::1\\])(:\\d+)?(/.*)?");
    }

    String verificationUrl(String code) {
        return publicBaseUrl + "/verify?code=" + code;
    }

    /** {@code address} is the licence's decrypted address, or null when the application gave none. */
    byte[] render(License l, String address) {
        String title = LicenseService.title(l);
        String holderLabel = License.COMPANY.equals(l.holderKind()) ? "名称" : "持证人";
        List<String[]> rows = Arrays.asList(
                new String[] { "证照编号", l.licenseNo() },
                new String[] { holderLabel, l.holderName() },
                new String[] { License.COMPANY.equals(l.holderKind()) ? "经营场所" : "住所", blank(address) },
                new String[] { "许可范围", l.scope() == null ? l.itemName() : l.scope() },
                new String[] { "许可事项", l.itemName() },
                new String[] { "有效期限", DATE.format(l.issuedAt()) + " 至 " + DATE.format(l.validUntil()) },
                new String[] { "发证机关", l.agencyName() },
                new String[] { "核验码", l.verificationCode() });
        String url = verificationUrl(l.verificationCode());
        boolean embedded = rows.stream().allMatch(r -> covered(r[0]) && covered(r[1])) && covered(title);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 72, 72, 86, 72);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        if (embedded) {
            writer.setPDFXConformance(PdfWriter.PDFA1B);
        }
        document.addTitle(title + " " + l.licenseNo());
        document.addSubject(l.itemName());
        document.addAuthor(l.agencyName());
        document.addCreator("海南省一网通办");
        document.open();
        if (embedded) {
            outputIntent(writer);
            writer.createXmpMetadata();
        }
        PdfContentByte canvas = writer.getDirectContent();
        frame(canvas, document.getPageSize());

        Paragraph heading = paragraph(title, 30, SEAL_RED);
        heading.setAlignment(Element.ALIGN_CENTER);
        document.add(heading);
        Paragraph kind = paragraph("（电子证照）", 13, Color.DARK_GRAY);
        kind.setAlignment(Element.ALIGN_CENTER);
        kind.setSpacingBefore(6);
        kind.setSpacingAfter(28);
        document.add(kind);

        PdfPTable fields = new PdfPTable(new float[] { 24, 76 });
        fields.setWidthPercentage(100);
        rows.forEach(r -> field(fields, r[0], r[1]));
        document.add(fields);

        float qrX = document.right() - QR_SIZE;
        float qrY = document.bottom() + 24;
        qr(canvas, qr(url), qrX, qrY);
        ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, text("扫码核验真伪", 9, Color.DARK_GRAY),
                qrX + QR_SIZE / 2, qrY - 14, 0);
        float sealX = document.right() - 120;
        float sealY = qrY + QR_SIZE + 105;
        ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, text(l.agencyName(), 13, Color.BLACK), sealX,
                sealY + 8, 0);
        ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, text(DATE.format(l.issuedAt()), 13, Color.BLACK),
                sealX, sealY - 16, 0);
        seal(canvas, l.agencyName(), sealX, sealY);

        ColumnText note = new ColumnText(canvas);
        note.setSimpleColumn(document.left(), qrY - 20, qrX - 20, qrY + QR_SIZE);
        Paragraph how = paragraph("本证照由" + l.agencyName() + "通过海南省一网通办平台签发，"
                + "与纸质证照具有同等法律效力。扫描右侧二维码，或访问以下网址核验真伪：\n" + url, 9, Color.DARK_GRAY);
        how.setLeading(13);
        note.addElement(how);
        note.go();

        document.close();
        return out.toByteArray();
    }

    /**
     * The issuing agency's electronic seal, drawn rather than loaded from an image: a red ring, a five-pointed
     * star, the agency's name along the upper arc and 电子证照专用章 below the star, as official seals are laid out.
     */
    private static void seal(PdfContentByte canvas, String agency, float cx, float cy) {
        canvas.saveState();
        canvas.setColorStroke(SEAL_RED);
        canvas.setColorFill(SEAL_RED);
        canvas.setLineWidth(3.2f);
        canvas.circle(cx, cy, SEAL_RADIUS);
        canvas.stroke();
        star(canvas, cx, cy, 17);
        canvas.fill();
        int[] chars = agency.codePoints().toArray();
        float size = chars.length > 14 ? 9.5f : 11.5f;
        // The name spans about 240° of the upper arc, centred on the top, read clockwise from the lower left.
        double span = Math.toRadians(Math.min(250, 18.5 * chars.length));
        double radius = SEAL_RADIUS - 5 - size;
        for (int i = 0; i < chars.length; i++) {
            double angle = Math.PI / 2 + span / 2 - (chars.length == 1 ? span / 2 : span * i / (chars.length - 1));
            float x = (float) (cx + radius * Math.cos(angle));
            float y = (float) (cy + radius * Math.sin(angle));
            ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER,
                    text(new String(Character.toChars(chars[i])), size, SEAL_RED), x, y,
                    (float) Math.toDegrees(angle - Math.PI / 2));
        }
        ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, text("电子证照专用章", 8.5f, SEAL_RED), cx, cy - 34, 0);
        canvas.restoreState();
    }

    private static void star(PdfContentByte canvas, float cx, float cy, float r) {
        for (int i = 0; i < 10; i++) {
            double angle = Math.PI / 2 + i * Math.PI / 5;
            double radius = i % 2 == 0 ? r : r * 0.382;
            float x = (float) (cx + radius * Math.cos(angle));
            float y = (float) (cy + radius * Math.sin(angle));
            if (i == 0) {
                canvas.moveTo(x, y);
            } else {
                canvas.lineTo(x, y);
            }
        }
        canvas.closePath();
    }

    /** The QR code's modules, one bit each, without a quiet zone (the page around it is blank). */
    static BitMatrix qr(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalStateException("verification URL does not fit a QR code", e);
        }
    }

    /** Drawn as vector squares, one rectangle per run of dark modules: sharp at any zoom and in print. */
    private static void qr(PdfContentByte canvas, BitMatrix matrix, float x, float y) {
        float module = QR_SIZE / matrix.getWidth();
        canvas.saveState();
        canvas.setColorFill(Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            float top = y + QR_SIZE - (row + 1) * module;
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    int start = col;
                    while (col + 1 < matrix.getWidth() && matrix.get(col + 1, row)) {
                        col++;
                    }
                    canvas.rectangle(x + start * module, top, (col - start + 1) * module, module);
                }
            }
        }
        canvas.fill();
        canvas.restoreState();
    }

    private static void frame(PdfContentByte canvas, Rectangle page) {
        canvas.saveState();
        canvas.setColorStroke(SEAL_RED);
        canvas.setLineWidth(2.5f);
        canvas.rectangle(36, 36, page.getWidth() - 72, page.getHeight() - 72);
        canvas.stroke();
        canvas.setLineWidth(0.8f);
        canvas.rectangle(42, 42, page.getWidth() - 84, page.getHeight() - 84);
        canvas.stroke();
        canvas.restoreState();
    }

    /** PDF/A names the colour space its colours mean: sRGB, whose profile ships with the JDK. */
    private static void outputIntent(PdfWriter writer) {
        try {
            writer.setOutputIntents("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                    ICC_Profile.getInstance(ColorSpace.CS_sRGB));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void field(PdfPTable table, String label, String value) {
        table.addCell(cell(text(label, 13, Color.DARK_GRAY)));
        table.addCell(cell(text(value, 13, Color.BLACK)));
    }

    /** A paragraph whose own font (used for its empty lines and leading) is the embedded one, as PDF/A asks. */
    private static Paragraph paragraph(String text, float size, Color color) {
        Paragraph p = new Paragraph(size * 1.4f, "", new Font(SERIF, size, Font.NORMAL, color));
        p.add(text(text, size, color));
        return p;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }

    private static boolean covered(String text) {
        return text == null || text.codePoints().allMatch(c -> c < 0x20 || SERIF.charExists(c));
    }

    /** Everything in the embedded serif; only characters it lacks in STSong-Light. */
    private static Phrase text(String text, float size, Color color) {
        FontSelector selector = new FontSelector();
        selector.addFont(new Font(SERIF, size, Font.NORMAL, color));
        selector.addFont(new Font(SONG, size, Font.NORMAL, color));
        return selector.process(text);
    }

    private static PdfPCell cell(Phrase text) {
        PdfPCell cell = new PdfPCell(text);
        cell.setBorder(Rectangle.BOTTOM);
        cell.setBorderColor(new Color(0xDD, 0xDD, 0xDD));
        cell.setPaddingTop(8);
        cell.setPaddingBottom(8);
        return cell;
    }

    private static BaseFont serif() {
        try (InputStream in = LicensePdf.class.getResourceAsStream("/fonts/NotoSerifSC-GB2312.ttf")) {
            if (in == null) {
                throw new IllegalStateException("fonts/NotoSerifSC-GB2312.ttf is missing from the classpath");
            }
            return BaseFont.createFont("NotoSerifSC-GB2312.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BaseFont song() {
        try {
            return BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
