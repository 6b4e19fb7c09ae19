package org.yiwang.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.yiwang.common.JavaDataMigration;
import org.yiwang.common.ReferenceData;

/** Loads the 11,702 implemented items that {@link CatalogGenerator} builds from the reference data. */
@Component
class CatalogDataMigration extends JavaDataMigration {

    /** Catalogue entries carry the date the implementation list was first published. */
    private static final Timestamp PUBLISHED = Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 0, 0));

    CatalogDataMigration() {
        super("3", "service item catalogue");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        List<CatalogGenerator.Item> items = CatalogGenerator.generate(vocabulary(), departments(), places(),
                column("divisions/hainan-townships.csv", "code"), column("divisions/hainan-villages.csv", "code"),
                provincialUnits(db));
        Map<String, AgencyRef> agencies = agencies(db);
        try (PreparedStatement item = db.prepareStatement("""
                INSERT INTO item (id, code, basic_code, name, main_item_name, type, level, region_code, agency_id,
                  department_code, case_kind, audience, legal_limit_days, promised_limit_days, fee, fee_basis, visits, online_depth,
                  law_basis, consult_phone, complaint_phone, process_description, process_key, pinyin, initials,
                  status, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PUBLISHED', 1, ?)""");
             PreparedStatement material = db.prepareStatement("""
                INSERT INTO item_material (id, item_id, seq, name, form, copies, required, blank_form, sample,
                  accept_types, max_size_mb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int batched = 0;
            for (CatalogGenerator.Item it : items) {
                AgencyRef agency = agencies.get(it.agencyCode());
                if (agency == null) {
                    throw new IllegalStateException("no agency " + it.agencyCode() + " for item " + it.code());
                }
                Pinyin.Spelling spelling = Pinyin.of(it.name());
                int i = 1;
                item.setLong(i++, it.id());
                item.setString(i++, it.code());
                item.setString(i++, it.basicCode());
                item.setString(i++, it.name());
                item.setString(i++, it.mainItemName());
                item.setInt(i++, it.type());
                item.setString(i++, it.level().name());
                item.setString(i++, it.regionCode());
                item.setLong(i++, agency.id());
                item.setString(i++, it.departmentCode());
                item.setString(i++, it.caseKind());
                item.setString(i++, it.audience());
                item.setInt(i++, it.legalLimitDays());
                item.setInt(i++, it.promisedLimitDays());
                item.setString(i++, it.fee());
                item.setString(i++, it.feeBasis());
                item.setInt(i++, it.visits());
                item.setInt(i++, it.onlineDepth());
                item.setString(i++, it.lawBasis());
                item.setString(i++, agency.phone());
                item.setString(i++, "12345");
                item.setString(i++, it.processDescription());
                item.setString(i++, it.processKey());
                item.setString(i++, spelling.full());
                item.setString(i++, spelling.initials());
                item.setTimestamp(i, PUBLISHED);
                item.addBatch();
                for (CatalogGenerator.Material m : it.materials()) {
                    int j = 1;
                    material.setLong(j++, it.id() * 10 + m.seq());
                    material.setLong(j++, it.id());
                    material.setInt(j++, m.seq());
                    material.setString(j++, m.name());
                    material.setString(j++, m.form());
                    material.setInt(j++, m.copies());
                    material.setBoolean(j++, m.required());
                    material.setBoolean(j++, m.blankForm());
                    material.setBoolean(j++, m.sample());
                    material.setString(j++, m.acceptTypes());
                    material.setInt(j, m.maxSizeMb());
                    material.addBatch();
                }
                if (++batched % 1000 == 0) {
                    item.executeBatch();
                    material.executeBatch();
                }
            }
            item.executeBatch();
            material.executeBatch();
        }
    }

    static List<CatalogGenerator.Vocabulary> vocabulary() {
        List<CatalogGenerator.Vocabulary> vocabulary = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (var row : ReferenceData.csv("catalog/county-service-items.csv")) {
            // The guide is from another province; its place names become Hainan's.
            String name = row.get("name").replace("四川省", "海南省").trim();
            if (seen.putIfAbsent(name, true) == null) {
                vocabulary.add(new CatalogGenerator.Vocabulary(vocabulary.size() + 1, row.get("department"),
                        row.get("group"), name, Integer.parseInt(row.get("taskType"))));
            }
        }
        return vocabulary;
    }

    static Map<String, CatalogGenerator.Department> departments() {
        Map<String, CatalogGenerator.Department> departments = new LinkedHashMap<>();
        for (var row : ReferenceData.csv("agencies/city-county-departments.csv")) {
            departments.put(row.get("sourceDepartment"), new CatalogGenerator.Department(row.get("sourceDepartment"),
                    row.get("code"), row.get("shortName"), row.get("provincialUnit"), row.get("lawBasis")));
        }
        return departments;
    }

    static List<CatalogGenerator.Place> places() {
        return ReferenceData.csv("agencies/city-county-jurisdictions.csv").stream()
                .map(r -> new CatalogGenerator.Place(r.get("regionCode"), r.get("name"))).toList();
    }

    static List<String> column(String file, String column) {
        return ReferenceData.csv(file).stream().map(r -> r.get(column)).toList();
    }

    private static Map<String, String> provincialUnits(Connection db) throws SQLException {
        Map<String, String> codes = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT name, code FROM agency WHERE level = 'PROVINCE'");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                codes.put(rs.getString(1), rs.getString(2));
            }
        }
        return codes;
    }

    private record AgencyRef(long id, String phone) {
    }

    private static Map<String, AgencyRef> agencies(Connection db) throws SQLException {
        Map<String, AgencyRef> agencies = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT code, id, phone FROM agency");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                agencies.put(rs.getString(1), new AgencyRef(rs.getLong(2), rs.getString(3)));
            }
        }
        return agencies;
    }
}
