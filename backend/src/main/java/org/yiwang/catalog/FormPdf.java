package org.yiwang.catalog;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

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
 * An item's application form on paper (空白表格), or filled with plausible values (示例样表), drawn from the same
 * field list the portal's form is built from, so the two never disagree. Same fonts as the e-licence
 * (STSong-Light from the openpdf jar, Helvetica for Latin text).
 */
final class FormPdf {

    private static final BaseFont SONG = song();
    private static final Color GRID = new Color(0x99, 0x99, 0x99);
    private static final Color SAMPLE_RED = new Color(0xC6, 0x28, 0x28);

    private FormPdf() {
    }

    static byte[] render(Item item, String title, List<FormDefinition.Field> fields, Map<String, String> examples,
            boolean sample) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle((sample ? "示例样表 " : "空白表格 ") + title);
        document.addSubject(item.name());
        document.addAuthor(item.agencyName());
        document.addCreator("海南省一网通办");
        document.open();

        Paragraph head = new Paragraph(text(title, 20, Color.BLACK));
        head.setAlignment(Element.ALIGN_CENTER);
        document.add(head);
        Paragraph sub = new Paragraph(text("事项：" + item.name() + "　　受理机关：" + item.agencyName(), 10, Color.DARK_GRAY));
        sub.setAlignment(Element.ALIGN_CENTER);
        sub.setSpacingBefore(6);
        sub.setSpacingAfter(4);
        document.add(sub);
        Paragraph code = new Paragraph(text("事项编码：" + item.code(), 9, Color.DARK_GRAY));
        code.setAlignment(Element.ALIGN_CENTER);
        code.setSpacingAfter(14);
        document.add(code);

        PdfPTable table = new PdfPTable(new float[] { 32, 68 });
        table.setWidthPercentage(100);
        for (FormDefinition.Field f : fields) {
            table.addCell(cell(text((f.required() ? "* " : "") + f.label(), 11, Color.BLACK), new Color(0xF3, 0xF4, 0xF6)));
            String value = sample ? example(f, examples) : blank(f);
            PdfPCell cell = cell(text(value, 11, sample ? SAMPLE_RED : Color.DARK_GRAY), Color.WHITE);
            cell.setMinimumHeight("textarea".equals(f.type()) ? 64 : 26);
            table.addCell(cell);
        }
        document.add(table);

        Paragraph promise = new Paragraph(text("本人（单位）承诺：以上所填内容及所附材料真实、合法、有效，如有不实，愿承担相应法律责任。",
                10, Color.BLACK));
        promise.setSpacingBefore(16);
        document.add(promise);
        Paragraph sign = new Paragraph(text("申请人（签名或盖章）：" + (sample ? examples.getOrDefault("applicantName", "王海燕") : "________________")
                + "　　　　日期：" + (sample ? "2026 年 1 月 5 日" : "______年____月____日"), 11, Color.BLACK));
        sign.setSpacingBefore(18);
        document.add(sign);
        Paragraph note = new Paragraph(text("注：带 * 的为必填项。网上申报时本表由系统按所填内容自动生成，无须另行上传。"
                + "本表由海南省一网通办平台根据事项申请表单生成。", 9, Color.DARK_GRAY));
        note.setSpacingBefore(18);
        document.add(note);

        if (sample) {
            watermark(writer.getDirectContentUnder(), document.getPageSize());
        }
        document.close();
        return out.toByteArray();
    }

    /** What the blank form shows in a field: the choices to tick, the date's shape, or nothing to write on. */
    private static String blank(FormDefinition.Field f) {
        return switch (f.type()) {
            case "select" -> "□ " + String.join("　□ ", f.options());
            case "date" -> "______年____月____日";
            default -> "";
        };
    }

    private static String example(FormDefinition.Field f, Map<String, String> examples) {
        String known = examples.get(f.key());
        if (known != null && (!"select".equals(f.type()) || f.options().contains(known))) {
            return known;
        }
        return switch (f.type()) {
            case "select" -> f.options().get(0);
            case "date" -> "2026-01-05";
            case "number" -> f.min() == null || f.min() < 1 ? "1" : String.valueOf(Math.round(Math.ceil(f.min())));
            default -> "（按实际情况填写" + f.label() + "）";
        };
    }

    private static void watermark(PdfContentByte canvas, Rectangle page) {
        canvas.saveState();
        ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, text("示例样表", 72, new Color(0xF5, 0xD0, 0xD0)),
                page.getWidth() / 2, page.getHeight() / 2, 35);
        canvas.restoreState();
    }

    private static PdfPCell cell(Phrase text, Color background) {
        PdfPCell cell = new PdfPCell(text);
        cell.setBorderColor(GRID);
        cell.setBackgroundColor(background);
        cell.setPadding(6);
        cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
        return cell;
    }

    private static Phrase text(String text, float size, Color color) {
        FontSelector selector = new FontSelector();
        selector.addFont(new Font(Font.HELVETICA, size, Font.NORMAL, color));
        selector.addFont(new Font(SONG, size, Font.NORMAL, color));
        return selector.process(text);
    }

    private static BaseFont song() {
        try {
            return BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
