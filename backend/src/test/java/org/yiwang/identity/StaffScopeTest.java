package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Journeys;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A city's system administrator (hk.sysadmin, 海口市) manages staff of its own region only, cannot widen its own
 * rights, and reads no case data; the auditor reads the audit log and nothing else.
 */
@IntegrationTest
class StaffScopeTest {

    private static final String STAFF = "/api/v1/admin/staff";

    @LocalServerPort
    int port;

    @Test
    void aCitySystemAdministratorGrantsRolesOnlyWithinItsCity() {
        Api hk = Personas.login(port, "hk.sysadmin");
        Api province = Personas.login(port, "admin");
        Journeys journeys = new Journeys(port);
        long haikou = journeys.agencyId("4601", "海口市市场监督管理局");
        long sanya = journeys.agencyId("4602", "三亚市市场监督管理局");
        long provincial = province.get("/api/v1/auth/me").json().path("agencyId").asLong();

        Api.Response created = hk.post(STAFF, newStaff("hk.items2", haikou, "ITEM_ADMIN"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("regionCode").asText()).isEqualTo("4601");
        for (long elsewhere : List.of(provincial, sanya)) {
            JsonNode refused = assertProblem(hk.post(STAFF, newStaff("hk.climber" + elsewhere, elsewhere, "ITEM_ADMIN")), 400,
                    "INVALID_PARAMETER");
            assertThat(refused.path("parameter").asText()).isEqualTo("agencyId");
        }
        assertThat(province.get(STAFF, "q", "hk.climber").json().path("total").asLong()).as("nothing created").isZero();

        long syAccept = id(province, "sy.accept");
        long supervisor = id(province, "supervisor");
        for (long other : List.of(syAccept, supervisor)) {
            assertProblem(hk.put(STAFF + "/" + other + "/roles", Map.of("roles", List.of("ITEM_ADMIN"))), 404, "NOT_FOUND");
            assertProblem(hk.post(STAFF + "/" + other + "/reset-password", Map.of("password", "Taken-Over-2026")), 404, "NOT_FOUND");
            assertProblem(hk.post(STAFF + "/" + other + "/disable", "{}"), 404, "NOT_FOUND");
        }
        assertThat(province.get(STAFF, "q", "sy.accept").json().path("items").get(0).path("roles").toString())
                .isEqualTo("[\"ACCEPT\"]");
        assertThat(hk.get(STAFF, "size", 100).json().path("items").findValuesAsText("regionCode")).allMatch(r -> r.startsWith("4601"));
    }

    @Test
    void nobodyChangesTheirOwnRoles() {
        Api hk = Personas.login(port, "hk.sysadmin");
        long own = id(hk, "hk.sysadmin");
        assertProblem(hk.put(STAFF + "/" + own + "/roles", Map.of("roles", List.of("SYS_ADMIN", "SUPERVISE"))), 403, "SELF_ROLES");
        assertThat(Personas.login(port, "hk.sysadmin").get("/api/v1/auth/me").json().path("permissions").toString())
                .isEqualTo("[\"staff:manage\"]");
    }

    @Test
    void administrationAndAuditAreSeparateFromCaseWork() {
        Journeys journeys = new Journeys(port);
        Api applicant = Personas.login(port, "applicant");
        String no = journeys.apply(applicant, journeys.haikouLicensingItem(), "4601");
        assertThat(Personas.login(port, "hk.accept").get("/api/v1/applications/" + no).status()).isEqualTo(200);
        // hk.sysadmin and hk.admin work at the very agency the application went to.
        for (String admin : List.of("hk.sysadmin", "hk.admin", "admin", "auditor")) {
            assertProblem(Personas.login(port, admin).get("/api/v1/applications/" + no), 404, "NOT_FOUND");
        }

        Api auditor = Personas.login(port, "auditor");
        assertThat(auditor.get("/api/v1/auth/me").json().path("permissions").toString()).isEqualTo("[\"audit:read\"]");
        assertThat(auditor.get("/api/v1/audit", "action", "STAFF_CREATED").status()).isEqualTo(200);
        for (String path : List.of(STAFF, "/api/v1/admin/items", "/api/v1/admin/models", "/api/v1/workbench/tasks")) {
            assertProblem(auditor.get(path), 403, "FORBIDDEN");
        }
        assertProblem(Personas.login(port, "admin").get("/api/v1/audit"), 403, "FORBIDDEN");
    }

    private static Map<String, Object> newStaff(String username, long agencyId, String role) {
        return Map.of("username", username, "displayName", "测试员", "agencyId", agencyId, "roles", List.of(role),
                "password", "Staff-Pass-2026");
    }

    private static long id(Api admin, String username) {
        for (JsonNode member : admin.get(STAFF, "q", username).json().path("items")) {
            if (member.path("username").asText().equals(username)) {
                return member.path("id").asLong();
            }
        }
        throw new AssertionError("no staff " + username);
    }
}
