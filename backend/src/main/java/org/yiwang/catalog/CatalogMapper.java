package org.yiwang.catalog;

import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface CatalogMapper {

    List<Item> findAllPublished();

    List<CatalogService.MaterialName> findPublishedMaterialNames();

    Item findByCode(@Param("code") String code);

    /** The materials an item asks for now; retired ones stay only for the applications that uploaded them. */
    List<Material> findMaterials(@Param("itemId") long itemId);

    String findCodeByProcessKey(@Param("processKey") String processKey, @Param("region") String region);

    long countPublished();

    // Item administration

    List<Item> findForAdmin(@Param("q") String q, @Param("status") String status, @Param("region") String region,
            @Param("offset") int offset, @Param("limit") int limit);

    long countForAdmin(@Param("q") String q, @Param("status") String status, @Param("region") String region);

    long nextItemId();

    /** The highest entry number of the catalogue's basic codes ({@code XK0042} → 42). */
    Integer lastEntryNumber();

    void insertItem(@Param("i") ItemRow item);

    /** Answers 0 when the item's version is no longer {@code expected}: someone else changed it first. */
    int updateItem(@Param("i") ItemRow item, @Param("expected") int expected);

    int updateStatus(@Param("id") long id, @Param("status") String status, @Param("expected") int expected,
            @Param("updatedAt") LocalDateTime updatedAt);

    List<Long> findMaterialIds(@Param("itemId") long itemId);

    long nextMaterialId();

    /** Moves every material of the item out of the way of new positions (seq = -id), before they are renumbered. */
    void parkMaterials(@Param("itemId") long itemId);

    void insertMaterial(@Param("itemId") long itemId, @Param("m") Material material);

    void updateMaterial(@Param("m") Material material);

    void retireMaterial(@Param("id") long id);

    void insertVersion(@Param("itemId") long itemId, @Param("version") int version, @Param("action") String action,
            @Param("status") String status, @Param("snapshot") String snapshot, @Param("changedBy") String changedBy,
            @Param("changedAt") LocalDateTime changedAt);

    List<ItemAdminService.Version> findVersions(@Param("itemId") long itemId);

    String findSnapshot(@Param("itemId") long itemId, @Param("version") int version);

    // Forms

    List<FormRow> findLatestForms();

    List<FormRow> findFormVersions(@Param("key") String key);

    FormRow findForm(@Param("key") String key, @Param("version") int version);

    int lastFormVersion(@Param("key") String key);

    void insertForm(@Param("f") FormRow form);

    /** The columns of an item an administrator writes. */
    final class ItemRow {
        public long id;
        public String code;
        public String basicCode;
        public String name;
        public String mainItemName;
        public int type;
        public String level;
        public String regionCode;
        public long agencyId;
        public String departmentCode;
        public String caseKind;
        public String audience;
        public int legalLimitDays;
        public int promisedLimitDays;
        public String fee;
        public String feeBasis;
        public int visits;
        public int onlineDepth;
        public String lawBasis;
        public String consultPhone;
        public String complaintPhone;
        public String processDescription;
        public String processKey;
        public String formKey;
        public Integer formVersion;
        public String pinyin;
        public String initials;
        public String status;
        public int version;
        public LocalDateTime updatedAt;
    }

    final class FormRow {
        public Long id;
        public String formKey;
        public int version;
        public String name;
        public String fields;
        public String createdBy;
        public LocalDateTime createdAt;
    }
}
