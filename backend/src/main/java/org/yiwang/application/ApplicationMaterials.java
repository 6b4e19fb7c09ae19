package org.yiwang.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HexFormat;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.Material;
import org.yiwang.common.ApiException;
import org.yiwang.identity.IdentityService;
import org.yiwang.license.LicenseService;

/**
 * An application's materials (申请材料): uploads checked against the item's rules, files reused from earlier
 * applications (材料复用), the applicant's own e-licences standing for a material (电子证照复用), and downloads.
 */
@Service
public class ApplicationMaterials {

    private final ApplicationMapper mapper;
    private final CaseRecords cases;
    private final MaterialFiles files;
    private final CatalogService catalog;
    private final IdentityService identity;
    private final LicenseService licenses;
    private final Clock clock;

    ApplicationMaterials(ApplicationMapper mapper, CaseRecords cases, MaterialFiles files, CatalogService catalog,
            IdentityService identity, LicenseService licenses, Clock clock) {
        this.mapper = mapper;
        this.cases = cases;
        this.files = files;
        this.catalog = catalog;
        this.identity = identity;
        this.licenses = licenses;
        this.clock = clock;
    }

    public record MaterialContent(String fileName, String contentType, long size, InputStream content) {
    }

    /** A file the applicant gave in an earlier application, to pick instead of uploading again (材料复用). */
    public record ReusableFile(long id, String applicationNo, String materialName, String fileName, String contentType,
            long sizeBytes, String sha256, LocalDateTime uploadedAt) {
    }

    /** Per material of the draft, the applicant's valid e-licences that can stand for it (电子证照复用). */
    public record LicenseOption(long materialId, String materialName, List<LicenseService.Usable> licenses) {
    }

    @Transactional
    public ApplicationView.MaterialFile add(String no, Long materialId, MultipartFile file) {
        Application a = cases.own(no);
        Material material = uploadTarget(a, materialId);
        Upload upload = checkedUpload(file, material);
        return attach(a, material.id(), upload);
    }

    public List<ReusableFile> reusable(String materialName) {
        if (materialName == null || materialName.isBlank() || materialName.length() > 200) {
            throw ApiException.badParameter("materialName", "请指明材料名称");
        }
        Set<String> seen = new HashSet<>();
        return mapper.findReusable(identity.current().accountId(), materialName.trim()).stream()
                .filter(f -> seen.add(f.sha256())).limit(20).toList();
    }

    /** Attaches a copy of one of the applicant's earlier files, under the same rules as an upload. */
    @Transactional
    public ApplicationView.MaterialFile reuse(String no, Long materialId, Long fileId) {
        Application a = cases.own(no);
        Material material = uploadTarget(a, materialId);
        ApplicationMapper.StoredMaterial earlier = fileId == null ? null : mapper.findOwnFile(a.applicantId, fileId);
        if (earlier == null) {
            throw ApiException.notFound("材料文件 " + fileId);
        }
        requireFits(material, earlier.fileName(), earlier.sizeBytes(), "fileId");
        String key = files.reuse(a, material.id(), earlier.storageKey());
        return insert(a, material.id(), earlier.fileName(), earlier.contentType(), earlier.sizeBytes(), earlier.sha256(), key);
    }

    public List<LicenseOption> licenseOptions(String no) {
        Application a = cases.own(no);
        List<Material> materials = catalog.materials(catalog.item(a.itemCode));
        Map<String, List<LicenseService.Usable>> usable = licenses.usableFor(a.applicantId,
                materials.stream().map(Material::name).toList());
        return materials.stream().filter(m -> usable.containsKey(m.name()))
                .map(m -> new LicenseOption(m.id(), m.name(), usable.get(m.name()))).toList();
    }

    /** Attaches the PDF of one of the applicant's own valid e-licences as a material, instead of a scan of it. */
    @Transactional
    public ApplicationView.MaterialFile attachLicense(String no, Long materialId, String licenseNo) {
        Application a = cases.own(no);
        Material material = uploadTarget(a, materialId);
        LicenseService.AsMaterial licence = licenses.asMaterial(a.applicantId, licenseNo, material.name());
        String fileName = licence.licenseNo() + ".pdf";
        requireFits(material, fileName, licence.pdf().length, "licenseNo");
        ApplicationView.MaterialFile file = attach(a, material.id(),
                new Upload(fileName, "application/pdf", licence.pdf(), sha256(licence.pdf())));
        cases.event(a, "LICENSE_MATERIAL", cases.applicantActor(identity.current()),
                "以电子证照 " + licence.licenseNo() + " 作为“" + material.name() + "”");
        return file;
    }

