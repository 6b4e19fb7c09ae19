package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yiwang.support.ProblemAssert.assertProblem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;
import org.yiwang.support.Personas;

import com.fasterxml.jackson.databind.JsonNode;

/** Passwords an administrator set are replaced at first login; a password change ends the other sessions. */
@IntegrationTest
class PasswordChangeTest {

    @LocalServerPort
    int port;

    private long createStaff(Api admin, String username, String password) {
        long agencyId = admin.get("/api/v1/regions/4601/agencies").json().get(0).path("id").asLong();
        Api.Response created = admin.post("/api/v1/admin/staff", Map.of("username", username, "displayName", "测试员",
                "agencyId", agencyId, "roles", List.of("ACCEPT"), "password", password));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    @Test
    void aNewMemberOfStaffMustChangeTheAdministratorsPasswordBeforeAnythingElse() {
        Api admin = Personas.login(port, "admin");
        createStaff(admin, "must.change", "Admin-Set-2026");

        Api staff = Personas.login(port, "must.change", "Admin-Set-2026");
        assertThat(staff.get("/api/v1/auth/me").json().path("mustChangePassword").asBoolean()).isTrue();
        assertProblem(staff.get("/api/v1/workbench/tasks"), 403, "PASSWORD_CHANGE_REQUIRED");
        assertProblem(staff.post("/api/v1/workbench/tasks/batch/claim", Map.of()), 403, "PASSWORD_CHANGE_REQUIRED");
        assertProblem(staff.post("/api/v1/auth/password", Map.of("currentPassword", "Admin-Set-2026",
                "newPassword", "Admin-Set-2026")), 400, "INVALID_PARAMETER");

        Api.Response changed = staff.post("/api/v1/auth/password", Map.of("currentPassword", "Admin-Set-2026",
                "newPassword", "My-Own-Pass-2026"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(staff.get("/api/v1/auth/me").json().path("mustChangePassword").asBoolean()).isFalse();
        assertThat(staff.get("/api/v1/workbench/tasks").status()).isEqualTo(200);
        // Next time too: the flag is gone from the account, not only from this session.
        Api later = Personas.login(port, "must.change", "My-Own-Pass-2026");
        assertThat(later.get("/api/v1/workbench/tasks").status()).isEqualTo(200);
    }

    @Test
    void aPasswordResetByAnAdministratorMustBeChangedToo() {
        Api admin = Personas.login(port, "admin");
        long id = createStaff(admin, "reset.me", "Admin-Set-2026");
        Api staff = Personas.login(port, "reset.me", "Admin-Set-2026");
        staff.post("/api/v1/auth/password", Map.of("currentPassword", "Admin-Set-2026", "newPassword", "My-Own-Pass-2026"));
        assertThat(staff.get("/api/v1/workbench/tasks").status()).isEqualTo(200);

        assertThat(admin.post("/api/v1/admin/staff/" + id + "/reset-password", Map.of("password", "Reset-Pass-2026")).status()).isEqualTo(200);
        Api again = Personas.login(port, "reset.me", "Reset-Pass-2026");
        assertProblem(again.get("/api/v1/workbench/tasks"), 403, "PASSWORD_CHANGE_REQUIRED");
    }

    @Test
    void demoAccountsNeedNoChange() {
        JsonNode me = Personas.login(port, "hk.accept").get("/api/v1/auth/me").json();
        assertThat(me.path("mustChangePassword").asBoolean()).isFalse();
    }

    @Test
    void aPasswordChangeEndsTheAccountsOtherSessionsButNotThisOne() {
        Api admin = Personas.login(port, "admin");
        createStaff(admin, "two.devices", "Admin-Set-2026");
        Api phone = Personas.login(port, "two.devices", "Admin-Set-2026");
        phone.post("/api/v1/auth/password", Map.of("currentPassword", "Admin-Set-2026", "newPassword", "First-Own-2026"));
        Api desk = Personas.login(port, "two.devices", "First-Own-2026");
        Api laptop = Personas.login(port, "two.devices", "First-Own-2026");
        assertThat(desk.get("/api/v1/workbench/tasks").status()).isEqualTo(200);

        assertThat(laptop.post("/api/v1/auth/password", Map.of("currentPassword", "First-Own-2026",
                "newPassword", "Second-Own-2026")).status()).isEqualTo(204);

        assertProblem(desk.get("/api/v1/workbench/tasks"), 401, "UNAUTHENTICATED");
        assertProblem(phone.get("/api/v1/auth/me"), 401, "UNAUTHENTICATED");
        assertThat(laptop.get("/api/v1/workbench/tasks").status()).isEqualTo(200);
    }
}
