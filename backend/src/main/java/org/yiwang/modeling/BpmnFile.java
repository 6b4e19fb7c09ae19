package org.yiwang.modeling;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.exceptions.XMLException;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Process;
import org.springframework.http.HttpStatus;

/**
 * Reads uploaded BPMN 2.0 XML without trusting it. A document type declaration is refused outright, so
 * external entities are never fetched and entity expansion (billion laughs) never starts. The text is kept
 * as UTF-8 whatever encoding the file declared, so that what is stored, edited and deployed is one string.
 */
final class BpmnFile {

    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Pattern DECLARED_ENCODING = Pattern.compile("^(<\\?xml[^>]*?encoding\\s*=\\s*[\"'])([^\"']*)([\"'])");

    /** The model as stored (UTF-8 text), Flowable's reading of it, and the process it deploys as. */
    record Parsed(String xml, BpmnModel model, String key) {
    }

    private BpmnFile() {
    }

    static Parsed read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw ModelRejected.invalidFile("文件为空");
        }
        checkSize(bytes.length);
        String xml = checkedText(bytes);
        BpmnModel model = convert(xml);
        return new Parsed(xml, model, keyOf(model));
    }

    /** Checked before an upload is read into memory, and again for text saved from the modeller. */
    static void checkSize(long bytes) {
        if (bytes > MAX_BYTES) {
            throw new ModelRejected(HttpStatus.PAYLOAD_TOO_LARGE, "MODEL_TOO_LARGE", "BPMN 文件不能超过 2 MB",
                    List.of(Problem.error(null, "文件大小 " + bytes + " 字节，超过 2 MB 上限")));
        }
    }

    /** XML text edited in the modeller; its declaration may still name the encoding of the file it came from. */
    static Parsed read(String xml) {
        return read(xml == null ? null : declareUtf8(xml).getBytes(StandardCharsets.UTF_8));
    }

    /** Well-formed, no DOCTYPE, a BPMN 2.0 {@code definitions} root; answers the text decoded from its encoding. */
    private static String checkedText(byte[] bytes) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(bytes));
            String declared = reader.getCharacterEncodingScheme();
            String encoding = declared != null ? declared : reader.getEncoding();
            boolean root = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw ModelRejected.invalidFile("不允许 DOCTYPE 或实体声明（外部实体、实体展开）");
                }
                if (event == XMLStreamConstants.START_ELEMENT && !root) {
                    root = true;
                    if (!BPMN_NS.equals(reader.getNamespaceURI()) || !"definitions".equals(reader.getLocalName())) {
                        throw ModelRejected.invalidFile("不是 BPMN 2.0 文件：根元素须为 " + BPMN_NS + " 命名空间的 definitions，实际为 "
                                + reader.getName());
                    }
                }
            }
            return declareUtf8(stripBom(new String(bytes, charset(encoding))));
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : "第 " + e.getLocation().getLineNumber() + " 行第 "
                    + e.getLocation().getColumnNumber() + " 列：";
            throw ModelRejected.invalidFile("XML 格式错误，" + where + plain(e.getMessage()));
        } finally {
            close(reader);
        }
    }

    private static BpmnModel convert(String xml) {
        BpmnModel model;
        try {
            model = new BpmnXMLConverter().convertToBpmnModel(
                    () -> new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), false, true, "UTF-8");
        } catch (XMLException e) {
            throw ModelRejected.invalidFile("无法读取 BPMN 内容：" + plain(e.getMessage()));
        } catch (RuntimeException e) {
            // Flowable's converter fails in many ways on models made by other tools; none of them is a server error.
            throw ModelRejected.invalidFile("无法读取 BPMN 内容，请检查流程元素及其引用是否完整");
        }
        if (model.getProcesses().isEmpty()) {
            throw ModelRejected.invalidFile("文件中没有流程（process）；平台只能导入含流程的模型");
        }
        return model;
    }

    /** The executable process, else the first one: a draft is named after it until it is made executable. */
    private static String keyOf(BpmnModel model) {
        String key = model.getProcesses().stream().filter(Process::isExecutable).findFirst()
                .orElse(model.getProcesses().get(0)).getId();
        if (key == null || key.isBlank()) {
            throw ModelRejected.invalidFile("流程缺少 id");
        }
        if (key.length() > 255) {
            throw ModelRejected.invalidFile("流程 id 不能超过 255 个字符");
        }
        return key;
    }

    /** A reader that never resolves a DTD or an entity. */
    static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    private static Charset charset(String encoding) {
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw ModelRejected.invalidFile("不支持的字符编码 " + encoding);
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String declareUtf8(String xml) {
        Matcher m = DECLARED_ENCODING.matcher(xml);
        return m.find() ? m.replaceFirst("$1UTF-8$3") : xml;
    }

    /** Parser messages without the parser's own prefixes and class names. */
    private static String plain(String message) {
        if (message == null) {
            return "";
        }
        String text = message.replaceAll("(?s).*Message: ", "").replaceAll("[\\w.]*Exception:?\\s*", "").trim();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing was held open: the input is a byte array
            }
        }
    }
}