    @Transactional
    public void remove(String no, long id) {
        Application a = cases.own(no);
        if (a.status != ApplicationStatus.DRAFT && a.status != ApplicationStatus.SUPPLEMENT_REQUIRED) {
            throw ApiException.conflict("MATERIALS_CLOSED", "当前状态不能删除材料");
        }
        ApplicationMapper.StoredMaterial m = mapper.findMaterials(a.id).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("材料 " + id));
        if (a.status == ApplicationStatus.SUPPLEMENT_REQUIRED && m.id() <= a.supplementBaseline) {
            throw ApiException.conflict("MATERIALS_CLOSED", "已提交的材料不能删除");
        }
        // The application's row first, then the file's, in the order draft expiry takes them.
        if (mapper.touchMaterials(a.id, LocalDateTime.now(clock)) == 0) {
            throw CaseRecords.concurrent();
        }
        if (mapper.deleteMaterial(a.id, id) == 0) {
            throw ApiException.notFound("材料 " + id);
        }
        files.releaseAfterCommit(a.applicantId, m.storageKey());
    }

    /** One material's file, for the applicant or staff in scope (staff reading it are audited). */
    public MaterialContent content(String no, long id) {
        Application a = cases.visible(no);
        ApplicationMapper.StoredMaterial m = mapper.findMaterials(a.id).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("材料 " + id));
        cases.auditStaffRead(a, "DOWNLOAD_MATERIAL", "材料 " + m.id() + "（" + m.materialName() + "）");
        return new MaterialContent(m.fileName(), m.contentType(), m.sizeBytes(), files.open(m.storageKey()));
    }

    /** The names of the item's required materials that the application has no file for. */
    List<String> missingRequired(Application a, Item item) {
        Set<Long> uploaded = mapper.findMaterials(a.id).stream().map(ApplicationMapper.StoredMaterial::materialId)
                .collect(Collectors.toSet());
        return catalog.materials(item).stream().filter(m -> m.required() && !uploaded.contains(m.id()))
                .map(Material::name).toList();
    }

    /** A file not uploaded just now (reused, or an e-licence) must still meet the material's type and size rules. */
    private static void requireFits(Material material, String fileName, long sizeBytes, String parameter) {
        if (!FileTypes.accepted(material.acceptTypes(), FileTypes.extension(fileName))
                || sizeBytes > material.maxSizeMb() * 1024L * 1024L) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_TYPE_NOT_ALLOWED",
                    "该文件不符合本材料的格式或大小要求：" + material.acceptTypes() + "，" + material.maxSizeMb() + " MB", parameter);
        }
    }

    /** The material a file may be attached to now: a draft's, or one the supplement notice asked for. */
    private Material uploadTarget(Application a, Long materialId) {
        if (materialId == null) {
            throw ApiException.badParameter("materialId", "请指明上传的是哪一项材料");
        }
        Material material = catalog.materials(catalog.item(a.itemCode)).stream().filter(m -> m.id() == materialId)
                .findFirst().orElseThrow(() -> ApiException.badParameter("materialId", "该事项没有编号为 " + materialId + " 的材料"));
        if (a.status == ApplicationStatus.SUPPLEMENT_REQUIRED) {
            if (!CaseRecords.supplementMaterialIds(a).contains(materialId)) {
                throw ApiException.badParameter("materialId", "补正告知未要求补充该材料");
            }
        } else if (a.status != ApplicationStatus.DRAFT) {
            throw ApiException.conflict("MATERIALS_CLOSED", "当前状态不能上传材料");
        }
        return material;
    }

    private ApplicationView.MaterialFile attach(Application a, long materialId, Upload upload) {
        String key = files.store(a, materialId, upload.bytes());
        return insert(a, materialId, upload.fileName(), upload.contentType(), upload.bytes().length, upload.sha256(), key);
    }

    /** Runs with the owner locked (MaterialFiles), so the draft cannot expire meanwhile unnoticed. */
    private ApplicationView.MaterialFile insert(Application a, long materialId, String fileName, String contentType,
            long size, String sha256, String key) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (mapper.touchMaterials(a.id, now) == 0) {
            throw CaseRecords.concurrent();
        }
        mapper.insertMaterial(a.id, materialId, fileName, contentType, size, sha256, key, now);
        return mapper.findMaterials(a.id).stream().filter(m -> m.storageKey().equals(key) && m.materialId() == materialId)
                .max(Comparator.comparingLong(ApplicationMapper.StoredMaterial::id))
                .map(CaseRecords::materialFile).orElseThrow();
    }

    private record Upload(String fileName, String contentType, byte[] bytes, String sha256) {
    }

    private static Upload checkedUpload(MultipartFile file, Material material) {
        if (file == null || file.isEmpty()) {
            throw ApiException.badParameter("file", "文件为空");
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().trim();
        if (name.isEmpty() || name.length() > 200 || name.contains("/") || name.contains("\\") || name.contains("..")
                || name.chars().anyMatch(c -> c < 0x20)) {
            throw ApiException.badParameter("file", "文件名不合法");
        }
        if (file.getSize() > material.maxSizeMb() * 1024L * 1024L) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "FILE_TOO_LARGE",
                    "文件超过该材料的大小上限 " + material.maxSizeMb() + " MB", "file");
        }
        String extension = FileTypes.extension(name);
        if (!FileTypes.accepted(material.acceptTypes(), extension)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_TYPE_NOT_ALLOWED",
                    "该材料只接受以下格式：" + material.acceptTypes(), "file");
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sniffed = FileTypes.sniff(bytes);
        if (sniffed == null || !FileTypes.sameKind(extension, sniffed)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "FILE_CONTENT_MISMATCH",
                    "文件内容与扩展名 ." + extension + " 不符", "file");
        }
        return new Upload(name, FileTypes.contentType(sniffed), bytes, sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
