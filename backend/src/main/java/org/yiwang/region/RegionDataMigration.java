package org.yiwang.region;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.yiwang.common.JavaDataMigration;
import org.yiwang.common.ReferenceData;

/**
 * Loads the real Hainan divisions (1 + 4 + 27 + 243 + 3,296) and the agencies seated in them: the 50
 * provincial units, the departments of the 20 市县区, every township government and every village or
 * community committee as a service point (便民服务站).
 */
@Component
class RegionDataMigration extends JavaDataMigration {

    /** The 省直辖县级行政区划 group is not a government of its own: its counties hang below the province. */
    private static final String COUNTY_GROUP = "4690";

    RegionDataMigration() {
        super("2", "regions and agencies");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        Map<String, String> fullNames = loadRegions(db);
        loadAgencies(db, fullNames);
    }

    private Map<String, String> loadRegions(Connection db) throws SQLException {
        Map<String, String> fullNames = new HashMap<>();
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO region (code, name, full_name, kind, level, parent_code) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (var row : ReferenceData.csv("divisions/hainan-province.csv")) {
                add(insert, fullNames, row.get("code"), row.get("name"), "PROVINCE", ServiceLevel.PROVINCE, null);
            }
            for (var row : ReferenceData.csv("divisions/hainan-cities.csv")) {
                if (!row.get("code").equals(COUNTY_GROUP)) {
                    add(insert, fullNames, row.get("code"), row.get("name"), "CITY", ServiceLevel.CITY_COUNTY, row.get("provinceCode"));
                }
            }
            for (var row : ReferenceData.csv("divisions/hainan-counties.csv")) {
                String parent = row.get("cityCode").equals(COUNTY_GROUP) ? row.get("provinceCode") : row.get("cityCode");
                add(insert, fullNames, row.get("code"), row.get("name"), "COUNTY", ServiceLevel.CITY_COUNTY, parent);
            }
            for (var row : ReferenceData.csv("divisions/hainan-townships.csv")) {
                add(insert, fullNames, row.get("code"), row.get("name"), "TOWNSHIP", ServiceLevel.TOWNSHIP, row.get("areaCode"));
            }
            for (var row : ReferenceData.csv("divisions/hainan-villages.csv")) {
                add(insert, fullNames, row.get("code"), row.get("name"), "VILLAGE", ServiceLevel.VILLAGE, row.get("streetCode"));
            }
            insert.executeBatch();
        }
        return fullNames;
    }

    private static void add(PreparedStatement insert, Map<String, String> fullNames, String code, String name,
            String kind, ServiceLevel level, String parent) throws SQLException {
        String parentName = parent == null ? "" : fullNames.get(parent);
        // 儋州市 is a prefecture-level city whose only county-level unit bears the same name.
        String fullName = parentName.endsWith(name) ? parentName : parentName + name;
        fullNames.put(code, fullName);
        insert.setString(1, code);
        insert.setString(2, name);
        insert.setString(3, fullName);
        insert.setString(4, kind);
        insert.setString(5, level.name());
        insert.setString(6, parent);
        insert.addBatch();
    }

    private void loadAgencies(Connection db, Map<String, String> fullNames) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO agency (id, code, name, short_name, kind, level, region_code, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long id = 1;
            for (var row : ReferenceData.csv("agencies/hainan-provincial-units.csv")) {
                String kind = row.get("kind").toUpperCase().replace('-', '_');
                agency(insert, id, "P%03d".formatted(id), row.get("name"), row.get("shortName"), kind,
                        ServiceLevel.PROVINCE, RegionService.PROVINCE);
                id++;
            }
            List<Map<String, String>> departments = ReferenceData.csv("agencies/city-county-departments.csv");
            id = 1000;
            for (var place : ReferenceData.csv("agencies/city-county-jurisdictions.csv")) {
                long deptId = id;
                for (var dept : departments) {
                    agency(insert, deptId++, departmentCode(place.get("regionCode"), dept.get("code")),
                            dept.get("namePattern").replace("{place}", place.get("name")), dept.get("shortName"),
                            "DEPARTMENT", ServiceLevel.CITY_COUNTY, place.get("regionCode"));
                }
                id += 100;
            }
            id = 100_000;
            for (var row : ReferenceData.csv("divisions/hainan-townships.csv")) {
                String name = row.get("name");
                String office = name.endsWith("街道") ? name + "办事处" : name + "人民政府";
                agency(insert, id++, "T" + row.get("code"), local(fullNames.get(row.get("areaCode"))) + office, office,
                        "TOWNSHIP_GOVERNMENT", ServiceLevel.TOWNSHIP, row.get("code"));
            }
            id = 200_000;
            for (var row : ReferenceData.csv("divisions/hainan-villages.csv")) {
                agency(insert, id++, "V" + row.get("code"), local(fullNames.get(row.get("code"))) + "便民服务站",
                        row.get("name") + "便民服务站", "VILLAGE_SERVICE_POINT", ServiceLevel.VILLAGE, row.get("code"));
            }
            insert.executeBatch();
        }
    }

    /** Agencies are named within the province: 海口市秀英区秀英街道办事处, not 海南省海口市…. */
    private static String local(String fullName) {
        return fullName.substring(fullName.indexOf('省') + 1);
    }

    /** The code of a 市县区 department, e.g. {@code 4601-SCJ} for 海口市市场监督管理局. */
    public static String departmentCode(String regionCode, String departmentCode) {
        return regionCode + "-" + departmentCode;
    }

    private static void agency(PreparedStatement insert, long id, String code, String name, String shortName,
            String kind, ServiceLevel level, String regionCode) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, code);
        insert.setString(3, name);
        insert.setString(4, shortName);
        insert.setString(5, kind);
        insert.setString(6, level.name());
        insert.setString(7, regionCode);
        // Hainan has one area code; the number is stable per agency.
        insert.setString(8, "0898-%04d%04d".formatted(6500 + (id % 500), (id * 7919) % 10000));
        insert.addBatch();
    }
}
