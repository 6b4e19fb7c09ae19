package org.yiwang.supervision.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Supervision tables as Excel (xlsx, Apache POI): each sheet opens with its title and when it was exported and when
 * its figures were refreshed, in the platform's zone (Asia/Shanghai), then the table with its header row.
 */
public final class Workbooks {

    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Rows above the table: title, export time, a blank line. */
    public static final int HEADER_ROW = 3;

    private Workbooks() {
    }

    /** A sheet: its name, title, when its figures were refreshed (null if live), and rows whose first is the header. */
    public record Sheet(String name, String title, LocalDateTime refreshedAt, List<List<Object>> rows) {
    }

    public static byte[] write(Clock clock, List<Sheet> sheets) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle header = book.createCellStyle();
            header.setFont(bold);
            String exported = LocalDateTime.now(clock).format(TIME) + "（" + clock.getZone().getId() + "）";
            for (Sheet s : sheets) {
                XSSFSheet sheet = book.createSheet(s.name());
                sheet.createRow(0).createCell(0).setCellValue(s.title());
                sheet.createRow(1).createCell(0).setCellValue("导出时间 " + exported
                        + (s.refreshedAt() == null ? "" : "；数据更新于 " + s.refreshedAt().format(TIME)));
                for (int i = 0; i < s.rows().size(); i++) {
                    Row row = sheet.createRow(HEADER_ROW + i);
                    List<Object> values = s.rows().get(i);
                    for (int c = 0; c < values.size(); c++) {
                        Cell cell = row.createCell(c);
                        set(cell, values.get(c));
                        if (i == 0) {
                            cell.setCellStyle(header);
                        }
                    }
                }
                int columns = s.rows().isEmpty() ? 0 : s.rows().get(0).size();
                for (int c = 0; c < columns; c++) {
                    sheet.setColumnWidth(c, 18 * 256);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The download answer: the workbook as an attachment named in UTF-8. */
    public static ResponseEntity<byte[]> download(String fileName, byte[] workbook) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(workbook);
    }

    private static void set(Cell cell, Object value) {
        if (value == null) {
            cell.setBlank();
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value instanceof LocalDateTime t) {
            cell.setCellValue(t.format(TIME));
        } else if (value instanceof LocalDate d) {
            cell.setCellValue(d.toString());
        } else {
            cell.setCellValue(value.toString());
        }
    }
}
