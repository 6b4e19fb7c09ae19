package org.yiwang.license;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
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

/** The e-licence as an A4 certificate with a QR code to the public verification page. */
@Component
class LicensePdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final Color SEAL_RED = new Color(0xB7, 0x1C, 0x1C);
    private static final float QR_SIZE = 120;

    /*
     * STSong-Light with UniGB-UCS2-H is one of PDF's predefined CJK fonts: the CMaps and metrics ship inside the
     * openpdf jar (com/lowagie/text/pdf/fonts/), so rendering needs no system font and no download, and the file
     * stays small. The font is not embedded; PDF viewers supply a Song face for it (Acrobat and pdf.js bundle one,
     * poppler uses an installed CJK font). Embedding an OFL CJK font instead would add 10+ MB to the jar.
     */
    private static final BaseFont SONG = song();

    private final String publicBaseUrl;

    LicensePdf(@Value("${yiwang.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    String verificationUrl(String code) {
        return publicBaseUrl + "/verify?code=" + code;
    }

    byte[] render(License l) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 72, 72, 90, 72);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle("电子证照 " + l.licenseNo());
        document.addSubject(l.itemName());
        document.addAuthor(l.agencyName());
        document.addCreator("海南省一网通办");
        document.open();
        PdfContentByte canvas = writer.getDirectContent();
        frame(canvas, document.getPageSize());

        Paragraph title = new Paragraph(text("电子证照", 34, SEAL_RED));
        title.setAlignment(Element.ALIGN_CENTER);
        document.add(title);
        Paragraph item = new Paragraph(text(l.itemName(), 16, Color.BLACK));
        item.setAlignment(Element.ALIGN_CENTER);
        item.setSpacingBefore(12);
        item.setSpacingAfter(36);
        document.add(item);

        PdfPTable fields = new PdfPTable(new float[] { 28, 72 });
        fields.setWidthPercentage(100);
        field(fields, "证照编号", l.licenseNo());
        field(fields, "持证人", l.holderName());
        field(fields, "许可事项", l.itemName());
        field(fields, "发证机关", l.agencyName());
        field(fields, "发证日期", DATE.format(l.issuedAt()));
        field(fields, "有效期至", DATE.format(l.validUntil()));
        field(fields, "核验码", l.verificationCode());
        document.add(fields);

        String url = verificationUrl(l.verificationCode());
        float qrX = document.right() - QR_SIZE;
        float qrY = document.bottom() + 40;
        qr(canvas, qr(url), qrX, qrY);
        ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, text("扫码核验真伪", 9, Color.DARK_GRAY),
                qrX + QR_SIZE / 2, qrY - 14, 0);
        ColumnText note = new ColumnText(canvas);
        note.setSimpleColumn(document.left(), qrY - 20, qrX - 24, qrY + QR_SIZE);
        note.addElement(new Paragraph(text("发证机关：" + l.agencyName(), 12, Color.BLACK)));
        note.addElement(new Paragraph(text(DATE.format(l.issuedAt()), 12, Color.BLACK)));
        Paragraph how = new Paragraph(text("本证照由海南省一网通办平台签发，与纸质证照具有同等效力。\n"
                + "扫描右侧二维码，或访问以下网址核验真伪：\n" + url, 9, Color.DARK_GRAY));
        how.setLeading(13);
        how.setSpacingBefore(16);
        note.addElement(how);
        note.go();

        document.close();
        return out.toByteArray();
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

    private static void field(PdfPTable table, String label, String value) {
        table.addCell(cell(text(label, 13, Color.DARK_GRAY)));
        table.addCell(cell(text(value, 13, Color.BLACK)));
    }

    /**
     * Latin letters and digits (numbers, codes, dates, the URL) in Helvetica, whose metrics every viewer matches
     * and whose text extracts as written; everything else in the CJK font.
     */
    private static Phrase text(String text, float size, Color color) {
        FontSelector selector = new FontSelector();
        selector.addFont(new Font(Font.HELVETICA, size, Font.NORMAL, color));
        selector.addFont(new Font(SONG, size, Font.NORMAL, color));
        return selector.process(text);
    }

    private static PdfPCell cell(Phrase text) {
        PdfPCell cell = new PdfPCell(text);
        cell.setBorder(Rectangle.BOTTOM);
        cell.setBorderColor(new Color(0xDD, 0xDD, 0xDD));
        cell.setPaddingTop(9);
        cell.setPaddingBottom(9);
        return cell;
    }

    private static BaseFont song() {
        try {
            return BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
